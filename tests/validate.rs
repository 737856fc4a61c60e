#![cfg(not(target_arch = "wasm32"))]
//! The validator against connectors.md and api.md: every diagnostic code
//! triggered with its exact path, position, severity and wording; clean
//! payloads that must stay clean; options; and where errors point (§6).

mod common;

use std::collections::BTreeSet;

use common::*;
use connector_kit::diagnostics::{Severity, CODES};
use connector_kit::validate::{validate, Mode, Options};
use proptest::prelude::*;

/// One payload that triggers `code`, and what the diagnostic must say.
struct Case {
    mode: Mode,
    src: String,
    code: &'static str,
    severity: Severity,
    path: &'static str,
    /// 1-based line and column of the diagnostic…
    at: (u32, u32),
    /// …and the text that starts there (the value, or the parent object).
    token: &'static str,
    /// Words the message must contain (what is wrong, what was found).
    message: &'static [&'static str],
    /// Words the hint must contain (the fix, did-you-mean).
    hint: &'static [&'static str],
}

impl Default for Case {
    fn default() -> Self {
        Case { mode: Mode::Create, src: String::new(), code: "", severity: Severity::Error, path: "", at: (0, 0), token: "", message: &[], hint: &[] }
    }
}

fn run(name: &str, case: &Case) {
    let report = validate(&case.src, &Options { mode: case.mode, positions: true });
    let context = format!("case `{name}`:\n{}\nreport:\n{}", case.src, dump(&report));
    let d = report
        .diagnostics
        .iter()
        .filter(|d| d.code == case.code && d.path == case.path)
        .collect::<Vec<_>>();
    assert_eq!(d.len(), 1, "expected one `{}` at `{}` — {context}", case.code, case.path);
    let d = d[0];
    assert_eq!(d.severity, case.severity, "severity — {context}");
    assert_eq!((d.line, d.column), (Some(case.at.0), Some(case.at.1)), "position — {context}");
    let there = text_at(&case.src, case.at.0, case.at.1);
    assert!(there.starts_with(case.token), "the text at {:?} is {there:?}, not {:?} — {context}", case.at, case.token);
    for word in case.message {
        assert!(d.message.contains(word), "message {:?} lacks {word:?} — {context}", d.message);
    }
    let hint = d.hint.as_deref().unwrap_or("");
    for word in case.hint {
        assert!(hint.contains(word), "hint {hint:?} lacks {word:?} — {context}");
    }
    assert_report_invariants(&case.src, &report);
    if case.code != "invalid-json" {
        assert_points_at_its_path(&case.src, &report);
    }
}

/// Declares one `#[test]` per case, and `all_cases()` for the coverage test.
macro_rules! cases {
    ($($name:ident => $case:expr;)*) => {
        fn all_cases() -> Vec<(&'static str, Case)> {
            vec![$((stringify!($name), $case)),*]
        }
        $(
            #[test]
            fn $name() {
                run(stringify!($name), &$case);
            }
        )*
    };
}

/// A valid BEARER connector, to graft one problem onto.
const BEARER: &str = r#"{
  "display_name": "Acme",
  "description": "Acme API",
  "auth_patterns": [
    {
      "type": "BEARER",
      "display_name": "Token",
      "description": "A personal token",
      "fields": [
        {
          "field_name": "token",
          "label": "Token",
          "input_type": "password",
          "hint": "Settings → Tokens",
          "required": true
        }
      ]
    }
  ],
  "proxy_url": "https://api.example.com",
  "proxy_enabled": true
}"#;

fn bearer_with(from: &str, to: &str) -> String {
    assert!(BEARER.contains(from), "{from:?} is not in BEARER");
    BEARER.replacen(from, to, 1)
}

fn long_url(len: usize) -> String {
    let base = "https://api.example.com/";
    format!("{base}{}", "a".repeat(len - base.len()))
}

cases! {
    invalid_json => Case {
        src: "{\n  \"display_name\": \"Acme\",\n  \"proxy_enabled\": true,\n}".into(),
        code: "invalid-json", path: "", at: (4, 1), token: "}",
        message: &["Invalid JSON", "Trailing comma"], hint: &["remove the comma"],
        ..Case::default()
    };
    not_an_object => Case {
        src: "\n  [\n    {\"display_name\": \"Acme\"}\n  ]\n".into(),
        code: "not-an-object", path: "", at: (2, 3), token: "[",
        message: &["JSON object", "an array"], hint: &["display_name"],
        ..Case::default()
    };
    duplicate_key => Case {
        src: "{\n  \"proxy_url\": \"https://a.example.com\",\n  \"display_name\": \"Acme\",\n  \"proxy_url\": \"https://b.example.com\"\n}".into(),
        code: "duplicate-key", path: "/proxy_url", at: (4, 16), token: "\"https://b.example.com\"",
        message: &["`proxy_url`", "more than once"], hint: &["keep one"],
        ..Case::default()
    };
    wrong_type => Case {
        src: bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": \"true\""),
        code: "wrong-type", path: "/proxy_enabled", at: (21, 20), token: "\"true\"",
        message: &["`proxy_enabled`", "a boolean", "a string (\"true\")"], hint: &["write true without quotes"],
        ..Case::default()
    };
    unknown_key => Case {
        src: bearer_with("\"proxy_url\"", "\"proxy_uri\""),
        code: "unknown-key", severity: Severity::Warning, path: "/proxy_uri", at: (20, 16), token: "\"https://api.example.com\"",
        message: &["Unknown key `proxy_uri`"], hint: &["did you mean `proxy_url`?"],
        ..Case::default()
    };
    missing_member => Case {
        src: bearer_with("      \"type\": \"BEARER\",\n", ""),
        code: "missing-member", path: "/auth_patterns/0/type", at: (5, 5), token: "{",
        message: &["`type` is missing"], hint: &["OAUTH, BASIC, BEARER, API_KEY, NO_AUTH"],
        ..Case::default()
    };
    display_name_length => Case {
        src: bearer_with("\"display_name\": \"Acme\"", "\"display_name\": \"\""),
        code: "display-name-length", path: "/display_name", at: (2, 19), token: "\"\"",
        message: &["`display_name` is empty"], hint: &["give the connector a name"],
        ..Case::default()
    };
    display_name_charset => Case {
        src: bearer_with("\"display_name\": \"Acme\"", "\"display_name\": \"Jira-Cloud\""),
        code: "display-name-charset", path: "/display_name", at: (2, 19), token: "\"Jira-Cloud\"",
        message: &["letters, digits and spaces", "`-`"], hint: &["use \"Jira Cloud\""],
        ..Case::default()
    };
    url_not_https => Case {
        src: bearer_with("https://api.example.com", "http://api.example.com"),
        code: "url-not-https", path: "/proxy_url", at: (20, 16), token: "\"http://api.example.com\"",
        message: &["`proxy_url`", "https://"], hint: &["use https://api.example.com"],
        ..Case::default()
    };
    url_invalid => Case {
        src: bearer_with("https://api.example.com", "https://api example.com"),
        code: "url-invalid", path: "/proxy_url", at: (20, 16), token: "\"https://api example.com\"",
        message: &["`proxy_url` is not a valid URL"],
        ..Case::default()
    };
    url_too_long => Case {
        src: bearer_with("https://api.example.com", &long_url(2049)),
        code: "url-too-long", path: "/proxy_url", at: (20, 16), token: "\"https://api.example.com/aaa",
        message: &["2049 characters", "at most 2048"],
        ..Case::default()
    };
    proxy_disabled => Case {
        src: bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": false"),
        code: "proxy-disabled", path: "/proxy_enabled", at: (21, 20), token: "false",
        message: &["`proxy_enabled` is false", "proxy will not work"], hint: &["\"proxy_enabled\": true"],
        ..Case::default()
    };
    proxy_url_trailing_slash => Case {
        src: bearer_with("https://api.example.com", "https://api.example.com/v2/"),
        code: "proxy-url-trailing-slash", severity: Severity::Info, path: "/proxy_url", at: (20, 16), token: "\"https://api.example.com/v2/\"",
        message: &["ends with `/`"], hint: &["use \"https://api.example.com/v2\""],
        ..Case::default()
    };
    metadata_too_many => Case {
        src: format!("{{\n  \"display_name\": \"Acme\",\n  \"metadata\": {{{}}}\n}}", (0..21).map(|i| format!("\"key{i:02}\": \"v\"")).collect::<Vec<_>>().join(", ")),
        code: "metadata-too-many", path: "/metadata", at: (3, 15), token: "{\"key00\"",
        message: &["21 pairs", "at most 20"],
        ..Case::default()
    };
    metadata_key_length => Case {
        src: "{\n  \"display_name\": \"Acme\",\n  \"metadata\": {\n    \"ab\": \"x\"\n  }\n}".into(),
        code: "metadata-key-length", path: "/metadata/ab", at: (4, 11), token: "\"x\"",
        message: &["`ab`", "2 characters", "3 to 25"],
        ..Case::default()
    };
    metadata_value_length => Case {
        src: "{\n  \"display_name\": \"Acme\",\n  \"metadata\": {\n    \"team\": \"\"\n  }\n}".into(),
        code: "metadata-value-length", path: "/metadata/team", at: (4, 13), token: "\"\"",
        message: &["`team`", "0 characters", "1 to 256"],
        ..Case::default()
    };
    auth_patterns_empty => Case {
        src: "{\n  \"display_name\": \"Acme\",\n  \"auth_patterns\": [],\n  \"proxy_url\": \"https://api.example.com\"\n}".into(),
        code: "auth-patterns-empty", path: "/auth_patterns", at: (3, 20), token: "[]",
        message: &["`auth_patterns` is empty"], hint: &["OAUTH, BASIC, BEARER, API_KEY"],
        ..Case::default()
    };
    auth_patterns_multiple => Case {
        src: bearer_with("  ],\n  \"proxy_url\"", "    ,\n    {\n      \"type\": \"BEARER\"\n    }\n  ],\n  \"proxy_url\""),
        code: "auth-patterns-multiple", path: "/auth_patterns/1", at: (20, 5), token: "{",
        message: &["2 patterns", "exactly one"], hint: &["keep one pattern"],
        ..Case::default()
    };
    auth_type_unknown => Case {
        src: bearer_with("\"type\": \"BEARER\"", "\"type\": \"OAUTH2\""),
        code: "auth-type-unknown", path: "/auth_patterns/0/type", at: (6, 15), token: "\"OAUTH2\"",
        message: &["Unknown auth type `OAUTH2`"], hint: &["did you mean `OAUTH`?"],
        ..Case::default()
    };
    no_auth_not_mcp => Case {
        src: NO_AUTH.replacen("      \"is_mcp\": true,\n", "", 1),
        code: "no-auth-not-mcp", path: "/auth_patterns/0/type", at: (6, 15), token: "\"NO_AUTH\"",
        message: &["public MCP servers", "is_mcp"], hint: &["\"is_mcp\": true"],
        ..Case::default()
    };
    no_auth_inputs => Case {
        src: NO_AUTH.replacen("\"fields\": []", "\"fields\": [\n        {\"field_name\": \"token\"}\n      ]", 1),
        code: "no-auth-inputs", path: "/auth_patterns/0/fields", at: (10, 17), token: "[",
        message: &["NO_AUTH", "`fields` is not empty"], hint: &["remove the entries of fields"],
        ..Case::default()
    };
    mcp_inconsistent => Case {
        src: r#"{
  "display_name": "Acme",
  "auth_patterns": [
    {"type": "BEARER", "is_mcp": true},
    {"type": "BEARER", "is_mcp": false}
  ]
}"#.into(),
        code: "mcp-inconsistent", path: "/auth_patterns/1/is_mcp", at: (5, 34), token: "false",
        message: &["\"is_mcp\": true"], hint: &["set \"is_mcp\": true here too"],
        ..Case::default()
    };
    oauth_config_missing => Case {
        src: OAUTH.replacen(OAUTH_CONFIG, "", 1),
        code: "oauth-config-missing", path: "/auth_patterns/0/oauth_config", at: (5, 5), token: "{",
        message: &["OAUTH pattern needs `oauth_config`"], hint: &["authorize_uri", "token_uri"],
        ..Case::default()
    };
    oauth_config_unexpected => Case {
        src: bearer_with("      \"fields\": [", "      \"oauth_config\": {\"pkce_enabled\": true},\n      \"fields\": ["),
        code: "oauth-config-unexpected", path: "/auth_patterns/0/oauth_config", at: (9, 23), token: "{\"pkce_enabled\"",
        message: &["BEARER"], hint: &["remove oauth_config"],
        ..Case::default()
    };
    oauth_endpoint_missing => Case {
        src: OAUTH.replacen("          \"token_uri\": \"https://auth.example.com/token\",\n", "", 1),
        code: "oauth-endpoint-missing", path: "/auth_patterns/0/oauth_config/token_uri", at: (10, 23), token: "{",
        message: &["no `token_uri`"], hint: &["\"token_uri\": \"https://…\""],
        ..Case::default()
    };
    oauth_scope_empty => Case {
        src: OAUTH.replacen("{\"scope\": \"read\"}", "{\"scope\": \"\"}", 1),
        code: "oauth-scope-empty", path: "/auth_patterns/0/oauth_config/available_scopes/0/scope", at: (14, 23), token: "\"\"",
        message: &["non-empty `scope`"], hint: &["\"scope\":"],
        ..Case::default()
    };
    oauth_scope_duplicate => Case {
        src: OAUTH.replacen("{\"scope\": \"write\"}", "{\"scope\": \"read\"}", 1),
        code: "oauth-scope-duplicate", severity: Severity::Warning, path: "/auth_patterns/0/oauth_config/available_scopes/1/scope", at: (15, 23), token: "\"read\"",
        message: &["`read`", "more than once"], hint: &["keep one"],
        ..Case::default()
    };
    mcp_oauth_shape => Case {
        src: MCP_OAUTH.replacen("\"pkce_enabled\": true", "\"pkce_enabled\": true,\n        \"token_uri\": \"https://auth.example.com/token\"", 1),
        code: "mcp-oauth-shape", path: "/auth_patterns/0/oauth_config/token_uri", at: (12, 22), token: "\"https://auth.example.com/token\"",
        message: &["MCP OAuth config has no `token_uri`"], hint: &["exactly {\"pkce_enabled\": true}"],
        ..Case::default()
    };
    credential_missing => Case {
        src: bearer_with("\"field_name\": \"token\"", "\"field_name\": \"access_token\""),
        code: "credential-missing", path: "/auth_patterns/0/fields", at: (9, 17), token: "[",
        message: &["BEARER", "no field is named `token`"], hint: &["\"field_name\": \"token\""],
        ..Case::default()
    };
    field_name_missing => Case {
        src: bearer_with("          \"field_name\": \"token\",\n", ""),
        code: "field-name-missing", path: "/auth_patterns/0/fields/0/field_name", at: (10, 9), token: "{",
        message: &["no `field_name`"], hint: &["add \"field_name\""],
        ..Case::default()
    };
    field_name_duplicate => Case {
        src: bearer_with("        }\n      ]", "        },\n        {\"field_name\": \"token\", \"label\": \"Again\", \"input_type\": \"password\", \"hint\": \"h\"}\n      ]"),
        code: "field-name-duplicate", path: "/auth_patterns/0/fields/1/field_name", at: (17, 24), token: "\"token\"",
        message: &["already named `token`"], hint: &["its own field_name"],
        ..Case::default()
    };
    input_type_unknown => Case {
        src: bearer_with("\"input_type\": \"password\"", "\"input_type\": \"secret\""),
        code: "input-type-unknown", path: "/auth_patterns/0/fields/0/input_type", at: (13, 25), token: "\"secret\"",
        message: &["Unknown input_type `secret`"], hint: &["did you mean `password`?"],
        ..Case::default()
    };
    select_without_options => Case {
        src: bearer_with("        }\n      ]", "        },\n        {\n          \"field_name\": \"region\",\n          \"label\": \"Region\",\n          \"input_type\": \"select\",\n          \"hint\": \"Where your data lives\"\n        }\n      ]"),
        code: "select-without-options", severity: Severity::Warning, path: "/auth_patterns/0/fields/1/options", at: (17, 9), token: "{",
        message: &["no options"], hint: &["\"options\": [{\"value\""],
        ..Case::default()
    };
    option_value_missing => Case {
        src: bearer_with("        }\n      ]", "        },\n        {\n          \"field_name\": \"region\",\n          \"input_type\": \"select\",\n          \"options\": [\n            {\"display_name\": \"EU\"}\n          ]\n        }\n      ]"),
        code: "option-value-missing", path: "/auth_patterns/0/fields/1/options/0/value", at: (21, 13), token: "{\"display_name\": \"EU\"}",
        message: &["no `value`"], hint: &["add \"value\""],
        ..Case::default()
    };
    options_ignored => Case {
        src: bearer_with("          \"required\": true\n", "          \"required\": true,\n          \"options\": [{\"value\": \"a\"}]\n"),
        code: "options-ignored", severity: Severity::Warning, path: "/auth_patterns/0/fields/0/options", at: (16, 22), token: "[{\"value\"",
        message: &["only shown for select fields", "`password`"], hint: &["\"input_type\": \"select\""],
        ..Case::default()
    };
    secret_as_text => Case {
        src: bearer_with("\"input_type\": \"password\"", "\"input_type\": \"text\""),
        code: "secret-as-text", severity: Severity::Warning, path: "/auth_patterns/0/fields/0/input_type", at: (13, 25), token: "\"text\"",
        message: &["`token` looks like a secret"], hint: &["\"input_type\": \"password\""],
        ..Case::default()
    };
    path_param_unused => Case {
        src: bearer_with("          \"required\": true\n", "          \"required\": true\n        },\n        {\n          \"field_name\": \"region\",\n          \"label\": \"Region\",\n          \"input_type\": \"text\",\n          \"hint\": \"eu or us\",\n          \"is_path_param\": true\n"),
        code: "path-param-unused", severity: Severity::Warning, path: "/auth_patterns/0/fields/1/is_path_param", at: (22, 28), token: "true",
        message: &["`region` is never used", "{{region}}"], hint: &["put {{region}} in proxy_url"],
        ..Case::default()
    };
    path_param_misplaced => Case {
        src: OAUTH.replacen("\"fields\": []", "\"fields\": [\n        {\"field_name\": \"cloud_id\", \"label\": \"Cloud\", \"hint\": \"h\", \"is_path_param\": true}\n      ]", 1)
            .replacen("https://api.example.com", "https://api.example.com/ex/{{cloud_id}}", 1),
        code: "path-param-misplaced", severity: Severity::Warning, path: "/auth_patterns/0/fields/0/is_path_param", at: (10, 84), token: "true",
        message: &["OAUTH patterns take path parameters from `account_fields`", "in `fields`"], hint: &["move the field to account_fields"],
        ..Case::default()
    };
    account_fields_ignored => Case {
        src: bearer_with("      \"fields\": [", "      \"account_fields\": [{\"field_name\": \"org\"}],\n      \"fields\": ["),
        code: "account-fields-ignored", severity: Severity::Warning, path: "/auth_patterns/0/account_fields", at: (9, 25), token: "[{\"field_name\": \"org\"}]",
        message: &["`account_fields` are for OAUTH; BEARER patterns collect"], hint: &["move these fields into fields"],
        ..Case::default()
    };
    template_syntax => Case {
        src: FRESHDESK.replacen("{{domain}}", "{{ domain }}", 1),
        code: "template-syntax", path: "/proxy_url", at: (18, 16), token: "\"https://{{ domain }}/api\"",
        message: &["`proxy_url` holds a malformed placeholder", "space"], hint: &["{{domain}}"],
        ..Case::default()
    };
    template_unknown_variable => Case {
        src: FRESHDESK.replacen("{{domain}}", "{{domian}}", 1),
        code: "template-unknown-variable", path: "/proxy_url", at: (18, 16), token: "\"https://{{domian}}/api\"",
        message: &["`{{domian}}`", "no field is named `domian`"], hint: &["did you mean {{domain}}?"],
        ..Case::default()
    };
    template_placement => Case {
        src: FRESHDESK.replacen("https://{{domain}}/api", "https://api.example.com:{{domain}}", 1),
        code: "template-placement", path: "/proxy_url", at: (18, 16), token: "\"https://api.example.com:{{domain}}\"",
        message: &["`{{domain}}` sits in the port"], hint: &["move {{domain}} elsewhere"],
        ..Case::default()
    };
    mutation_target_unknown => Case {
        src: bearer_with("      ]\n    }", "      ],\n      \"auth_field_mutations\": {\n        \"tokn\": {\"prefix\": \"token \"}\n      }\n    }"),
        code: "mutation-target-unknown", path: "/auth_patterns/0/auth_field_mutations/tokn", at: (19, 17), token: "{\"prefix\"",
        message: &["`tokn` is not a credential", "ignored"], hint: &["did you mean `token`?"],
        ..Case::default()
    };
    mutation_operation_unknown => Case {
        src: bearer_with("      ]\n    }", "      ],\n      \"auth_field_mutations\": {\n        \"token\": {\"prefx\": \"token \"}\n      }\n    }"),
        code: "mutation-operation-unknown", path: "/auth_patterns/0/auth_field_mutations/token/prefx", at: (19, 28), token: "\"token \"",
        message: &["`prefx` is not a mutation operation"], hint: &["did you mean `prefix`?"],
        ..Case::default()
    };
    mutation_target_unused => Case {
        src: bearer_with("      ]\n    }", "      ],\n      \"auth_field_mutations\": {\n        \"username\": {\"suffix\": \"/token\"}\n      }\n    }"),
        code: "mutation-target-unused", severity: Severity::Warning, path: "/auth_patterns/0/auth_field_mutations/username", at: (19, 21), token: "{\"suffix\"",
        message: &["BEARER patterns send `token`, never `username`"], hint: &["remove it"],
        ..Case::default()
    };
    header_override_invalid => Case {
        src: bearer_with("      ]\n    }", "      ],\n      \"auth_header_key_override\": \"X API Key\"\n    }"),
        code: "header-override-invalid", path: "/auth_patterns/0/auth_header_key_override", at: (18, 35), token: "\"X API Key\"",
        message: &["`X API Key` is not a valid HTTP header name"], hint: &["use \"X-API-Key\""],
        ..Case::default()
    };
    header_override_ignored => Case {
        src: FRESHDESK.replacen("      }\n    }", "      },\n      \"auth_header_key_override\": \"X-Key\"\n    }", 1),
        code: "header-override-ignored", severity: Severity::Warning, path: "/auth_patterns/0/auth_header_key_override", at: (16, 35), token: "\"X-Key\"",
        message: &["BASIC pattern always sends `Authorization: Basic"], hint: &["remove auth_header_key_override"],
        ..Case::default()
    };
    proxy_domain_invalid => Case {
        src: bearer_with("      ]\n    }", "      ],\n      \"allowed_proxy_domains\": [\n        \"https://api.example.com/v1\"\n      ]\n    }"),
        code: "proxy-domain-invalid", severity: Severity::Warning, path: "/auth_patterns/0/allowed_proxy_domains/0", at: (19, 9), token: "\"https://api.example.com/v1\"",
        message: &["`https://api.example.com/v1` is not a host name"], hint: &["use \"api.example.com\""],
        ..Case::default()
    };
    missing_description => Case {
        src: bearer_with("      \"description\": \"A personal token\",\n", ""),
        code: "missing-description", severity: Severity::Info, path: "/auth_patterns/0/description", at: (5, 5), token: "{",
        message: &["no `description`"], hint: &["say how the user authenticates"],
        ..Case::default()
    };
    missing_label => Case {
        src: bearer_with("          \"label\": \"Token\",\n", ""),
        code: "missing-label", severity: Severity::Info, path: "/auth_patterns/0/fields/0/label", at: (10, 9), token: "{",
        message: &["no `label`"], hint: &["\"label\":"],
        ..Case::default()
    };
    missing_hint => Case {
        src: bearer_with("\"hint\": \"Settings → Tokens\"", "\"hint\": \" \""),
        code: "missing-hint", severity: Severity::Info, path: "/auth_patterns/0/fields/0/hint", at: (14, 19), token: "\" \"",
        message: &["no `hint`"], hint: &["\"hint\":"],
        ..Case::default()
    };
    update_omits_member => Case {
        mode: Mode::Update,
        src: BEARER.into(),
        code: "update-omits-member", severity: Severity::Warning, path: "/metadata", at: (1, 1), token: "{",
        message: &["does not send `metadata`"], hint: &["clears it"],
    };
}

/// An OAUTH (REST) connector with two scopes.
const OAUTH: &str = r#"{
  "display_name": "Acme",
  "description": "Acme API",
  "auth_patterns": [
    {
      "type": "OAUTH",
      "display_name": "OAuth 2.0",
      "description": "Sign in with Acme",
      "fields": [],
      "oauth_config": {
          "authorize_uri": "https://auth.example.com/authorize",
          "token_uri": "https://auth.example.com/token",
          "available_scopes": [
            {"scope": "read"},
            {"scope": "write"}
          ]
      }
    }
  ],
  "proxy_url": "https://api.example.com",
  "proxy_enabled": true
}"#;

const OAUTH_CONFIG: &str = r#",
      "oauth_config": {
          "authorize_uri": "https://auth.example.com/authorize",
          "token_uri": "https://auth.example.com/token",
          "available_scopes": [
            {"scope": "read"},
            {"scope": "write"}
          ]
      }"#;

/// An MCP server behind OAuth (Dynamic Client Registration).
const MCP_OAUTH: &str = r#"{
  "display_name": "Acme MCP",
  "description": "Acme tools",
  "auth_patterns": [
    {
      "type": "OAUTH",
      "display_name": "OAuth",
      "description": "Sign in with Acme",
      "is_mcp": true,
      "oauth_config": {
        "pkce_enabled": true
      }
    }
  ],
  "proxy_url": "https://mcp.example.com/mcp",
  "proxy_enabled": true
}"#;

/// A public MCP server.
const NO_AUTH: &str = r#"{
  "display_name": "Public MCP",
  "description": "A public MCP server",
  "auth_patterns": [
    {
      "type": "NO_AUTH",
      "display_name": "No authentication",
      "description": "Anyone may connect",
      "is_mcp": true,
      "fields": []
    }
  ],
  "proxy_url": "https://mcp.example.com/mcp",
  "proxy_enabled": true
}"#;

/// Freshdesk: the API key is the username, the password is "X".
const FRESHDESK: &str = r#"{
  "display_name": "Freshdesk",
  "description": "Tickets and contacts",
  "auth_patterns": [
    {
      "type": "BASIC",
      "display_name": "API key",
      "description": "Your API key is the username",
      "fields": [
        {"field_name": "domain", "label": "Domain", "input_type": "text", "hint": "acme.freshdesk.com", "required": true},
        {"field_name": "username", "label": "API key", "input_type": "password", "hint": "Profile settings", "required": true}
      ],
      "auth_field_mutations": {
        "password": {"default": "X"}
      }
    }
  ],
  "proxy_url": "https://{{domain}}/api",
  "proxy_enabled": true
}"#;

// ---------------------------------------------------------------------------
// Coverage of CODES.

#[test]
fn every_code_has_a_case() {
    let cases = all_cases();
    let mut covered: BTreeSet<&str> = cases.iter().map(|(_, case)| case.code).collect();
    // Tested on its own (it needs more than 200 problems) …
    covered.insert("too-many-diagnostics");
    // … and raised by the JS glue, never by the Rust validator.
    covered.insert("internal-error");
    let documented: BTreeSet<&str> = CODES.iter().map(|info| info.code).collect();
    let untested: Vec<&&str> = documented.difference(&covered).collect();
    let unknown: Vec<&&str> = covered.difference(&documented).collect();
    assert!(untested.is_empty(), "codes without a case in tests/validate.rs: {untested:?}");
    assert!(unknown.is_empty(), "cases for codes missing from CODES: {unknown:?}");
    for (name, case) in &cases {
        assert_eq!(case.severity, documented_severity(case.code), "case {name}: the severity CODES documents for {}", case.code);
    }
}

#[test]
fn codes_are_unique_kebab_case_with_examples() {
    let mut seen = BTreeSet::new();
    for info in CODES {
        assert!(seen.insert(info.code), "{} listed twice", info.code);
        assert!(info.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{} is not kebab-case", info.code);
        assert!(!info.example.is_empty() && !info.example.contains('\n'), "{} needs a one-line example", info.code);
    }
}

#[test]
fn too_many_diagnostics() {
    // 250 unknown keys: one warning each.
    let members: Vec<String> = (0..250).map(|i| format!("  \"unknown_{i}\": {i}")).collect();
    let src = format!("{{\n{}\n}}", members.join(",\n"));
    let report = check(&src);
    assert_eq!(report.diagnostics.len(), 201, "{}", dump(&report));
    let last = report.diagnostics.last().unwrap();
    assert_eq!(last.code, "too-many-diagnostics");
    assert_eq!(last.severity, Severity::Info);
    assert_eq!(last.path, "");
    assert!(last.message.contains("200"), "{}", last.message);
    assert!(report.diagnostics[..200].iter().all(|d| d.code != "too-many-diagnostics"));
    // The listed ones are in document order, the first first.
    assert_eq!(report.diagnostics[0].path, "/unknown_0");
    assert_eq!((report.diagnostics[0].line, report.diagnostics[0].column), (Some(2), Some(16)));
    assert_report_invariants(&src, &report);

    // Exactly 200 problems: all listed, no note.
    let src = format!("{{\n{}\n}}", members[..200].join(",\n"));
    let report = validate(&src, &Options::default());
    let unknown = report.diagnostics.iter().filter(|d| d.code == "unknown-key").count();
    assert!(unknown == 200 || has(&report, "too-many-diagnostics"), "{}", dump(&report));
}

// ---------------------------------------------------------------------------
// What must stay clean.

#[test]
fn the_documented_examples_are_clean() {
    let examples = examples();
    assert_eq!(examples.len(), 8, "tests/fixtures/examples holds the provider's eight examples");
    for (name, text) in &examples {
        assert_clean(name, &check(text));
        assert_clean(name, &validate(text, &Options { mode: Mode::Create, positions: false }));
    }
}

#[test]
fn the_examples_match_the_spec_copies() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/spec/examples");
    let Ok(entries) = std::fs::read_dir(spec) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ours = std::fs::read_to_string(format!("{EXAMPLES}/{name}")).unwrap_or_else(|_| panic!("{name} is missing from tests/fixtures/examples"));
        let theirs = std::fs::read_to_string(&path).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&ours).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(&theirs).unwrap();
        assert_eq!(ours, theirs, "{name} differs from the spec's copy");
    }
}

#[test]
fn real_world_variants_stay_clean() {
    let zendesk = r#"{
  "display_name": "Zendesk",
  "description": "Tickets, users and help center",
  "auth_patterns": [
    {
      "type": "BASIC",
      "display_name": "API token",
      "description": "Your email and an API token",
      "fields": [
        {"field_name": "subdomain", "label": "Subdomain", "input_type": "text", "hint": "acme in acme.zendesk.com", "required": true, "is_path_param": true},
        {"field_name": "username", "label": "Email", "input_type": "text", "hint": "The agent's email", "required": true},
        {"field_name": "password", "label": "API token", "input_type": "password", "hint": "Admin Center → Apps → API", "required": true}
      ],
      "auth_field_mutations": {"username": {"suffix": "/token"}}
    }
  ],
  "proxy_url": "https://{{subdomain}}.zendesk.com/api/v2",
  "proxy_enabled": true
}"#;
    let klaviyo = r#"{
  "display_name": "Klaviyo",
  "description": "Profiles, lists and campaigns",
  "auth_patterns": [
    {
      "type": "API_KEY",
      "display_name": "Private API key",
      "description": "A private API key",
      "fields": [
        {"field_name": "api_key", "label": "Private API key", "input_type": "password", "hint": "Settings → API keys", "required": true}
      ],
      "auth_field_mutations": {"api_key": {"prefix": "Klaviyo-API-Key "}}
    }
  ],
  "proxy_url": "https://a.klaviyo.com/api",
  "proxy_enabled": true
}"#;
    let harvest = r#"{
  "display_name": "Harvest",
  "description": "Time tracking",
  "auth_patterns": [
    {
      "type": "API_KEY",
      "display_name": "API key",
      "description": "A personal access token",
      "fields": [
        {"field_name": "api_key", "label": "Token", "input_type": "password", "hint": "Developers → Personal access tokens", "required": true}
      ],
      "auth_header_key_override": "x-api-key"
    }
  ],
  "proxy_url": "https://api.harvestapp.com/v2",
  "proxy_enabled": true
}"#;
    let jira = r#"{
  "display_name": "Jira Cloud",
  "description": "Issues and projects",
  "auth_patterns": [
    {
      "type": "OAUTH",
      "display_name": "OAuth 2.0",
      "description": "Sign in with Atlassian",
      "fields": [],
      "account_fields": [
        {"field_name": "cloud_id", "label": "Cloud ID", "input_type": "text", "hint": "From accessible-resources", "required": true, "is_path_param": true}
      ],
      "oauth_config": {
        "authorize_uri": "https://auth.atlassian.com/authorize",
        "token_uri": "https://auth.atlassian.com/oauth/token",
        "available_scopes": [
          {"scope": "read:jira-work", "display_name": "Read", "description": "Read issues", "required": true},
          {"scope": "offline_access", "display_name": "Refresh", "description": "Stay connected", "required": true}
        ],
        "pkce_enabled": true
      }
    }
  ],
  "proxy_url": "https://api.atlassian.com/ex/{{cloud_id}}",
  "proxy_enabled": true
}"#;
    let versioned = bearer_with("\"proxy_url\": \"https://api.example.com\"", "\"proxy_url\": \"https://api.example.com/{{version}}\"").replacen(
        "          \"required\": true\n        }",
        "          \"required\": true\n        },\n        {\"field_name\": \"version\", \"label\": \"Version\", \"input_type\": \"select\", \"hint\": \"API version\", \"options\": [{\"value\": \"v1\", \"display_name\": \"v1\", \"default\": true}]}",
        1,
    );
    let served = served_connector();
    for (name, text) in [
        ("zendesk", zendesk),
        ("freshdesk", FRESHDESK),
        ("klaviyo", klaviyo),
        ("harvest", harvest),
        ("jira", jira),
        ("no-auth mcp", NO_AUTH),
        ("mcp oauth", MCP_OAUTH),
        ("bearer", BEARER),
        ("oauth", OAUTH),
        ("versioned", &versioned),
        ("served", &served),
    ] {
        let report = check(text);
        assert_clean(name, &report);
        assert_points_at_its_path(text, &report);
        // Everything documented is there: an update (every member sent) is clean too.
        let with_all = text.replacen("  \"proxy_enabled\": true", "  \"proxy_enabled\": true,\n  \"icon_src\": \"https://cdn.example.com/icon.svg\",\n  \"metadata\": {\"team\": \"platform\"}", 1);
        if !text.contains("\"metadata\"") {
            assert_clean(name, &check_update(&with_all));
        }
    }
}

/// What list returns: server keys, nulls where lists are absent.
fn served_connector() -> String {
    r#"{
  "id": "prv_12345",
  "identifier": "acme_crm",
  "display_name": "Acme CRM",
  "description": "Contacts and deals",
  "categories": ["crm"],
  "auth_patterns": [
    {
      "type": "API_KEY",
      "display_name": "API key",
      "description": "A workspace key",
      "fields": [
        {"field_name": "api_key", "label": "API key", "input_type": "password", "hint": "Settings → API", "required": true, "is_path_param": false, "options": null, "header_name": ""}
      ],
      "account_fields": null,
      "oauth_config": null,
      "auth_field_mutations": null,
      "auth_header_key_override": null,
      "is_mcp": false,
      "allowed_proxy_domains": ["api.acme.example"]
    }
  ],
  "icon_src": "",
  "display_priority": 100,
  "coming_soon": false,
  "proxy_url": "https://api.acme.example/v1",
  "proxy_enabled": true,
  "is_custom": true,
  "is_custom_mcp": false,
  "metadata": {}
}"#
    .to_string()
}

#[test]
fn null_members_are_missing_and_point_at_the_null() {
    let src = "{\n  \"auth_patterns\": [{\"fields\": [{\"options\": [{\"value\": null}]}]}]\n}";
    let d = only(&check(src), "option-value-missing", "/auth_patterns/0/fields/0/options/0/value");
    assert_eq!(text_at(src, d.line.unwrap(), d.column.unwrap()), "null}]}]}]");
    for (member, code) in [("display_name", "missing-member"), ("proxy_url", "missing-member"), ("auth_patterns", "missing-member"), ("proxy_enabled", "proxy-disabled")] {
        let src = format!("{{\n  \"{member}\": null\n}}");
        let d = only(&check(&src), code, &format!("/{member}"));
        assert_eq!(text_at(&src, d.line.unwrap(), d.column.unwrap()), "null", "{member}");
        assert!(d.message.contains("null"), "{member}: {}", d.message);
    }
}

#[test]
fn basic_credentials_by_mutation_and_without_password() {
    // A username from a mutation's default, no password at all: valid.
    let src = FRESHDESK.replacen("{\"field_name\": \"username\"", "{\"field_name\": \"api_user\"", 1).replacen("\"password\": {\"default\": \"X\"}", "\"username\": {\"default\": \"X\"}", 1);
    let report = check(&src);
    assert!(!has(&report, "credential-missing"), "{}", dump(&report));
    // An empty default provides nothing.
    let src = src.replacen("{\"default\": \"X\"}", "{\"default\": \"\"}", 1);
    let d = only(&check(&src), "credential-missing", "/auth_patterns/0/fields");
    assert!(d.message.contains("username"));
}

// ---------------------------------------------------------------------------
// Options and modes.

#[test]
fn update_mode_asks_for_what_a_full_replace_needs() {
    let create = check(BEARER);
    assert_clean("bearer", &create);
    let update = check_update(BEARER);
    // BEARER sends a description but no icon_src and no metadata.
    let omitted: BTreeSet<&str> = update.diagnostics.iter().filter(|d| d.code == "update-omits-member").map(|d| d.path.as_str()).collect();
    assert_eq!(omitted, BTreeSet::from(["/icon_src", "/metadata"]));
    let without_description = check_update(&BEARER.replacen("  \"description\": \"Acme API\",\n", "", 1));
    only(&without_description, "update-omits-member", "/description");
    assert!(update.valid, "omissions are warnings:\n{}", dump(&update));
    for d in update.diagnostics.iter().filter(|d| d.code == "update-omits-member") {
        assert_eq!((d.line, d.column), (Some(1), Some(1)), "a missing member points at its parent");
    }
    let icon = only(&update, "update-omits-member", "/icon_src");
    assert!(icon.hint.as_deref().unwrap().contains("disagree"));

    // Omitting proxy_enabled switches proxying off on update: the hint says so.
    let src = BEARER.replacen(",\n  \"proxy_enabled\": true", "", 1);
    let d = only(&check_update(&src), "proxy-disabled", "/proxy_enabled");
    assert!(d.hint.as_deref().unwrap().contains("switches proxying off"), "{d:?}");
    let d = only(&check(&src), "proxy-disabled", "/proxy_enabled");
    assert_eq!((d.line, d.column), (Some(1), Some(1)));

    // display_name, proxy_url and auth_patterns are required in both modes.
    let bare = "{\n  \"proxy_enabled\": true\n}";
    for report in [check(bare), check_update(bare)] {
        for path in ["/display_name", "/proxy_url", "/auth_patterns"] {
            let d = only(&report, "missing-member", path);
            assert_eq!((d.line, d.column), (Some(1), Some(1)));
        }
        assert!(!report.valid);
    }
}

#[test]
fn positions_can_be_left_out() {
    let src = bearer_with("\"Acme\"", "\"Ac-me\"");
    let with = check(&src);
    let without = validate(&src, &Options { mode: Mode::Create, positions: false });
    assert!(!without.diagnostics.is_empty());
    assert_eq!(with.diagnostics.len(), without.diagnostics.len());
    for (a, b) in with.diagnostics.iter().zip(&without.diagnostics) {
        assert!(a.line.is_some() && a.column.is_some());
        assert_eq!((b.line, b.column), (None, None));
        assert_eq!((a.code, &a.path, &a.message, &a.hint), (b.code, &b.path, &b.message, &b.hint));
    }
    // Not even for syntax errors, and the JSON form omits them.
    let report = validate("{\n  \"a\": tru\n}", &Options { mode: Mode::Create, positions: false });
    assert_eq!(report.diagnostics[0].code, "invalid-json");
    assert_eq!(report.diagnostics[0].line, None);
    assert!(!report.to_json().contains("\"line\""), "{}", report.to_json());
    assert!(check("{\n  \"a\": tru\n}").to_json().contains("\"line\":2"));
}

#[test]
fn valid_is_false_exactly_when_an_error_exists() {
    // Warnings and infos only: still valid.
    let src = bearer_with("\"input_type\": \"password\"", "\"input_type\": \"text\"").replacen("\"description\": \"Acme API\",\n", "", 1);
    let report = check(&src);
    assert!(report.valid, "{}", dump(&report));
    assert!(has(&report, "secret-as-text") && has(&report, "missing-description"));
    // One error: invalid.
    let report = check(&bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": false"));
    assert!(!report.valid);
    for (name, case) in all_cases() {
        let report = validate(&case.src, &Options { mode: case.mode, positions: true });
        assert_eq!(report.valid, !report.diagnostics.iter().any(|d| d.severity == Severity::Error), "case {name}");
    }
}

#[test]
fn diagnostics_come_in_document_order() {
    let src = r#"{
  "display_name": "A-B",
  "auth_patterns": [{"type": "OAUTH2"}],
  "proxy_url": "http://x.example.com",
  "proxy_enabled": false
}"#;
    let report = check(src);
    let positions: Vec<(u32, u32)> = report.diagnostics.iter().map(|d| (d.line.unwrap(), d.column.unwrap())).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "{}", dump(&report));
}

#[test]
fn columns_count_utf16_code_units() {
    // "é" is one unit and "😀" two, so the `1` is at column 43 (42 bytes
    // would say 46, 41 characters 42).
    let src = "{\n  \"display_name\": \"é😀\", \"proxy_enabled\": 1\n}";
    let d = only(&check(src), "wrong-type", "/proxy_enabled");
    assert_eq!((d.line, d.column), (Some(2), Some(43)));
    assert_eq!(text_at(src, 2, 43), "1");
}

#[test]
fn crlf_line_ends_count_as_one_line_break() {
    let src = bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": 1");
    let crlf = src.replace('\n', "\r\n");
    let a = only(&check(&src), "wrong-type", "/proxy_enabled");
    let b = only(&check(&crlf), "wrong-type", "/proxy_enabled");
    assert_eq!((a.line, a.column), (Some(21), Some(20)));
    assert_eq!((a.line, a.column), (b.line, b.column));
    let report = check("{\r\n  \"a\": 1,\r\n}");
    assert_eq!((report.diagnostics[0].line, report.diagnostics[0].column), (Some(3), Some(1)));
}

#[test]
fn pointers_escape_slash_and_tilde() {
    let src = "{\n  \"display_name\": \"Acme\",\n  \"a/b~c\": 1\n}";
    let d = only(&check(src), "unknown-key", "/a~1b~0c");
    assert_eq!((d.line, d.column), (Some(3), Some(12)));
    let src = bearer_with("      ]\n    }", "      ],\n      \"auth_field_mutations\": {\"x/y\": {}}\n    }");
    let d = only(&check(&src), "mutation-target-unknown", "/auth_patterns/0/auth_field_mutations/x~1y");
    assert_eq!(text_at(&src, d.line.unwrap(), d.column.unwrap()), "{}}");
}

// ---------------------------------------------------------------------------
// connectors.md §6, "where such an error points", item by item.

#[test]
fn a_credential_nothing_provides_points_at_the_fields_list() {
    for (kind, credential) in [("BEARER", "token"), ("API_KEY", "api_key"), ("BASIC", "username")] {
        let src = bearer_with("\"type\": \"BEARER\"", &format!("\"type\": \"{kind}\"")).replacen("\"field_name\": \"token\"", "\"field_name\": \"other\"", 1);
        let report = check(&src);
        let d = only(&report, "credential-missing", "/auth_patterns/0/fields");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!((d.line, d.column), (Some(9), Some(17)), "{kind}");
        assert!(d.message.contains(kind) && d.message.contains(if kind == "BASIC" { "username" } else { credential }), "{}", d.message);
        // Without a fields list at all: the path is the same, the position its parent pattern.
        let src = format!("{{\n  \"auth_patterns\": [\n    {{\"type\": \"{kind}\"}}\n  ]\n}}");
        let d = only(&check(&src), "credential-missing", "/auth_patterns/0/fields");
        assert_eq!((d.line, d.column), (Some(3), Some(5)));
    }
}

#[test]
fn a_duplicate_field_name_points_at_the_later_occurrence() {
    // Within fields, and across fields and account_fields.
    let src = r#"{
  "auth_patterns": [
    {
      "type": "OAUTH",
      "fields": [
        {"field_name": "region"}
      ],
      "account_fields": [
        {"field_name": "other"},
        {"field_name": "region"}
      ]
    }
  ]
}"#;
    let report = check(src);
    let d = only(&report, "field-name-duplicate", "/auth_patterns/0/account_fields/1/field_name");
    assert_eq!((d.line, d.column), (Some(10), Some(24)));
    assert_eq!(report.diagnostics.iter().filter(|d| d.code == "field-name-duplicate").count(), 1);
}

#[test]
fn no_auth_with_inputs_points_at_its_fields() {
    let src = NO_AUTH.replacen("\"fields\": []", "\"fields\": [{\"field_name\": \"x\"}],\n      \"account_fields\": [{\"field_name\": \"y\"}]", 1);
    let report = check(&src);
    let d = only(&report, "no-auth-inputs", "/auth_patterns/0/fields");
    assert_eq!((d.line, d.column), (Some(10), Some(17)));
    let d = only(&report, "no-auth-inputs", "/auth_patterns/0/account_fields");
    assert_eq!((d.line, d.column), (Some(11), Some(25)));
    // An empty list is fine.
    assert_clean("no-auth", &check(NO_AUTH));
}

#[test]
fn more_than_one_pattern_points_at_the_extra_ones() {
    let src = "{\n  \"auth_patterns\": [\n    {\"type\": \"BEARER\"},\n    {\"type\": \"BEARER\"},\n    {\"type\": \"API_KEY\"}\n  ]\n}";
    let report = check(src);
    let extra: Vec<_> = report.diagnostics.iter().filter(|d| d.code == "auth-patterns-multiple").collect();
    assert_eq!(extra.len(), 2, "{}", dump(&report));
    assert_eq!((extra[0].path.as_str(), extra[0].line, extra[0].column), ("/auth_patterns/1", Some(4), Some(5)));
    assert_eq!((extra[1].path.as_str(), extra[1].line, extra[1].column), ("/auth_patterns/2", Some(5), Some(5)));
    assert!(extra[0].message.contains("3 patterns"));
}

#[test]
fn a_missing_member_points_where_it_would_be() {
    let src = OAUTH.replacen("          \"token_uri\": \"https://auth.example.com/token\",\n", "", 1);
    let d = only(&check(&src), "oauth-endpoint-missing", "/auth_patterns/0/oauth_config/token_uri");
    assert_eq!((d.line, d.column), (Some(10), Some(23)), "the oauth_config object");
    // null counts as missing, and points at the null.
    let src = OAUTH.replacen("\"token_uri\": \"https://auth.example.com/token\"", "\"token_uri\": null", 1);
    let d = only(&check(&src), "oauth-endpoint-missing", "/auth_patterns/0/oauth_config/token_uri");
    assert_eq!(text_at(&src, d.line.unwrap(), d.column.unwrap()), "null,");
    // Nested missing members.
    let src = "{\n  \"auth_patterns\": [\n    {\n      \"display_name\": \"x\"\n    }\n  ]\n}";
    let d = only(&check(src), "missing-member", "/auth_patterns/0/type");
    assert_eq!((d.line, d.column), (Some(3), Some(5)));
    let d = only(&check("{}"), "missing-member", "/proxy_url");
    assert_eq!((d.line, d.column), (Some(1), Some(1)));
    let src = MCP_OAUTH.replacen("\"pkce_enabled\": true", "", 1);
    let d = only(&check(&src), "mcp-oauth-shape", "/auth_patterns/0/oauth_config/pkce_enabled");
    assert_eq!((d.line, d.column), (Some(10), Some(23)));
}

#[test]
fn a_warning_about_one_field_points_at_that_field() {
    let src = r#"{
  "display_name": "Acme",
  "auth_patterns": [
    {
      "type": "OAUTH",
      "fields": [
        {"field_name": "tenant", "label": "Tenant", "hint": "h", "input_type": "text", "is_path_param": true}
      ],
      "account_fields": [
        {"field_name": "client_secret", "label": "Secret", "hint": "h"},
        {"field_name": "site", "label": "Site", "hint": "h", "input_type": "select"},
        {"field_name": "unused", "label": "U", "hint": "h", "input_type": "text", "is_path_param": true}
      ],
      "oauth_config": {"authorize_uri": "https://a.example.com/a", "token_uri": "https://a.example.com/t"}
    }
  ],
  "proxy_url": "https://{{tenant}}.example.com",
  "proxy_enabled": true
}"#;
    let report = check(src);
    let cases = [
        ("path-param-misplaced", "/auth_patterns/0/fields/0/is_path_param", (7, 105)),
        ("secret-as-text", "/auth_patterns/0/account_fields/0/input_type", (10, 9)),
        ("select-without-options", "/auth_patterns/0/account_fields/1/options", (11, 9)),
        ("path-param-unused", "/auth_patterns/0/account_fields/2/is_path_param", (12, 100)),
    ];
    for (code, path, (line, column)) in cases {
        let d = only(&report, code, path);
        assert_eq!(d.severity, Severity::Warning, "{code}");
        assert_eq!((d.line, d.column), (Some(line), Some(column)), "{code}:\n{}", dump(&report));
    }
    assert_points_at_its_path(src, &report);
}

// ---------------------------------------------------------------------------
// More rules of connectors.md §2–3.

#[test]
fn display_name_rules() {
    let name = |n: &str| check(&format!("{{\n  \"display_name\": {}\n}}", serde_json::to_string(n).unwrap()));
    assert!(!has(&name("Acme CRM 2"), "display-name-charset"));
    let long = "a".repeat(201);
    let d = only(&name(&long), "display-name-length", "/display_name");
    assert!(d.message.contains("201 characters"), "{}", d.message);
    assert!(!has(&name(&"a".repeat(200)), "display-name-length"));
    for (bad, fix) in [("Jira-Cloud", "Jira Cloud"), ("Café", "Cafe"), ("Müller-Straße", "Muller Strasse"), ("my_api (v2)", "my api v2")] {
        let d = only(&name(bad), "display-name-charset", "/display_name");
        assert!(d.hint.as_deref().unwrap().contains(&format!("\"{fix}\"")), "{bad}: {d:?}");
    }
    let d = only(&name("   "), "display-name-charset", "/display_name");
    assert!(d.message.contains("at least one letter or digit"));
}

#[test]
fn metadata_limits() {
    let with = |members: &str| check(&format!("{{\n  \"metadata\": {{{members}}}\n}}"));
    let twenty: Vec<String> = (0..20).map(|i| format!("\"key{i:02}\": \"v\"")).collect();
    assert!(!has(&with(&twenty.join(", ")), "metadata-too-many"));
    assert!(!has(&with(&format!("\"{}\": \"{}\"", "k".repeat(25), "v".repeat(256))), "metadata-key-length"));
    assert!(has(&with(&format!("\"{}\": \"v\"", "k".repeat(26))), "metadata-key-length"));
    assert!(has(&with(&format!("\"key\": \"{}\"", "v".repeat(257))), "metadata-value-length"));
    let d = only(&with("\"team\": 5"), "wrong-type", "/metadata/team");
    assert!(d.message.contains("a string"));
    let d = only(&with("\"team\": \"a\", \"team\": \"b\""), "duplicate-key", "/metadata/team");
    assert_eq!(d.column, Some(37), "the later copy");
    assert!(has(&check("{\"metadata\": [\"a\"]}"), "wrong-type"));
}

#[test]
fn urls_must_be_absolute_https() {
    let url = |u: &str| check(&bearer_with("https://api.example.com", u));
    for bad in ["http://api.example.com", "HTTPS://api.example.com", "api.example.com", "ftp://x.example.com"] {
        let d = only(&url(bad), "url-not-https", "/proxy_url");
        assert_eq!(d.severity, Severity::Error, "{bad}");
    }
    assert!(only(&url("api.example.com"), "url-not-https", "/proxy_url").hint.as_deref().unwrap().contains("https://api.example.com"));
    assert!(has(&url(""), "url-invalid"));
    assert!(has(&url("https://"), "url-invalid"));
    assert!(!has(&url(&long_url(2048)), "url-too-long"));
    // icon_src and OAuth endpoints too.
    let icon = check(&bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": true,\n  \"icon_src\": \"http://cdn.example.com/i.svg\""));
    only(&icon, "url-not-https", "/icon_src");
    let icon = check(&bearer_with("\"proxy_enabled\": true", &format!("\"proxy_enabled\": true,\n  \"icon_src\": \"{}\"", long_url(2049))));
    only(&icon, "url-too-long", "/icon_src");
    assert_clean("empty icon", &check(&bearer_with("\"proxy_enabled\": true", "\"proxy_enabled\": true,\n  \"icon_src\": \"\"")));
    let src = OAUTH.replacen("https://auth.example.com/authorize", "http://auth.example.com/authorize", 1);
    only(&check(&src), "url-not-https", "/auth_patterns/0/oauth_config/authorize_uri");
    let src = OAUTH.replacen("\"fields\": []", "\"fields\": [],\n      \"x\": 1", 1).replacen("\"token_uri\": \"https://auth.example.com/token\"", "\"token_uri\": \"https://auth.example.com/token\",\n          \"user_info_uri\": \"me\"", 1);
    only(&check(&src), "url-not-https", "/auth_patterns/0/oauth_config/user_info_uri");
}

#[test]
fn templates_in_proxy_url() {
    let with_field = |url: &str, field: &str, path_param: bool| {
        let src = bearer_with("https://api.example.com", url).replacen(
            "          \"required\": true\n        }",
            &format!("          \"required\": true\n        }},\n        {{\"field_name\": \"{field}\", \"label\": \"L\", \"hint\": \"h\", \"input_type\": \"text\", \"is_path_param\": {path_param}}}"),
            1,
        );
        check(&src)
    };
    // Every example of §3 is clean with its field declared.
    for (url, field) in [
        ("https://{{domain}}/api", "domain"),
        ("https://api.example.com/{{version}}", "version"),
        ("https://api.example.com/resources/{{path_param_1}}", "path_param_1"),
        ("https://api.atlassian.com/ex/{{cloud_id}}", "cloud_id"),
    ] {
        assert_clean(url, &with_field(url, field, true));
    }
    // A placeholder no field declares is an error; a near name is suggested.
    let report = with_field("https://api.example.com/{{versoin}}", "version", true);
    let d = only(&report, "template-unknown-variable", "/proxy_url");
    assert!(d.hint.as_deref().unwrap().contains("{{version}}"));
    assert!(has(&report, "path-param-unused"));
    // Far from every name: the hint says how to declare it.
    let d = only(&with_field("https://api.example.com/{{zzz}}", "version", false), "template-unknown-variable", "/proxy_url");
    assert!(d.hint.as_deref().unwrap().contains("\"field_name\": \"zzz\""), "{d:?}");
    // Malformed.
    for bad in ["https://{{domain/api", "https://x.example.com/{{}}", "https://x.example.com/}}"] {
        assert!(has(&with_field(bad, "domain", false), "template-syntax"), "{bad}");
    }
    // Placeholders where no value may go.
    for bad in ["https://{{domain}}@x.example.com", "https://x.example.com/#{{domain}}"] {
        assert!(has(&with_field(bad, "domain", false), "template-placement"), "{bad}");
    }
}

#[test]
fn mcp_rules() {
    let src = MCP_OAUTH.replacen("\"pkce_enabled\": true", "\"pkce_enabled\": false", 1);
    let d = only(&check(&src), "mcp-oauth-shape", "/auth_patterns/0/oauth_config/pkce_enabled");
    assert_eq!(text_at(&src, d.line.unwrap(), d.column.unwrap()), "false");
    let src = MCP_OAUTH.replacen("\"pkce_enabled\": true", "\"pkce_enabled\": true,\n        \"available_scopes\": [],\n        \"client_id\": \"x\"", 1);
    let report = check(&src);
    only(&report, "mcp-oauth-shape", "/auth_patterns/0/oauth_config/available_scopes");
    only(&report, "mcp-oauth-shape", "/auth_patterns/0/oauth_config/client_id");
    let d = only(&check(&MCP_OAUTH.replacen(",\n      \"oauth_config\": {\n        \"pkce_enabled\": true\n      }", "", 1)), "oauth-config-missing", "/auth_patterns/0/oauth_config");
    assert!(d.hint.as_deref().unwrap().contains("{\"pkce_enabled\": true}"));
    // A repeated pkce_enabled is a duplicate, not a key MCP configs lack.
    let src = MCP_OAUTH.replacen("\"pkce_enabled\": true", "\"pkce_enabled\": true, \"pkce_enabled\": true", 1);
    let report = check(&src);
    let d = only(&report, "duplicate-key", "/auth_patterns/0/oauth_config/pkce_enabled");
    assert_eq!((d.line, d.column), (Some(11), Some(47)), "the repeat");
    assert!(!has(&report, "mcp-oauth-shape"), "{}", dump(&report));
    // NO_AUTH with oauth_config.
    let src = NO_AUTH.replacen("\"fields\": []", "\"fields\": [],\n      \"oauth_config\": {}", 1);
    only(&check(&src), "oauth-config-unexpected", "/auth_patterns/0/oauth_config");
}

#[test]
fn mutations() {
    let with = |mutations: &str| check(&bearer_with("      ]\n    }", &format!("      ],\n      \"auth_field_mutations\": {mutations}\n    }}")));
    assert_clean("token prefix", &with("{\"token\": {\"prefix\": \"token \", \"suffix\": \"\", \"default\": \"x\"}}"));
    let d = only(&with("{\"token\": {\"prefix\": 1}}"), "wrong-type", "/auth_patterns/0/auth_field_mutations/token/prefix");
    assert!(!d.message.contains('1'), "credential values are not quoted: {}", d.message);
    only(&with("{\"token\": \"Bearer\"}"), "wrong-type", "/auth_patterns/0/auth_field_mutations/token");
    only(&with("[]"), "wrong-type", "/auth_patterns/0/auth_field_mutations");
    let report = with("{\"token\": {\"prefix\": \"a\", \"prefix\": \"b\"}}");
    let d = only(&report, "duplicate-key", "/auth_patterns/0/auth_field_mutations/token/prefix");
    assert_eq!(d.severity, Severity::Error);
    let d = only(&with("{\"token\": {}, \"token\": {}}"), "duplicate-key", "/auth_patterns/0/auth_field_mutations/token");
    assert!(d.message.contains("more than once"));
    // A mutation on something BASIC never sends.
    let src = FRESHDESK.replacen("\"password\": {\"default\": \"X\"}", "\"password\": {\"default\": \"X\"},\n        \"token\": {\"prefix\": \"x\"}", 1);
    let d = only(&check(&src), "mutation-target-unused", "/auth_patterns/0/auth_field_mutations/token");
    assert!(d.message.contains("`username` and `password`"), "{}", d.message);
}

#[test]
fn wrong_types_at_every_level_are_reported_where_they_are() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("\"display_name\": \"Acme\"", "\"display_name\": 7", "/display_name", "7"),
        ("\"description\": \"Acme API\"", "\"description\": []", "/description", "[]"),
        ("\"type\": \"BEARER\"", "\"type\": true", "/auth_patterns/0/type", "true"),
        ("\"field_name\": \"token\"", "\"field_name\": [\"token\"]", "/auth_patterns/0/fields/0/field_name", "[\"token\"]"),
        ("\"required\": true", "\"required\": \"yes\"", "/auth_patterns/0/fields/0/required", "\"yes\""),
        ("\"input_type\": \"password\"", "\"input_type\": 3", "/auth_patterns/0/fields/0/input_type", "3"),
        ("\"proxy_url\": \"https://api.example.com\"", "\"proxy_url\": {}", "/proxy_url", "{}"),
    ];
    for (from, to, path, token) in cases {
        let src = bearer_with(from, to);
        let report = check(&src);
        let d = only(&report, "wrong-type", path);
        assert_eq!(d.severity, Severity::Error);
        assert!(text_at(&src, d.line.unwrap(), d.column.unwrap()).starts_with(token), "{path}: {}", dump(&report));
        assert_points_at_its_path(&src, &report);
    }
    // Elements of lists.
    let src = "{\n  \"auth_patterns\": [\n    \"BEARER\"\n  ],\n  \"categories\": [1]\n}";
    let report = check(src);
    let d = only(&report, "wrong-type", "/auth_patterns/0");
    assert_eq!((d.line, d.column), (Some(3), Some(5)));
    assert!(d.message.contains("This element must be an auth pattern object"), "{}", d.message);
    only(&report, "wrong-type", "/categories/0");
    // An object for a list: the wrap hint, at the object.
    let src = "{\n  \"auth_patterns\": {\"type\": \"BEARER\", \"fields\": {\"field_name\": \"token\"}}\n}";
    let report = check(src);
    let d = only(&report, "wrong-type", "/auth_patterns");
    assert_eq!((d.line, d.column), (Some(2), Some(20)));
    assert!(d.hint.as_deref().unwrap().contains("wrap the object in [ ]"));
    let src = "{\n  \"auth_patterns\": [{\"type\": \"BEARER\", \"fields\": {\"field_name\": \"token\"}}]\n}";
    let d = only(&check(src), "wrong-type", "/auth_patterns/0/fields");
    assert_eq!(text_at(src, d.line.unwrap(), d.column.unwrap()), "{\"field_name\": \"token\"}}]");
}

#[test]
fn unknown_keys_at_every_level_suggest_the_near_name_or_its_home() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("\"proxy_enabled\": true", "\"proxy_enabled\": true,\n  \"displayName\": \"x\"", "/displayName", "did you mean `display_name`?"),
        ("\"type\": \"BEARER\"", "\"type\": \"BEARER\",\n      \"feilds\": []", "/auth_patterns/0/feilds", "did you mean `fields`?"),
        ("\"type\": \"BEARER\"", "\"type\": \"BEARER\",\n      \"proxy_url\": \"x\"", "/auth_patterns/0/proxy_url", "belongs in the payload"),
        ("\"required\": true", "\"required\": true,\n          \"is_required\": true", "/auth_patterns/0/fields/0/is_required", "did you mean `required`?"),
        ("\"required\": true", "\"required\": true,\n          \"scope\": \"x\"", "/auth_patterns/0/fields/0/scope", "belongs in a scope"),
    ];
    for (from, to, path, hint) in cases {
        let src = bearer_with(from, to);
        let report = check(&src);
        let d = only(&report, "unknown-key", path);
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.hint.as_deref().unwrap().contains(hint), "{path}: {d:?}");
        assert!(report.valid);
        assert_points_at_its_path(&src, &report);
    }
    let src = OAUTH.replacen("{\"scope\": \"read\"}", "{\"scope\": \"read\", \"requred\": true}", 1).replacen("\"token_uri\"", "\"tokenUri\": \"x\",\n          \"token_uri\"", 1);
    let report = check(&src);
    assert!(only(&report, "unknown-key", "/auth_patterns/0/oauth_config/available_scopes/0/requred").hint.as_deref().unwrap().contains("`required`"));
    assert!(only(&report, "unknown-key", "/auth_patterns/0/oauth_config/tokenUri").hint.as_deref().unwrap().contains("`token_uri`"));
}

#[test]
fn duplicate_keys_point_at_the_repeat() {
    // Known keys, unknown keys and nested keys alike: the later copy.
    let src = "{\n  \"proxy_enabled\": true,\n  \"x\": 1,\n  \"proxy_enabled\": false,\n  \"x\": 2\n}";
    let report = check(src);
    let d = only(&report, "duplicate-key", "/proxy_enabled");
    assert_eq!((d.line, d.column), (Some(4), Some(20)));
    let d = only(&report, "duplicate-key", "/x");
    assert_eq!((d.line, d.column), (Some(5), Some(8)));
    // The later value is the one that counts, as in serde_json and JSON.parse.
    only(&report, "proxy-disabled", "/proxy_enabled");
    // Three copies: two reports.
    let src = "{\n  \"id\": \"a\",\n  \"id\": \"b\",\n  \"id\": \"c\"\n}";
    let lines: Vec<Option<u32>> = check(src).diagnostics.iter().filter(|d| d.code == "duplicate-key").map(|d| d.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4)]);
}

#[test]
fn header_overrides() {
    let with = |kind: &str, header: &str| {
        check(&bearer_with("\"type\": \"BEARER\"", &format!("\"type\": \"{kind}\",\n      \"auth_header_key_override\": {}", serde_json::to_string(header).unwrap())))
    };
    for kind in ["BEARER", "API_KEY"] {
        for ok in ["X-API-Key", "x-api-key", "Authorization"] {
            assert!(!has(&with(kind, ok), "header-override-invalid"), "{ok}");
            assert!(!has(&with(kind, ok), "header-override-ignored"), "{ok}");
        }
    }
    for bad in ["", "X-Key:", "X Key", "Ключ"] {
        assert!(has(&with("BEARER", bad), "header-override-invalid"), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Payload-shaped documents with random values of random types: the
    /// report keeps its invariants and every diagnostic points at its path.
    #[test]
    fn any_payload_like_document_is_reported_where_it_is(json in payload_like(), pretty in any::<bool>()) {
        let src = if pretty { json.pretty() } else { json.compact() };
        for mode in [Mode::Create, Mode::Update] {
            let report = validate(&src, &Options { mode, positions: true });
            assert_report_invariants(&src, &report);
            assert_points_at_its_path(&src, &report);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in "\\PC{0,64}") {
        let report = check(&src);
        assert_report_invariants(&src, &report);
    }
}

#[test]
fn a_blank_field_name_is_missing_and_charset_messages_name_each_character_once() {
    let src = r#"{"display_name": "A--B==C", "auth_patterns": [{"type": "BEARER", "fields": [{"field_name": "token"}, {"field_name": "  "}]}], "proxy_url": "https://a.example.com", "proxy_enabled": true}"#;
    let report = check(src);
    only(&report, "field-name-missing", "/auth_patterns/0/fields/1/field_name");
    let charset = only(&report, "display-name-charset", "/display_name");
    assert!(charset.message.ends_with("refuses `-`, `=`"), "{}", charset.message);
}

#[test]
fn secret_looking_names_are_judged_by_their_last_word() {
    let field = |name: &str| format!(r#"{{"display_name": "A", "auth_patterns": [{{"type": "BEARER", "fields": [{{"field_name": "token", "input_type": "password"}}, {{"field_name": "{name}", "input_type": "text"}}]}}], "proxy_url": "https://a.example.com", "proxy_enabled": true}}"#);
    assert!(has(&check(&field("client_secret")), "secret-as-text"));
    assert!(has(&check(&field("apiKey")), "secret-as-text"));
    assert!(!has(&check(&field("token_type")), "secret-as-text"));
    assert!(!has(&check(&field("password_hint")), "secret-as-text"));
}

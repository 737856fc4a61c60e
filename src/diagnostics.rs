//! Diagnostics: what is wrong, where, and how to fix it.

use serde::Serialize;

/// How bad a problem is (connectors.md §6).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API would refuse it, or the connector cannot work as intended.
    Error,
    /// It will probably misbehave, but the API accepts it.
    Warning,
    /// Style.
    Info,
}

/// One problem found in a payload.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case id, listed in the README.
    pub code: &'static str,
    pub severity: Severity,
    /// JSON Pointer of the offending value (or where a missing member would be).
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// 1-based line of the value (of its parent for a missing member), for text input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column, in UTF-16 code units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// The result of validating a payload.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// False exactly when a diagnostic has severity `error`.
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(diagnostics: Vec<Diagnostic>) -> Report {
        let valid = !diagnostics.iter().any(|d| d.severity == Severity::Error);
        Report { valid, diagnostics }
    }

    /// The report as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"valid":false,"diagnostics":[]}"#.to_string())
    }
}

/// A documented diagnostic code.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "DiagnosticCode"))]
#[derive(Serialize)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what triggers it.
    pub example: &'static str,
}

macro_rules! codes {
    ($( $name:ident = $code:literal, $severity:ident, $example:literal; )*) => {
        /// Every diagnostic code, as named constants.
        pub mod code {
            $( pub const $name: &str = $code; )*
        }

        /// Every diagnostic code with its severity and a one-line example,
        /// in the order of the README's table.
        pub const CODES: &[CodeInfo] = &[
            $( CodeInfo { code: $code, severity: Severity::$severity, example: $example }, )*
        ];
    };
}

codes! {
    INVALID_JSON = "invalid-json", Error, "`{\"display_name\": \"Acme\",}` (trailing comma)";
    NOT_AN_OBJECT = "not-an-object", Error, "`[]` or `\"Acme\"` as the whole payload";
    DUPLICATE_KEY = "duplicate-key", Error, "`proxy_url` given twice in one object";
    WRONG_TYPE = "wrong-type", Error, "`\"proxy_enabled\": \"true\"` (a string, not a boolean)";
    UNKNOWN_KEY = "unknown-key", Warning, "`\"proxy_uri\"` (did you mean `proxy_url`?)";
    MISSING_MEMBER = "missing-member", Error, "no `proxy_url`, or an auth pattern without `type`";
    DISPLAY_NAME_LENGTH = "display-name-length", Error, "`\"display_name\": \"\"` or more than 200 characters";
    DISPLAY_NAME_CHARSET = "display-name-charset", Error, "`\"Jira-Cloud\"` (use `\"Jira Cloud\"`)";
    URL_NOT_HTTPS = "url-not-https", Error, "`\"proxy_url\": \"http://api.example.com\"`";
    URL_INVALID = "url-invalid", Error, "`\"proxy_url\": \"https://api example.com\"`";
    URL_TOO_LONG = "url-too-long", Error, "a `proxy_url` or `icon_src` over 2048 characters";
    PROXY_DISABLED = "proxy-disabled", Error, "`\"proxy_enabled\": false`, or no `proxy_enabled`";
    PROXY_URL_TRAILING_SLASH = "proxy-url-trailing-slash", Info, "`\"proxy_url\": \"https://api.example.com/\"` (REST)";
    METADATA_TOO_MANY = "metadata-too-many", Error, "21 `metadata` pairs";
    METADATA_KEY_LENGTH = "metadata-key-length", Error, "`\"metadata\": {\"ab\": \"x\"}` (keys are 3–25 characters)";
    METADATA_VALUE_LENGTH = "metadata-value-length", Error, "`\"metadata\": {\"team\": \"\"}` (values are 1–256 characters)";
    AUTH_PATTERNS_EMPTY = "auth-patterns-empty", Error, "`\"auth_patterns\": []`";
    AUTH_PATTERNS_MULTIPLE = "auth-patterns-multiple", Error, "two auth patterns (today exactly one is allowed)";
    AUTH_TYPE_UNKNOWN = "auth-type-unknown", Error, "`\"type\": \"OAUTH2\"` (did you mean `OAUTH`?)";
    NO_AUTH_NOT_MCP = "no-auth-not-mcp", Error, "`\"type\": \"NO_AUTH\"` without `\"is_mcp\": true`";
    NO_AUTH_INPUTS = "no-auth-inputs", Error, "a NO_AUTH pattern with `fields`";
    MCP_INCONSISTENT = "mcp-inconsistent", Error, "`is_mcp` on one pattern but not another";
    OAUTH_CONFIG_MISSING = "oauth-config-missing", Error, "an OAUTH pattern without `oauth_config`";
    OAUTH_CONFIG_UNEXPECTED = "oauth-config-unexpected", Error, "`oauth_config` on a BEARER pattern";
    OAUTH_ENDPOINT_MISSING = "oauth-endpoint-missing", Error, "a REST OAUTH `oauth_config` without `token_uri`";
    OAUTH_SCOPE_EMPTY = "oauth-scope-empty", Error, "`{\"scope\": \"\"}` in `available_scopes`";
    OAUTH_SCOPE_DUPLICATE = "oauth-scope-duplicate", Warning, "the scope `email` listed twice";
    MCP_OAUTH_SHAPE = "mcp-oauth-shape", Error, "an MCP OAUTH `oauth_config` other than `{\"pkce_enabled\": true}`";
    CREDENTIAL_MISSING = "credential-missing", Error, "a BEARER pattern with no `token` field";
    FIELD_NAME_MISSING = "field-name-missing", Error, "a field without `field_name`";
    FIELD_NAME_DUPLICATE = "field-name-duplicate", Error, "two fields named `domain` in one pattern";
    INPUT_TYPE_UNKNOWN = "input-type-unknown", Error, "`\"input_type\": \"secret\"` (did you mean `password`?)";
    SELECT_WITHOUT_OPTIONS = "select-without-options", Warning, "`\"input_type\": \"select\"` with no `options`";
    OPTION_VALUE_MISSING = "option-value-missing", Error, "a select option without `value`";
    OPTIONS_IGNORED = "options-ignored", Warning, "`options` on a `text` field";
    SECRET_AS_TEXT = "secret-as-text", Warning, "a field named `api_key` with `\"input_type\": \"text\"`";
    PATH_PARAM_UNUSED = "path-param-unused", Warning, "`\"is_path_param\": true` on a field the `proxy_url` never uses";
    PATH_PARAM_MISPLACED = "path-param-misplaced", Warning, "an OAUTH path parameter in `fields` instead of `account_fields`";
    ACCOUNT_FIELDS_IGNORED = "account-fields-ignored", Warning, "`account_fields` on a BEARER pattern";
    TEMPLATE_SYNTAX = "template-syntax", Error, "`\"proxy_url\": \"https://{{ domain }}/api\"`";
    TEMPLATE_UNKNOWN_VARIABLE = "template-unknown-variable", Error, "`{{tenant}}` in `proxy_url` with no field named `tenant`";
    TEMPLATE_PLACEMENT = "template-placement", Error, "`\"proxy_url\": \"https://api.example.com:{{port}}\"`";
    MUTATION_TARGET_UNKNOWN = "mutation-target-unknown", Error, "`\"auth_field_mutations\": {\"bearer\": …}`";
    MUTATION_OPERATION_UNKNOWN = "mutation-operation-unknown", Error, "`{\"token\": {\"append\": \"x\"}}`";
    MUTATION_TARGET_UNUSED = "mutation-target-unused", Warning, "a `username` mutation on a BEARER pattern";
    HEADER_OVERRIDE_INVALID = "header-override-invalid", Error, "`\"auth_header_key_override\": \"X API Key\"`";
    HEADER_OVERRIDE_IGNORED = "header-override-ignored", Warning, "`auth_header_key_override` on a BASIC pattern";
    PROXY_DOMAIN_INVALID = "proxy-domain-invalid", Warning, "`\"allowed_proxy_domains\": [\"https://api.example.com\"]`";
    MISSING_DESCRIPTION = "missing-description", Info, "a payload or auth pattern without `description`";
    MISSING_LABEL = "missing-label", Info, "a field without `label`, or a pattern without `display_name`";
    MISSING_HINT = "missing-hint", Info, "a field without `hint`";
    UPDATE_OMITS_MEMBER = "update-omits-member", Warning, "an update without `metadata` (it clears the stored metadata)";
    TOO_MANY_DIAGNOSTICS = "too-many-diagnostics", Info, "more than 200 problems: the rest are not listed";
    INTERNAL_ERROR = "internal-error", Error, "the WebAssembly module failed; it was restarted";
}

/// The severity a code always has.
pub fn severity_of(code: &str) -> Severity {
    CODES.iter().find(|info| info.code == code).map_or(Severity::Error, |info| info.severity)
}

//! The payload's JSON Schema: a valid 2020-12 schema, built from the rules'
//! constants, accepting the provider's examples, and agreeing with the
//! validator on every structural rule (checked with a real JSON Schema
//! validator, the `jsonschema` crate).
#![cfg(not(target_arch = "wasm32"))]

use connector_kit::diagnostics::{code, Report, Severity};
use connector_kit::rules::{self, AuthType};
use connector_kit::schema::json_schema;
use connector_kit::validate::{validate, Options};
use jsonschema::Validator;
use serde_json::{json, Value};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/examples");

/// Codes for rules the schema leaves to `validate` (templates ↔ fields, the
/// credential a type needs, unique names, URL parsing, duplicate keys).
const SEMANTIC: &[&str] = &[
    code::TEMPLATE_SYNTAX,
    code::TEMPLATE_UNKNOWN_VARIABLE,
    code::TEMPLATE_PLACEMENT,
    code::URL_INVALID,
    code::CREDENTIAL_MISSING,
    code::FIELD_NAME_DUPLICATE,
    code::DUPLICATE_KEY,
];

fn compiled() -> Validator {
    jsonschema::draft202012::new(&json_schema()).expect("the schema compiles")
}

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/{name}.json")).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn report(payload: &Value) -> Report {
    validate(&serde_json::to_string_pretty(payload).unwrap(), &Options::default())
}

fn schema_errors(schema: &Validator, payload: &Value) -> Vec<String> {
    schema.iter_errors(payload).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// Sets the member or element at `pointer` (adding it, or appending at `len`).
fn set(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => {
            let i: usize = key.parse().unwrap();
            if i == items.len() {
                items.push(value);
            } else {
                items[i] = value;
            }
        }
        other => panic!("{parent} is {other}"),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(map) => assert!(map.shift_remove(key).is_some(), "no {pointer}"),
        Value::Array(items) => {
            items.remove(key.parse().unwrap());
        }
        other => panic!("{parent} is {other}"),
    }
}

const P: &str = "/auth_patterns/0";

fn p(rest: &str) -> String {
    format!("{P}{rest}")
}

/// Adds a `select` field with one option to the pattern's `fields`.
fn with_select(v: &mut Value) {
    let n = v.pointer(&p("/fields")).and_then(Value::as_array).map_or(0, Vec::len);
    set(
        v,
        &p(&format!("/fields/{n}")),
        json!({"field_name": "region", "label": "Region", "input_type": "select", "hint": "Your data region", "options": [{"value": "eu", "display_name": "EU"}]}),
    );
}

const SELECT: &str = "/auth_patterns/0/fields/1";

/// A public MCP server: the GitHub MCP example as NO_AUTH.
fn no_auth(v: &mut Value) {
    set(v, &p("/type"), json!("NO_AUTH"));
    remove(v, &p("/oauth_config"));
}

fn long(n: usize) -> String {
    "a".repeat(n)
}

fn url_of(n: usize) -> String {
    let base = "https://api.example.com/";
    format!("{base}{}", long(n - base.len()))
}

fn pairs(n: usize) -> Value {
    Value::Object((0..n).map(|i| (format!("key{i:02}"), json!("value"))).collect())
}

/// One case: a small edit of an example.
struct Case {
    name: &'static str,
    base: &'static str,
    edit: fn(&mut Value),
    /// The validator's expected code (`None`: no diagnostic at all).
    code: Option<&'static str>,
}

fn case(name: &'static str, base: &'static str, edit: fn(&mut Value), code: &'static str) -> Case {
    Case { name, base, edit, code: Some(code) }
}

fn clean(name: &'static str, base: &'static str, edit: fn(&mut Value)) -> Case {
    Case { name, base, edit, code: None }
}

impl Case {
    fn payload(&self) -> Value {
        let mut v = example(self.base);
        (self.edit)(&mut v);
        v
    }
}

/// Each breaks exactly one structural rule of connectors.md §2.
fn structural_errors() -> Vec<Case> {
    use code::*;
    vec![
        // The document.
        case("payload is an array", "bearer-token", |v| *v = json!([]), NOT_AN_OBJECT),
        case("payload is a string", "bearer-token", |v| *v = json!("Acme"), NOT_AN_OBJECT),
        // display_name.
        case("display_name missing", "bearer-token", |v| remove(v, "/display_name"), MISSING_MEMBER),
        case("display_name null", "bearer-token", |v| set(v, "/display_name", Value::Null), MISSING_MEMBER),
        case("display_name a number", "bearer-token", |v| set(v, "/display_name", json!(5)), WRONG_TYPE),
        case("display_name empty", "bearer-token", |v| set(v, "/display_name", json!("")), DISPLAY_NAME_LENGTH),
        case("display_name too long", "bearer-token", |v| set(v, "/display_name", json!(long(*rules::DISPLAY_NAME_LEN.end() + 1))), DISPLAY_NAME_LENGTH),
        case("display_name with a hyphen", "bearer-token", |v| set(v, "/display_name", json!("Jira-Cloud")), DISPLAY_NAME_CHARSET),
        case("display_name only spaces", "bearer-token", |v| set(v, "/display_name", json!("   ")), DISPLAY_NAME_CHARSET),
        case("display_name non-ASCII", "bearer-token", |v| set(v, "/display_name", json!("Café")), DISPLAY_NAME_CHARSET),
        case("description a number", "bearer-token", |v| set(v, "/description", json!(42)), WRONG_TYPE),
        // auth_patterns.
        case("auth_patterns missing", "bearer-token", |v| remove(v, "/auth_patterns"), MISSING_MEMBER),
        case("auth_patterns null", "bearer-token", |v| set(v, "/auth_patterns", Value::Null), MISSING_MEMBER),
        case("auth_patterns an object", "bearer-token", |v| { let pattern = v["auth_patterns"][0].clone(); set(v, "/auth_patterns", pattern) }, WRONG_TYPE),
        case("auth_patterns empty", "bearer-token", |v| set(v, "/auth_patterns", json!([])), AUTH_PATTERNS_EMPTY),
        case("two auth patterns", "bearer-token", |v| { let pattern = v["auth_patterns"][0].clone(); set(v, "/auth_patterns/1", pattern) }, AUTH_PATTERNS_MULTIPLE),
        case("two MCP patterns, one without is_mcp", "mcp-bearer-apify", |v| set(v, "/auth_patterns/1", example("bearer-token")["auth_patterns"][0].clone()), AUTH_PATTERNS_MULTIPLE),
        case("auth pattern a string", "bearer-token", |v| set(v, P, json!("BEARER")), WRONG_TYPE),
        // proxy_url.
        case("proxy_url missing", "bearer-token", |v| remove(v, "/proxy_url"), MISSING_MEMBER),
        case("proxy_url a number", "bearer-token", |v| set(v, "/proxy_url", json!(5)), WRONG_TYPE),
        case("proxy_url empty", "bearer-token", |v| set(v, "/proxy_url", json!("")), URL_INVALID),
        case("proxy_url http://", "bearer-token", |v| set(v, "/proxy_url", json!("http://api.example.com")), URL_NOT_HTTPS),
        case("proxy_url upper-case scheme", "bearer-token", |v| set(v, "/proxy_url", json!("HTTPS://api.example.com")), URL_NOT_HTTPS),
        case("proxy_url without scheme", "basic-freshdesk", |v| set(v, "/proxy_url", json!("{{domain}}/api")), URL_NOT_HTTPS),
        case("proxy_url too long", "bearer-token", |v| set(v, "/proxy_url", json!(url_of(*rules::URL_LEN.end() + 1))), URL_TOO_LONG),
        // proxy_enabled.
        case("proxy_enabled missing", "bearer-token", |v| remove(v, "/proxy_enabled"), PROXY_DISABLED),
        case("proxy_enabled false", "bearer-token", |v| set(v, "/proxy_enabled", json!(false)), PROXY_DISABLED),
        case("proxy_enabled null", "bearer-token", |v| set(v, "/proxy_enabled", Value::Null), PROXY_DISABLED),
        case("proxy_enabled a string", "bearer-token", |v| set(v, "/proxy_enabled", json!("true")), WRONG_TYPE),
        // icon_src.
        case("icon_src http://", "bearer-token", |v| set(v, "/icon_src", json!("http://example.com/icon.svg")), URL_NOT_HTTPS),
        case("icon_src too long", "bearer-token", |v| set(v, "/icon_src", json!(url_of(*rules::URL_LEN.end() + 1))), URL_TOO_LONG),
        case("icon_src a number", "bearer-token", |v| set(v, "/icon_src", json!(7)), WRONG_TYPE),
        // metadata.
        case("metadata an array", "bearer-token", |v| set(v, "/metadata", json!(["team"])), WRONG_TYPE),
        case("metadata too many pairs", "bearer-token", |v| set(v, "/metadata", pairs(rules::METADATA_MAX_PAIRS + 1)), METADATA_TOO_MANY),
        case("metadata key too short", "bearer-token", |v| set(v, "/metadata", json!({ long(*rules::METADATA_KEY_LEN.start() - 1): "x" })), METADATA_KEY_LENGTH),
        case("metadata key too long", "bearer-token", |v| set(v, "/metadata", json!({ long(*rules::METADATA_KEY_LEN.end() + 1): "x" })), METADATA_KEY_LENGTH),
        case("metadata value empty", "bearer-token", |v| set(v, "/metadata", json!({"team": ""})), METADATA_VALUE_LENGTH),
        case("metadata value too long", "bearer-token", |v| set(v, "/metadata", json!({"team": long(*rules::METADATA_VALUE_LEN.end() + 1)})), METADATA_VALUE_LENGTH),
        case("metadata value a number", "bearer-token", |v| set(v, "/metadata", json!({"team": 5})), WRONG_TYPE),
        case("metadata value null", "bearer-token", |v| set(v, "/metadata", json!({"team": null})), WRONG_TYPE),
        // Keys the server sends back.
        case("served id a number", "bearer-token", |v| set(v, "/id", json!(5)), WRONG_TYPE),
        case("served is_custom a string", "bearer-token", |v| set(v, "/is_custom", json!("yes")), WRONG_TYPE),
        case("served categories a string", "bearer-token", |v| set(v, "/categories", json!("crm")), WRONG_TYPE),
        case("served category a number", "bearer-token", |v| set(v, "/categories", json!(["crm", 1])), WRONG_TYPE),
        // An auth pattern.
        case("type missing", "bearer-token", |v| remove(v, &p("/type")), MISSING_MEMBER),
        case("type null", "bearer-token", |v| set(v, &p("/type"), Value::Null), MISSING_MEMBER),
        case("type OAUTH2", "oauth-asana", |v| set(v, &p("/type"), json!("OAUTH2")), AUTH_TYPE_UNKNOWN),
        case("type in lower case", "bearer-token", |v| set(v, &p("/type"), json!("bearer")), AUTH_TYPE_UNKNOWN),
        case("type a number", "bearer-token", |v| set(v, &p("/type"), json!(1)), WRONG_TYPE),
        case("pattern display_name a number", "bearer-token", |v| set(v, &p("/display_name"), json!(5)), WRONG_TYPE),
        case("fields an object", "bearer-token", |v| { let field = v["auth_patterns"][0]["fields"][0].clone(); set(v, &p("/fields"), field) }, WRONG_TYPE),
        case("a field that is a string", "bearer-token", |v| set(v, &p("/fields/1"), json!("region")), WRONG_TYPE),
        case("account_fields a string", "oauth-asana", |v| set(v, &p("/account_fields"), json!("workspace")), WRONG_TYPE),
        case("is_mcp a string", "mcp-api-key", |v| set(v, &p("/is_mcp"), json!("true")), WRONG_TYPE),
        case("header override with spaces", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!("X API Key")), HEADER_OVERRIDE_INVALID),
        case("header override with a colon", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!("X-Key:")), HEADER_OVERRIDE_INVALID),
        case("header override empty", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!("")), HEADER_OVERRIDE_INVALID),
        case("header override a number", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!(5)), WRONG_TYPE),
        case("mutations an array", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!([])), WRONG_TYPE),
        case("mutation of an unknown credential", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"bearer": {"prefix": "x"}})), MUTATION_TARGET_UNKNOWN),
        case("unknown mutation operation", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": {"append": "x"}})), MUTATION_OPERATION_UNKNOWN),
        case("mutation a string", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": "Bearer "})), WRONG_TYPE),
        case("mutation null", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": null})), WRONG_TYPE),
        case("mutation prefix a number", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": {"prefix": 1}})), WRONG_TYPE),
        case("allowed_proxy_domains a string", "bearer-token", |v| set(v, &p("/allowed_proxy_domains"), json!("api.example.com")), WRONG_TYPE),
        case("allowed proxy domain a number", "bearer-token", |v| set(v, &p("/allowed_proxy_domains"), json!([1])), WRONG_TYPE),
        // Rules by type.
        case("OAUTH without oauth_config", "oauth-asana", |v| remove(v, &p("/oauth_config")), OAUTH_CONFIG_MISSING),
        case("OAUTH with oauth_config null", "oauth-asana", |v| set(v, &p("/oauth_config"), Value::Null), OAUTH_CONFIG_MISSING),
        case("MCP OAUTH without oauth_config", "mcp-oauth-github", |v| remove(v, &p("/oauth_config")), OAUTH_CONFIG_MISSING),
        case("oauth_config an array", "oauth-asana", |v| set(v, &p("/oauth_config"), json!([])), WRONG_TYPE),
        case("BEARER with oauth_config", "bearer-token", |v| set(v, &p("/oauth_config"), json!({"authorize_uri": "https://a.example.com", "token_uri": "https://a.example.com/t"})), OAUTH_CONFIG_UNEXPECTED),
        case("API_KEY with an empty oauth_config", "api-key-attention", |v| set(v, &p("/oauth_config"), json!({})), OAUTH_CONFIG_UNEXPECTED),
        case("BASIC with a non-object oauth_config", "basic-freshdesk", |v| set(v, &p("/oauth_config"), json!(true)), OAUTH_CONFIG_UNEXPECTED),
        case("NO_AUTH without is_mcp", "mcp-oauth-github", |v| { no_auth(v); remove(v, &p("/is_mcp")) }, NO_AUTH_NOT_MCP),
        case("NO_AUTH with is_mcp false", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/is_mcp"), json!(false)) }, NO_AUTH_NOT_MCP),
        case("NO_AUTH with fields", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/fields/0"), json!({"field_name": "token", "label": "Token", "input_type": "password", "hint": "h"})) }, NO_AUTH_INPUTS),
        case("NO_AUTH with account_fields", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/account_fields"), json!([{"field_name": "org", "label": "Org", "hint": "h"}])) }, NO_AUTH_INPUTS),
        case("NO_AUTH with oauth_config", "mcp-oauth-github", |v| set(v, &p("/type"), json!("NO_AUTH")), OAUTH_CONFIG_UNEXPECTED),
        case("MCP oauth_config empty", "mcp-oauth-github", |v| set(v, &p("/oauth_config"), json!({})), MCP_OAUTH_SHAPE),
        case("MCP pkce_enabled false", "mcp-oauth-github", |v| set(v, &p("/oauth_config/pkce_enabled"), json!(false)), MCP_OAUTH_SHAPE),
        case("MCP pkce_enabled a string", "mcp-oauth-github", |v| set(v, &p("/oauth_config/pkce_enabled"), json!("true")), MCP_OAUTH_SHAPE),
        case("MCP pkce_enabled null", "mcp-oauth-github", |v| set(v, &p("/oauth_config/pkce_enabled"), Value::Null), MCP_OAUTH_SHAPE),
        case("MCP oauth_config with an endpoint", "mcp-oauth-github", |v| set(v, &p("/oauth_config/authorize_uri"), json!("https://github.com/login/oauth/authorize")), MCP_OAUTH_SHAPE),
        case("MCP oauth_config with a null endpoint", "mcp-oauth-github", |v| set(v, &p("/oauth_config/token_uri"), Value::Null), MCP_OAUTH_SHAPE),
        case("MCP oauth_config with scopes", "mcp-oauth-github", |v| set(v, &p("/oauth_config/available_scopes"), json!([])), MCP_OAUTH_SHAPE),
        case("MCP oauth_config with an unknown key", "mcp-oauth-github", |v| set(v, &p("/oauth_config/client_id"), json!("abc")), MCP_OAUTH_SHAPE),
        case("REST OAUTH without token_uri", "oauth-asana", |v| remove(v, &p("/oauth_config/token_uri")), OAUTH_ENDPOINT_MISSING),
        case("REST OAUTH without authorize_uri", "oauth-asana", |v| remove(v, &p("/oauth_config/authorize_uri")), OAUTH_ENDPOINT_MISSING),
        case("REST OAUTH authorize_uri null", "oauth-asana", |v| set(v, &p("/oauth_config/authorize_uri"), Value::Null), OAUTH_ENDPOINT_MISSING),
        case("REST OAUTH authorize_uri http://", "oauth-asana", |v| set(v, &p("/oauth_config/authorize_uri"), json!("http://app.asana.com/-/oauth_authorize")), URL_NOT_HTTPS),
        case("REST OAUTH token_uri a number", "oauth-asana", |v| set(v, &p("/oauth_config/token_uri"), json!(5)), WRONG_TYPE),
        case("REST OAUTH user_info_uri ftp://", "oauth-asana", |v| set(v, &p("/oauth_config/user_info_uri"), json!("ftp://app.asana.com/me")), URL_NOT_HTTPS),
        case("REST OAUTH pkce_enabled a string", "oauth-asana", |v| set(v, &p("/oauth_config/pkce_enabled"), json!("yes")), WRONG_TYPE),
        case("REST OAUTH custom_scope_name a boolean", "oauth-asana", |v| set(v, &p("/oauth_config/custom_scope_name"), json!(true)), WRONG_TYPE),
        case("available_scopes an object", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes"), json!({"scope": "email"})), WRONG_TYPE),
        case("a scope that is a string", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0"), json!("profile")), WRONG_TYPE),
        case("scope without scope", "oauth-asana", |v| remove(v, &p("/oauth_config/available_scopes/0/scope")), OAUTH_SCOPE_EMPTY),
        case("scope empty", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0/scope"), json!("")), OAUTH_SCOPE_EMPTY),
        case("scope blank", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0/scope"), json!("  ")), OAUTH_SCOPE_EMPTY),
        case("scope a number", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0/scope"), json!(5)), WRONG_TYPE),
        case("scope required a string", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0/required"), json!("yes")), WRONG_TYPE),
        // A field.
        case("field without field_name", "bearer-token", |v| set(v, &p("/fields/1"), json!({"label": "Region", "input_type": "text", "hint": "h"})), FIELD_NAME_MISSING),
        case("field_name empty", "bearer-token", |v| set(v, &p("/fields/1"), json!({"field_name": "", "label": "Region", "hint": "h"})), FIELD_NAME_MISSING),
        case("field_name null", "bearer-token", |v| set(v, &p("/fields/1"), json!({"field_name": null, "label": "Region", "hint": "h"})), FIELD_NAME_MISSING),
        case("field_name a number", "bearer-token", |v| set(v, &p("/fields/1"), json!({"field_name": 5, "label": "Region", "hint": "h"})), WRONG_TYPE),
        case("input_type secret", "bearer-token", |v| set(v, &p("/fields/0/input_type"), json!("secret")), INPUT_TYPE_UNKNOWN),
        case("input_type in upper case", "bearer-token", |v| set(v, &p("/fields/0/input_type"), json!("PASSWORD")), INPUT_TYPE_UNKNOWN),
        case("input_type a number", "bearer-token", |v| set(v, &p("/fields/0/input_type"), json!(1)), WRONG_TYPE),
        case("required a string", "bearer-token", |v| set(v, &p("/fields/0/required"), json!("true")), WRONG_TYPE),
        case("is_path_param a number", "basic-freshdesk", |v| set(v, &p("/fields/0/is_path_param"), json!(1)), WRONG_TYPE),
        case("label a number", "bearer-token", |v| set(v, &p("/fields/0/label"), json!(5)), WRONG_TYPE),
        case("hint a boolean", "bearer-token", |v| set(v, &p("/fields/0/hint"), json!(false)), WRONG_TYPE),
        case("header_name a number", "bearer-token", |v| set(v, &p("/fields/0/header_name"), json!(1)), WRONG_TYPE),
        case("an account field without field_name", "oauth-asana", |v| set(v, &p("/account_fields"), json!([{"label": "Workspace", "hint": "h"}])), FIELD_NAME_MISSING),
        // A select option.
        case("options an object", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options"), json!({"value": "eu"})) }, WRONG_TYPE),
        case("an option that is a string", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0"), json!("eu")) }, WRONG_TYPE),
        case("option without value", "bearer-token", |v| { with_select(v); remove(v, &format!("{SELECT}/options/0/value")) }, OPTION_VALUE_MISSING),
        case("option value null", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0/value"), Value::Null) }, OPTION_VALUE_MISSING),
        case("option value a number", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0/value"), json!(1)) }, WRONG_TYPE),
        case("option default a string", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0/default"), json!("no")) }, WRONG_TYPE),
    ]
}

/// Structurally fine: only warnings, infos or semantic errors (or nothing).
fn structurally_fine() -> Vec<Case> {
    use code::*;
    vec![
        // Unknown keys are warnings at every level but the MCP OAuth config and mutations.
        case("unknown top-level key", "bearer-token", |v| set(v, "/proxy_uri", json!("https://api.example.com")), UNKNOWN_KEY),
        case("unknown pattern key", "bearer-token", |v| set(v, &p("/scopes"), json!(["read"])), UNKNOWN_KEY),
        case("unknown field key", "bearer-token", |v| set(v, &p("/fields/0/placeholder"), json!("sk_…")), UNKNOWN_KEY),
        case("unknown REST oauth_config key", "oauth-asana", |v| set(v, &p("/oauth_config/client_id"), json!("abc")), UNKNOWN_KEY),
        case("unknown scope key", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/0/default"), json!(true)), UNKNOWN_KEY),
        case("unknown option key", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0/label"), json!("EU")) }, UNKNOWN_KEY),
        // What a served connector carries.
        clean("served keys", "bearer-token", |v| {
            for (key, value) in [("id", json!("prv_1")), ("identifier", json!("custom:my_bearer")), ("categories", json!(["crm", null])), ("display_priority", json!("high")), ("coming_soon", json!(false)), ("is_custom", json!(true)), ("is_custom_mcp", json!(false))] {
                set(v, &format!("/{key}"), value);
            }
        }),
        clean("served nulls for absent lists and objects", "oauth-asana", |v| {
            set(v, "/metadata", Value::Null);
            set(v, "/icon_src", Value::Null);
            set(v, &p("/account_fields"), Value::Null);
            set(v, &p("/auth_field_mutations"), Value::Null);
            set(v, &p("/allowed_proxy_domains"), Value::Null);
            set(v, &p("/oauth_config/available_scopes"), Value::Null);
            set(v, &p("/oauth_config/user_info_uri"), Value::Null);
            set(v, &p("/oauth_config/pkce_enabled"), Value::Null);
        }),
        case("description null", "bearer-token", |v| set(v, "/description", Value::Null), MISSING_DESCRIPTION),
        case("pattern display_name null", "bearer-token", |v| set(v, &p("/display_name"), Value::Null), MISSING_LABEL),
        clean("BEARER with oauth_config null", "bearer-token", |v| set(v, &p("/oauth_config"), Value::Null)),
        clean("is_mcp null on REST", "bearer-token", |v| set(v, &p("/is_mcp"), Value::Null)),
        clean("field members null", "bearer-token", |v| {
            with_select(v);
            for key in ["required", "is_path_param", "header_name"] {
                set(v, &p(&format!("/fields/0/{key}")), Value::Null);
            }
            set(v, &format!("{SELECT}/options/0/display_name"), Value::Null);
        }),
        case("input_type null", "api-key-attention", |v| set(v, &p("/fields/0/input_type"), Value::Null), SECRET_AS_TEXT),
        clean("input_type textarea", "bearer-token", |v| set(v, &p("/fields/0/input_type"), json!("textarea"))),
        // Limits reached, not crossed.
        clean("display_name at its limit", "bearer-token", |v| set(v, "/display_name", json!(long(*rules::DISPLAY_NAME_LEN.end())))),
        clean("proxy_url at its limit", "bearer-token", |v| set(v, "/proxy_url", json!(url_of(*rules::URL_LEN.end())))),
        clean("icon_src at its limit", "bearer-token", |v| set(v, "/icon_src", json!(url_of(*rules::URL_LEN.end())))),
        clean("icon_src empty", "bearer-token", |v| set(v, "/icon_src", json!(""))),
        clean("user_info_uri empty", "oauth-asana", |v| set(v, &p("/oauth_config/user_info_uri"), json!(""))),
        clean("metadata at its limits", "bearer-token", |v| {
            let mut m = pairs(rules::METADATA_MAX_PAIRS - 2);
            m[long(*rules::METADATA_KEY_LEN.start())] = json!(long(*rules::METADATA_VALUE_LEN.start()));
            m[long(*rules::METADATA_KEY_LEN.end())] = json!(long(*rules::METADATA_VALUE_LEN.end()));
            set(v, "/metadata", m);
        }),
        clean("metadata empty", "bearer-token", |v| set(v, "/metadata", json!({}))),
        clean("display_name with spaces around", "bearer-token", |v| set(v, "/display_name", json!(" My API 2 "))),
        clean("option value empty", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/options/0/value"), json!("")) }),
        clean("mutation with null operations", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": {"prefix": null}}))),
        clean("mutation empty", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"token": {}}))),
        clean("header override X-API-Key", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!("X-API-Key"))),
        clean("header override with token punctuation", "api-key-attention", |v| set(v, &p("/auth_header_key_override"), json!("x-key_v2.!#$%&'*+^`|~"))),
        clean("Klaviyo-style api_key prefix", "api-key-attention", |v| set(v, &p("/auth_field_mutations"), json!({"api_key": {"prefix": "Klaviyo-API-Key "}}))),
        clean("NO_AUTH MCP", "mcp-oauth-github", no_auth),
        clean("NO_AUTH MCP with null lists", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/fields"), Value::Null); set(v, &p("/account_fields"), Value::Null) }),
        clean("NO_AUTH MCP with oauth_config null", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/oauth_config"), Value::Null) }),
        clean("MCP OAUTH with pre-flow fields", "mcp-oauth-github", |v| set(v, &p("/fields/0"), json!({"field_name": "org", "label": "Org", "input_type": "text", "hint": "Your organization"}))),
        clean("BEARER token given by a default mutation", "bearer-token", |v| { set(v, &p("/fields"), json!([])); set(v, &p("/auth_field_mutations"), json!({"token": {"default": "t"}})) }),
        clean("Freshdesk-style API key as username", "basic-freshdesk", |v| set(v, &p("/auth_field_mutations"), json!({"password": {"default": "X"}}))),
        // Warnings and infos.
        case("path parameter never used", "bearer-token", |v| set(v, &p("/fields/1"), json!({"field_name": "tenant", "label": "Tenant", "input_type": "text", "hint": "h", "is_path_param": true})), PATH_PARAM_UNUSED),
        case("OAUTH path parameter in fields", "oauth-asana", |v| {
            set(v, &p("/fields/0"), json!({"field_name": "workspace", "label": "Workspace", "input_type": "text", "hint": "h", "is_path_param": true}));
            set(v, "/proxy_url", json!("https://app.asana.com/api/{{workspace}}"));
        }, PATH_PARAM_MISPLACED),
        case("secret shown as text", "api-key-attention", |v| set(v, &p("/fields/0/input_type"), json!("text")), SECRET_AS_TEXT),
        case("select without options", "bearer-token", |v| { with_select(v); remove(v, &format!("{SELECT}/options")) }, SELECT_WITHOUT_OPTIONS),
        case("options on a text field", "bearer-token", |v| { with_select(v); set(v, &format!("{SELECT}/input_type"), json!("text")) }, OPTIONS_IGNORED),
        case("account_fields on BEARER", "bearer-token", |v| set(v, &p("/account_fields"), json!([{"field_name": "org", "label": "Org", "input_type": "text", "hint": "h"}])), ACCOUNT_FIELDS_IGNORED),
        case("username mutation on BEARER", "bearer-token", |v| set(v, &p("/auth_field_mutations"), json!({"username": {"suffix": "/token"}})), MUTATION_TARGET_UNUSED),
        case("any mutation on NO_AUTH", "mcp-oauth-github", |v| { no_auth(v); set(v, &p("/auth_field_mutations"), json!({"token": {"prefix": "x"}})) }, MUTATION_TARGET_UNUSED),
        case("header override on BASIC", "basic-freshdesk", |v| set(v, &p("/auth_header_key_override"), json!("X-Auth")), HEADER_OVERRIDE_IGNORED),
        case("allowed proxy domain that is a URL", "bearer-token", |v| set(v, &p("/allowed_proxy_domains"), json!(["https://api.example.com"])), PROXY_DOMAIN_INVALID),
        case("scope listed twice", "oauth-asana", |v| set(v, &p("/oauth_config/available_scopes/1/scope"), json!("profile")), OAUTH_SCOPE_DUPLICATE),
        case("REST proxy_url with a trailing slash", "bearer-token", |v| set(v, "/proxy_url", json!("https://api.example.com/")), PROXY_URL_TRAILING_SLASH),
        case("field without hint", "bearer-token", |v| remove(v, &p("/fields/0/hint")), MISSING_HINT),
        case("pattern without description", "bearer-token", |v| remove(v, &p("/description")), MISSING_DESCRIPTION),
        // Semantic errors: the validator's, not the schema's.
        case("placeholder no field declares", "bearer-token", |v| set(v, "/proxy_url", json!("https://{{tenant}}.example.com")), TEMPLATE_UNKNOWN_VARIABLE),
        case("malformed placeholder", "basic-freshdesk", |v| set(v, "/proxy_url", json!("https://{{ domain }}/api")), TEMPLATE_SYNTAX),
        case("placeholder in the port", "basic-freshdesk", |v| set(v, "/proxy_url", json!("https://api.example.com:{{domain}}")), TEMPLATE_PLACEMENT),
        case("placeholder in an endpoint no field declares", "oauth-asana", |v| set(v, &p("/oauth_config/token_uri"), json!("https://{{tenant}}.asana.com/token")), TEMPLATE_UNKNOWN_VARIABLE),
        case("proxy_url with a space in the host", "bearer-token", |v| set(v, "/proxy_url", json!("https://api example.com")), URL_INVALID),
        case("icon_src without a host", "bearer-token", |v| set(v, "/icon_src", json!("https://")), URL_INVALID),
        case("BEARER without a token field", "bearer-token", |v| set(v, &p("/fields/0/field_name"), json!("access_token")), CREDENTIAL_MISSING),
        case("API_KEY without an api_key field", "api-key-attention", |v| set(v, &p("/fields"), json!([])), CREDENTIAL_MISSING),
        case("BASIC without a username", "basic-freshdesk", |v| remove(v, &p("/fields/1")), CREDENTIAL_MISSING),
        case("two fields with one name", "basic-freshdesk", |v| set(v, &p("/fields/1/field_name"), json!("domain")), FIELD_NAME_DUPLICATE),
    ]
}

fn describe_report(report: &Report) -> String {
    report.diagnostics.iter().map(|d| format!("{:?} {} {}", d.severity, d.code, d.path)).collect::<Vec<_>>().join("; ")
}

#[test]
fn the_schema_is_a_valid_2020_12_schema() {
    let schema = json_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("not a valid 2020-12 schema: {error} at {}", error.instance_path());
    }
    assert!(jsonschema::meta::is_valid(&schema));
    compiled();
    for def in ["authPattern", "field", "selectOption", "oauthConfig", "mcpOauthConfig", "scope", "mutation"] {
        assert!(schema["$defs"][def].is_object(), "$defs/{def}");
    }
}

/// Every property, at every level, carries a description for hover text.
#[test]
fn every_property_is_described() {
    fn walk(path: &str, schema: &Value, missing: &mut Vec<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (key, prop) in props {
                        if prop.get("description").and_then(Value::as_str).is_none_or(str::is_empty) {
                            missing.push(format!("{path}/properties/{key}"));
                        }
                    }
                }
                for (key, value) in map {
                    walk(&format!("{path}/{key}"), value, missing);
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, item)| walk(&format!("{path}/{i}"), item, missing)),
            _ => {}
        }
    }
    let schema = json_schema();
    let mut missing = Vec::new();
    walk("#", &schema, &mut missing);
    // Properties inside if/then conditions restate a rule; the ones editors show must be described.
    missing.retain(|p| !p.contains("/if/") && !p.contains("/contains/") && !p.contains("/then/properties/auth_patterns"));
    assert!(missing.is_empty(), "without description: {missing:#?}");
}

#[test]
fn every_example_is_valid() {
    let schema = compiled();
    let mut names: Vec<String> = std::fs::read_dir(EXAMPLES).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".json")).collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in names {
        let payload = example(name.trim_end_matches(".json"));
        let errors = schema_errors(&schema, &payload);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert!(report(&payload).valid, "{name}");
    }
}

#[test]
fn structural_errors_are_rejected_by_both() {
    let schema = compiled();
    let cases = structural_errors();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let payload = case.payload();
        let report = report(&payload);
        let expected = case.code.unwrap();
        if schema.is_valid(&payload) {
            failures.push(format!("{}: the schema accepts it", case.name));
        }
        if !report.diagnostics.iter().any(|d| d.code == expected && d.severity == Severity::Error) {
            failures.push(format!("{}: validate gave no `{expected}` error: {}", case.name, describe_report(&report)));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases disagree:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn structurally_fine_payloads_are_accepted() {
    let schema = compiled();
    let cases = structurally_fine();
    let mut failures = Vec::new();
    for case in &cases {
        let payload = case.payload();
        let errors = schema_errors(&schema, &payload);
        if !errors.is_empty() {
            failures.push(format!("{}: the schema rejects it: {errors:?}", case.name));
        }
        let report = report(&payload);
        let structural: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error && !SEMANTIC.contains(&d.code)).collect();
        if !structural.is_empty() {
            failures.push(format!("{}: validate reports structural errors: {}", case.name, describe_report(&report)));
        }
        match case.code {
            Some(code) if !report.diagnostics.iter().any(|d| d.code == code) => failures.push(format!("{}: validate gave no `{code}`: {}", case.name, describe_report(&report))),
            None if !report.diagnostics.is_empty() => failures.push(format!("{}: expected no diagnostics: {}", case.name, describe_report(&report))),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{} of {} cases disagree:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Every member of every example, replaced by a value of each JSON type or
/// removed: the schema accepts exactly when the validator has no
/// structural error, and rejects only what the validator calls an error.
#[test]
fn agreement_on_every_member_of_every_example() {
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => map.iter().for_each(|(k, c)| {
                out.push(format!("{at}/{k}"));
                pointers(c, format!("{at}/{k}"), out);
            }),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| {
                out.push(format!("{at}/{i}"));
                pointers(c, format!("{at}/{i}"), out);
            }),
            _ => {}
        }
    }
    let schema = compiled();
    let replacements = [Value::Null, json!(true), json!(false), json!(7), json!(""), json!("x"), json!([]), json!({})];
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_string();
        let original = example(&name);
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        for pointer in all {
            let mut variants: Vec<(String, Value)> = replacements
                .iter()
                .map(|r| {
                    let mut v = original.clone();
                    set(&mut v, &pointer, r.clone());
                    (format!("{pointer} = {r}"), v)
                })
                .collect();
            let mut v = original.clone();
            remove(&mut v, &pointer);
            variants.push((format!("{pointer} removed"), v));
            for (what, payload) in variants {
                checked += 1;
                let report = report(&payload);
                // Accepted: the validator's errors are only semantic ones.
                // Rejected: the validator has an error (an empty proxy_url is
                // `url-invalid`, a code semantic problems share).
                let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
                let schema_ok = schema.is_valid(&payload);
                let agree = if schema_ok { errors.iter().all(|d| SEMANTIC.contains(&d.code)) } else { !errors.is_empty() };
                if !agree {
                    failures.push(format!("{name}: {what}: schema {}, validate: {}", if schema_ok { "accepts" } else { "rejects" }, describe_report(&report)));
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
    assert!(failures.is_empty(), "{} of {checked} variants disagree:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_schema_is_built_from_the_rules() {
    let s = json_schema();
    let at = |pointer: &str| s.pointer(pointer).unwrap_or_else(|| panic!("no {pointer}")).clone();
    let props = "/properties";
    assert_eq!(at(&format!("{props}/display_name/minLength")), json!(*rules::DISPLAY_NAME_LEN.start()));
    assert_eq!(at(&format!("{props}/display_name/maxLength")), json!(*rules::DISPLAY_NAME_LEN.end()));
    assert_eq!(at(&format!("{props}/display_name/pattern")), json!(rules::DISPLAY_NAME_PATTERN));
    assert_eq!(at(&format!("{props}/proxy_url/minLength")), json!(*rules::URL_LEN.start()));
    assert_eq!(at(&format!("{props}/proxy_url/maxLength")), json!(*rules::URL_LEN.end()));
    assert_eq!(at(&format!("{props}/icon_src/maxLength")), json!(*rules::URL_LEN.end()));
    assert_eq!(at(&format!("{props}/metadata/maxProperties")), json!(rules::METADATA_MAX_PAIRS));
    assert_eq!(at(&format!("{props}/metadata/propertyNames/minLength")), json!(*rules::METADATA_KEY_LEN.start()));
    assert_eq!(at(&format!("{props}/metadata/propertyNames/maxLength")), json!(*rules::METADATA_KEY_LEN.end()));
    assert_eq!(at(&format!("{props}/metadata/additionalProperties/minLength")), json!(*rules::METADATA_VALUE_LEN.start()));
    assert_eq!(at(&format!("{props}/metadata/additionalProperties/maxLength")), json!(*rules::METADATA_VALUE_LEN.end()));
    assert_eq!(at(&format!("{props}/auth_patterns/maxItems")), json!(rules::MAX_AUTH_PATTERNS));
    assert_eq!(at(&format!("{props}/proxy_enabled/const")), json!(true));

    let types: Vec<&str> = AuthType::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(at("/$defs/authPattern/properties/type/enum"), json!(types));
    assert_eq!(at("/$defs/authPattern/properties/auth_field_mutations/propertyNames/enum"), json!(rules::MUTATION_TARGETS));
    let mut input_types: Vec<Value> = rules::INPUT_TYPES.iter().map(|t| json!(t)).collect();
    input_types.push(Value::Null);
    assert_eq!(at("/$defs/field/properties/input_type/enum"), json!(input_types));
    let operations: Vec<&String> = s["$defs"]["mutation"]["properties"].as_object().unwrap().keys().collect();
    assert_eq!(operations, rules::MUTATION_OPERATIONS.to_vec());
    assert_eq!(at("/$defs/mutation/additionalProperties"), json!(false));
}

/// The header-name pattern is derived from `rules::is_header_name`; check
/// they agree on every ASCII character and a few names.
#[test]
fn header_name_pattern_matches_the_predicate() {
    let s = json_schema();
    let pattern = s.pointer("/$defs/authPattern/properties/auth_header_key_override").unwrap().clone();
    let check = jsonschema::draft202012::new(&pattern).unwrap();
    let mut samples: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
    samples.extend(["X-API-Key", "x-api-key", "Authorization", "X API Key", "X-Key:", "", "Ключ", "a\nb", "X-Key\n"].map(String::from));
    for sample in samples {
        assert_eq!(check.is_valid(&json!(sample)), rules::is_header_name(&sample), "{sample:?} (pattern {})", pattern["pattern"]);
    }
}

#[test]
fn the_committed_schema_text_is_current() {
    let built = connector_kit::schema::json_schema();
    let text = serde_json::to_string(&built).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write("src/payload.schema.json", &text).unwrap();
    }
    let committed: Value = serde_json::from_str(connector_kit::schema::SCHEMA_JSON).unwrap();
    assert_eq!(committed, built, "src/payload.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --test schema");
}

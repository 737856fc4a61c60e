//! Structured inputs for the fuzz targets, built with `arbitrary` from the
//! project's own examples: presets edited at random paths, templates made
//! of URL pieces and the example URLs of tests/template.rs, values drawn
//! from names and values the core treats specially. The invariants are
//! tests/invariants/mod.rs, shared with the property test.

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Map, Value};

#[path = "../../tests/invariants/mod.rs"]
pub mod invariants;

/// Keys the core reads somewhere: payload, blueprint, findings, OpenAPI.
pub const KEYS: &[&str] = &[
    "display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata", "id", "identifier",
    "categories", "display_priority", "coming_soon", "is_custom", "is_custom_mcp", "type", "fields", "account_fields",
    "oauth_config", "auth_header_key_override", "auth_field_mutations", "is_mcp", "allowed_proxy_domains", "field_name",
    "label", "input_type", "hint", "required", "is_path_param", "options", "header_name", "value", "default",
    "authorize_uri", "token_uri", "user_info_uri", "available_scopes", "pkce_enabled", "allow_use_scalekit_credentials",
    "custom_scope_name", "scope", "prefix", "suffix", "token", "api_key", "username", "password", "name", "baseUrl",
    "inputs", "scopes", "authorizeUri", "tokenUri", "userInfoUri", "pkce", "headerOverride", "mutations", "iconSrc",
    "inputType", "displayName", "mcp", "url", "publicAccess", "status", "challenge", "resourceMetadata",
    "authorizationServer", "issuer", "sessionId", "resource", "authorization_servers", "registration_endpoint",
    "code_challenge_methods_supported", "response_types_supported", "client_id_metadata_document_supported", "a/b~c", "",
];

/// Strings the core gives meaning to.
pub const WORDS: &[&str] = &[
    "OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH", "OAUTH2", "text", "password", "select", "textarea", "secret",
    "token", "api_key", "username", "domain", "version", "cloud_id", "tenant", "Acme", "Jira-Cloud", "", " ",
    "https://api.example.com", "https://{{domain}}/api", "https://api.example.com/{{version}}",
    "https://{{tenant}}.example.com/x?a={{cloud_id}}", "http://api.example.com/", "https://{{ domain }}",
    "https://a.com:{{port}}", "X-API-Key", "X API Key", "Authorization", "api.example.com", "*.example.com", "S256",
    "code", "Bearer realm=\"x\"", "Basic", "https://mcp.example.com/mcp", "https://auth.example.com", "{{x}}",
    "acme.freshdesk.com", "10.0.0.1", "a/b", "..", "%2e", "evil.example/x?", "xn--mnchen-3ya.de", "é", "\u{0}",
];

/// Field names for values.
pub const NAMES: &[&str] = &[
    "token", "api_key", "username", "password", "domain", "version", "cloud_id", "tenant", "x", "a", "b", "region", "secret_key",
];

/// Values for fields: secrets, hosts, path pieces and trouble.
pub const VALUES: &[&str] = &[
    "S3cr3t-T0ken-value", "sk_live_abcdef123456", "hunter2-password", "acme", "acme.freshdesk.com", "10.0.0.1", "v2", "a/b",
    ".", "..", "%2e", "", " ", "evil.example/x?", "a@b", "x:1", "ACME", "xn--mnchen-3ya.de", "1.2", "a..b", "-a", "é",
    "line\nbreak", "tab\there", "q=1&r=2", "#frag", "[::1]", "\u{0}", "ck-masked-secret-3f9a", "••••••••", "Bearer x",
];

/// Pieces of URLs and templates.
pub const TOKENS: &[&str] = &[
    "https://", "http://", "://", ":", "/", "//", "\\", "?", "&", "=", "#", "@", ".", "-", "{{", "}}", "{", "}", "[", "]",
    "%", "%2e", "%2F", " ", "api", "example.com", "x", "8443", "{{domain}}", "{{tenant}}", "{{token}}", "{{a}}", "{{}}",
    "{{ a }}", "{{{a}}}", "[::1]", "localhost", "é", "xn--", "0x1f", "127.0.0.1",
];

fn pick<'a>(u: &mut Unstructured<'_>, list: &[&'a str]) -> Result<&'a str> {
    Ok(list[u.choose_index(list.len())?])
}

/// A string: usually one the core gives meaning to, sometimes anything.
fn string(u: &mut Unstructured<'_>, list: &[&str]) -> Result<String> {
    Ok(match u.int_in_range(0..=5)? {
        0 | 1 => String::arbitrary(u)?,
        2 => format!("{}{}", pick(u, list)?, pick(u, list)?),
        3 => pick(u, list)?.repeat(u.int_in_range(1..=80)?),
        _ => pick(u, list)?.to_string(),
    })
}

/// Any JSON value, keys and strings mostly from the core's vocabulary.
pub fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let top = if depth >= 6 { 4 } else { 7 };
    Ok(match u.int_in_range(0..=top)? {
        0 => Value::Null,
        1 => Value::Bool(bool::arbitrary(u)?),
        2 => match u.int_in_range(0..=2)? {
            0 => Value::from(i64::arbitrary(u)?),
            1 => Value::from(u64::arbitrary(u)?),
            _ => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
        },
        3 | 4 => Value::String(string(u, WORDS)?),
        5 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array((0..n).map(|_| value(u, depth + 1)).collect::<Result<_>>()?)
        }
        6 => {
            let n = u.int_in_range(0..=6)?;
            let mut map = Map::new();
            for _ in 0..n {
                map.insert(string(u, KEYS)?, value(u, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => preset(u)?,
    })
}

/// One of the presets, as a value.
fn preset(u: &mut Unstructured<'_>) -> Result<Value> {
    let presets = connector_kit::presets::PRESETS;
    Ok(serde_json::from_str(presets[u.choose_index(presets.len())?].json).unwrap_or(Value::Null))
}

/// A JSON value: a seed (preset, blueprint, findings) edited at random paths, or any value.
#[derive(Debug)]
pub struct Json(pub Value);

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut root = match u.int_in_range(0..=5)? {
            0 => value(u, 0)?,
            1 => parse(invariants::BLUEPRINTS[u.choose_index(invariants::BLUEPRINTS.len())?]),
            2 => parse(invariants::MCP_FINDINGS[u.choose_index(invariants::MCP_FINDINGS.len())?]),
            _ => preset(u)?,
        };
        let edits = u.int_in_range(0..=4)?;
        for _ in 0..edits {
            edit(u, &mut root)?;
        }
        Ok(Json(root))
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Walks down a few random steps and replaces, removes or duplicates what is there.
fn edit(u: &mut Unstructured<'_>, root: &mut Value) -> Result<()> {
    let steps = u.int_in_range(0..=5)?;
    let mut path = Vec::new();
    let mut here: &Value = root;
    for _ in 0..steps {
        let next = match here {
            Value::Object(map) if !map.is_empty() => {
                let i = u.choose_index(map.len())?;
                path.push(i);
                map.values().nth(i)
            }
            Value::Array(list) if !list.is_empty() => {
                let i = u.choose_index(list.len())?;
                path.push(i);
                list.get(i)
            }
            _ => None,
        };
        match next {
            Some(next) => here = next,
            None => break,
        }
    }
    let at = descend(root, &path);
    match u.int_in_range(0..=4)? {
        0 => *at = value(u, 3)?,
        1 => match at {
            Value::Object(map) if !map.is_empty() => {
                let i = u.choose_index(map.len())?;
                if let Some(key) = map.keys().nth(i).cloned() {
                    map.shift_remove(&key);
                }
            }
            Value::Array(list) if !list.is_empty() => {
                let i = u.choose_index(list.len())?;
                list.remove(i);
            }
            _ => *at = Value::Null,
        },
        2 => match at {
            Value::Array(list) if !list.is_empty() => {
                let i = u.choose_index(list.len())?;
                let copy = list[i].clone();
                list.push(copy);
            }
            Value::Object(map) => {
                map.insert(string(u, KEYS)?, value(u, 4)?);
            }
            _ => *at = Value::String(string(u, VALUES)?),
        },
        3 => *at = Value::String(string(u, WORDS)?),
        _ => {
            if let Value::Object(map) = at {
                let keys: Vec<String> = map.keys().cloned().collect();
                if !keys.is_empty() {
                    let key = &keys[u.choose_index(keys.len())?];
                    let value = map.shift_remove(key).unwrap_or(Value::Null);
                    map.insert(key.clone(), value); // moved to the end
                }
            }
        }
    }
    Ok(())
}

/// The value `path` (indices of members or elements) leads to.
fn descend<'v>(value: &'v mut Value, path: &[usize]) -> &'v mut Value {
    let Some((&i, rest)) = path.split_first() else { return value };
    let fits = match &*value {
        Value::Object(map) => i < map.len(),
        Value::Array(list) => i < list.len(),
        _ => false,
    };
    if !fits {
        return value;
    }
    match value {
        Value::Object(map) => descend(map.values_mut().nth(i).expect("checked"), rest),
        Value::Array(list) => descend(&mut list[i], rest),
        other => other,
    }
}

/// JSON text of a payload: an edited seed printed compactly or pretty,
/// sometimes with a member repeated (which a `Value` cannot hold), or raw text.
#[derive(Debug)]
pub struct PayloadText(pub String);

impl<'a> Arbitrary<'a> for PayloadText {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        if u.ratio(1, 8)? {
            return Ok(PayloadText(String::arbitrary(u)?));
        }
        let Json(value) = Json::arbitrary(u)?;
        let mut text = if bool::arbitrary(u)? { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap_or_default();
        if u.ratio(1, 6)? && text.starts_with('{') && text.len() > 2 {
            // A repeated key at the top level.
            let key = pick(u, KEYS)?;
            let repeat = serde_json::to_string(&self::value(u, 3)?).unwrap_or_default();
            text.insert_str(1, &format!("{}: {repeat},", Value::from(key)));
        }
        Ok(PayloadText(text))
    }
}

/// A template: example URLs, URL pieces, placeholders and raw text, joined.
#[derive(Debug)]
pub struct TemplateText(pub String);

impl<'a> Arbitrary<'a> for TemplateText {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let examples = examples();
        let mut out = String::new();
        let n = u.int_in_range(1..=8)?;
        for _ in 0..n {
            match u.int_in_range(0..=6)? {
                0 | 1 => out.push_str(&examples[u.choose_index(examples.len())?]),
                2 | 3 => out.push_str(pick(u, TOKENS)?),
                4 => out.push_str(&format!("{{{{{}}}}}", pick(u, NAMES)?)),
                5 => out.push_str(&String::arbitrary(u)?),
                _ => out.push_str(&pick(u, TOKENS)?.repeat(u.int_in_range(1..=70)?)),
            }
        }
        Ok(TemplateText(out))
    }
}

fn examples() -> &'static [String] {
    static EXAMPLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    EXAMPLES.get_or_init(invariants::example_urls)
}

/// Values keyed by field name.
#[derive(Debug)]
pub struct FieldValues(pub BTreeMap<String, String>);

impl<'a> Arbitrary<'a> for FieldValues {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut map = BTreeMap::new();
        let n = u.int_in_range(0..=6)?;
        for _ in 0..n {
            let name = if u.ratio(1, 8)? { String::arbitrary(u)? } else { pick(u, NAMES)?.to_string() };
            map.insert(name, string(u, VALUES)?);
        }
        Ok(FieldValues(map))
    }
}

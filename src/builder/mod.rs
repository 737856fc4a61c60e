//! From a compact description to a complete payload: the conventional
//! credential fields, labels and hints, path parameters found in the base
//! URL, and the OAuth shape for REST or MCP.

mod blueprint;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub use blueprint::{Blueprint, Input, MutationSpec, ScopeSpec};

use crate::error::Error;
use crate::json::Lookup;
use crate::rules::{self, AuthType};
use crate::template;

/// Builds the payload a blueprint describes.
pub fn build(blueprint: &Blueprint) -> Result<Value, Error> {
    let kind = AuthType::parse(&blueprint.auth_type.trim().to_ascii_uppercase())
        .ok_or_else(|| Error::new("auth-type-unknown", format!("Unknown auth type `{}`", blueprint.auth_type)).hint("use one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH"))?;
    let name = blueprint.name.trim();
    let variables = template::variables(&blueprint.base_url).map_err(Error::from)?;
    let in_url: Lookup = variables.iter().copied().collect();
    let inputs: Lookup = blueprint.inputs.iter().map(|i| i.name.as_str()).collect();

    let mut fields: Vec<Value> = credential_fields(kind, name, blueprint);
    let mut account_fields: Vec<Value> = Vec::new();
    for input in &blueprint.inputs {
        fields.push(input_field(input, in_url.contains(input.name.as_str())));
    }
    for variable in variables.iter().filter(|v| !inputs.contains(v)) {
        fields.push(path_field(variable));
    }
    if kind == AuthType::OAuth {
        // OAUTH collects account-scoped inputs (path parameters) per account.
        account_fields = std::mem::take(&mut fields);
    }

    let mut pattern = Map::new();
    pattern.insert("type".into(), kind.name().into());
    let (label, how) = pattern_label(kind, blueprint.mcp);
    pattern.insert("display_name".into(), label.into());
    pattern.insert("description".into(), format!("Authenticate with {name} using {how}").into());
    if blueprint.mcp {
        pattern.insert("is_mcp".into(), true.into());
    }
    pattern.insert("fields".into(), fields.into());
    if !account_fields.is_empty() {
        pattern.insert("account_fields".into(), account_fields.into());
    }
    if kind == AuthType::OAuth {
        pattern.insert("oauth_config".into(), oauth_config(blueprint));
    }
    if let Some(header) = blueprint.header_override.as_deref().filter(|h| !h.is_empty()) {
        pattern.insert("auth_header_key_override".into(), header.into());
    }
    if !blueprint.mutations.is_empty() {
        pattern.insert("auth_field_mutations".into(), mutations(&blueprint.mutations));
    }

    let mut payload = Map::new();
    payload.insert("display_name".into(), name.into());
    let description = blueprint.description.clone().unwrap_or_else(|| format!("Connect to {name}"));
    payload.insert("description".into(), description.into());
    payload.insert("auth_patterns".into(), Value::Array(vec![Value::Object(pattern)]));
    payload.insert("proxy_url".into(), blueprint.base_url.trim().into());
    payload.insert("proxy_enabled".into(), true.into());
    if let Some(icon) = blueprint.icon_src.as_deref().filter(|i| !i.is_empty()) {
        payload.insert("icon_src".into(), icon.into());
    }
    if !blueprint.metadata.is_empty() {
        payload.insert("metadata".into(), object(blueprint.metadata.iter().map(|(k, v)| (k.as_str(), Value::from(v.as_str())))));
    }
    Ok(Value::Object(payload))
}

fn pattern_label(kind: AuthType, mcp: bool) -> (&'static str, &'static str) {
    match kind {
        AuthType::OAuth if mcp => ("OAuth 2.1/DCR", "browser OAuth"),
        AuthType::OAuth => ("OAuth 2.0", "OAuth 2.0"),
        AuthType::Basic => ("Basic Auth", "a username and password"),
        AuthType::Bearer => ("Bearer Token", "a bearer token"),
        AuthType::ApiKey => ("API Key", "an API key"),
        AuthType::NoAuth => ("No Authentication", "no credentials (public server)"),
    }
}

/// The inputs a static type needs, unless a mutation's `default` fills them.
fn credential_fields(kind: AuthType, name: &str, blueprint: &Blueprint) -> Vec<Value> {
    let defaulted = |target: &str| blueprint.mutations.get(target).and_then(|m| m.default.as_deref()).is_some_and(|d| !d.is_empty());
    let wanted: &[(&str, &str, &str)] = match kind {
        AuthType::Bearer => &[("token", "Bearer Token", "password")],
        AuthType::ApiKey => &[("api_key", "API Key", "password")],
        AuthType::Basic => &[("username", "Username", "text"), ("password", "Password", "password")],
        AuthType::OAuth | AuthType::NoAuth => &[],
    };
    wanted
        .iter()
        .filter(|(field, _, _)| !defaulted(field) && !blueprint.inputs.iter().any(|i| i.name == *field))
        .map(|(field, label, input_type)| {
            object([
                ("field_name", Value::from(*field)),
                ("label", Value::from(*label)),
                ("input_type", Value::from(*input_type)),
                ("hint", Value::from(format!("Your {name} {}", label.to_ascii_lowercase()))),
                ("required", Value::Bool(true)),
            ])
        })
        .collect()
}

fn input_field(input: &Input, in_url: bool) -> Value {
    let mut field = Map::new();
    field.insert("field_name".into(), input.name.clone().into());
    field.insert("label".into(), input.label.clone().unwrap_or_else(|| title(&input.name)).into());
    let secret = rules::is_secret_name(&input.name);
    let input_type = input.input_type.clone().unwrap_or_else(|| if secret { "password" } else if input.options.is_empty() { "text" } else { "select" }.to_string());
    field.insert("input_type".into(), input_type.into());
    field.insert("hint".into(), input.hint.clone().unwrap_or_else(|| format!("Your {}", title(&input.name).to_ascii_lowercase())).into());
    field.insert("required".into(), input.required.unwrap_or(true).into());
    if in_url && needs_path_param_flag(&input.name) {
        field.insert("is_path_param".into(), true.into());
    }
    if !input.options.is_empty() {
        let options: Vec<Value> = input
            .options
            .iter()
            .map(|option| {
                let (value, display) = option.split_once('=').unwrap_or((option, option));
                object([("value", Value::from(value.trim())), ("display_name", Value::from(display.trim()))])
            })
            .collect();
        field.insert("options".into(), options.into());
    }
    Value::Object(field)
}

/// A field for a `{{placeholder}}` of the base URL.
fn path_field(variable: &str) -> Value {
    input_field(&Input { name: variable.to_string(), ..Input::default() }, true)
}

/// `{{domain}}` and `{{version}}` are filled by name; other placeholders
/// need `"is_path_param": true`.
fn needs_path_param_flag(name: &str) -> bool {
    !matches!(name, "domain" | "version")
}

fn oauth_config(blueprint: &Blueprint) -> Value {
    if blueprint.mcp {
        return object([("pkce_enabled", Value::Bool(true))]);
    }
    let mut config = Map::new();
    config.insert("authorize_uri".into(), blueprint.authorize_uri.clone().unwrap_or_default().into());
    config.insert("token_uri".into(), blueprint.token_uri.clone().unwrap_or_default().into());
    if let Some(uri) = blueprint.user_info_uri.as_deref().filter(|u| !u.is_empty()) {
        config.insert("user_info_uri".into(), uri.into());
    }
    let scopes: Vec<Value> = blueprint
        .scopes
        .iter()
        .map(|spec| match spec {
            ScopeSpec::Name(scope) => scope_object(scope, None, None, None),
            ScopeSpec::Full { scope, display_name, description, required } => scope_object(scope, display_name.as_deref(), description.as_deref(), *required),
        })
        .collect();
    config.insert("available_scopes".into(), scopes.into());
    if let Some(pkce) = blueprint.pkce {
        config.insert("pkce_enabled".into(), pkce.into());
    }
    Value::Object(config)
}

fn scope_object(scope: &str, display_name: Option<&str>, description: Option<&str>, required: Option<bool>) -> Value {
    object([
        ("scope", Value::from(scope)),
        ("display_name", Value::from(display_name.map_or_else(|| title(scope), str::to_string))),
        ("description", Value::from(description.map_or_else(|| format!("Access to {scope}"), str::to_string))),
        ("required", Value::Bool(required.unwrap_or(false))),
    ])
}

/// A JSON object from pairs, in order.
fn object<'k>(pairs: impl IntoIterator<Item = (&'k str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn mutations(specs: &BTreeMap<String, MutationSpec>) -> Value {
    let mut out = Map::new();
    for (target, spec) in specs {
        let mut mutation = Map::new();
        for (key, value) in [("prefix", &spec.prefix), ("suffix", &spec.suffix), ("default", &spec.default)] {
            if let Some(value) = value {
                mutation.insert(key.into(), value.clone().into());
            }
        }
        out.insert(target.clone(), mutation.into());
    }
    Value::Object(out)
}

/// `path_param_1` → `Path Param 1`, `cloud_id` → `Cloud Id`, `read:user` → `Read User`.
fn title(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

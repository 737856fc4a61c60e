//! One auth pattern: its type decides every other rule, so it is read first.

use crate::diagnostics::code;
use crate::json::pointer::Path;
use crate::json::{Kind, Span};
use crate::model::{AuthPattern, Member, Mutation, OAuthConfig, Payload, Scope};
use crate::rules::{self, AuthType};
use crate::suggest::did_you_mean;

use super::context::Context;
use super::names::Names;
use super::fields;
use super::payload::{check_absolute_url, check_templated_url, describe, describe_as, value_span};

/// What the patterns declare, for the checks of `proxy_url`.
#[derive(Default)]
pub struct Declared<'m> {
    /// Every `field_name` of every pattern.
    pub names: Vec<&'m str>,
    /// Fields with `"is_path_param": true`.
    pub path_params: Vec<PathParam<'m>>,
    /// Whether the upstream is an MCP server.
    pub mcp: bool,
}

pub struct PathParam<'m> {
    pub name: &'m str,
    /// Pointer to its `is_path_param`.
    pub path: String,
    pub at: Span,
}

pub fn check_all<'m>(cx: &mut Context<'_>, p: &'m Payload<'_>, root: &Path<'_>) -> Declared<'m> {
    let mut declared = Declared::default();
    let path = root.key("auth_patterns");
    let hint = Some("add one pattern, e.g. [{\"type\": \"BEARER\", \"fields\": [{\"field_name\": \"token\", …}]}]".to_string());
    if !cx.require(&p.auth_patterns, &path, p.span, "exactly one auth pattern", hint) {
        return declared;
    }
    let Some(list) = cx.get(&p.auth_patterns, &path, "an array of auth patterns") else { return declared };
    if list.is_empty() {
        cx.push(code::AUTH_PATTERNS_EMPTY, &path, value_span(&p.auth_patterns), "`auth_patterns` is empty; a connector needs exactly one", Some("add the pattern the API uses (OAUTH, BASIC, BEARER, API_KEY, or NO_AUTH for a public MCP server)".to_string()));
        return declared;
    }
    declared.mcp = list.iter().any(|item| item.ok().and_then(|pattern| pattern.is_mcp.as_ref()).and_then(Member::ok) == Some(&true));
    for (i, item) in list.iter().enumerate() {
        let item_path = path.index(i);
        if i >= rules::MAX_AUTH_PATTERNS && cx.full() {
            break;
        }
        if i >= rules::MAX_AUTH_PATTERNS {
            cx.push(
                code::AUTH_PATTERNS_MULTIPLE,
                &item_path,
                item.span,
                format!("`auth_patterns` has {} patterns; today a connector has exactly one", list.len()),
                Some("keep one pattern and create another connector for the other way to authenticate".to_string()),
            );
        }
        match item.ok() {
            Some(pattern) => check(cx, pattern, &item_path, &mut declared),
            None => cx.wrong_type(&item_path, item.kind, item.span, "an auth pattern object", true),
        }
    }
    declared
}

fn check<'m>(cx: &mut Context<'_>, pattern: &'m AuthPattern<'_>, path: &Path<'_>, declared: &mut Declared<'m>) {
    cx.extras(&pattern.extras, path, AuthPattern::KEYS, "an auth pattern");
    let kind = auth_type(cx, pattern, path);
    let mcp_path = path.key("is_mcp");
    let mcp = cx.get(&pattern.is_mcp, &mcp_path, "a boolean") == Some(&true);
    if declared.mcp && !mcp {
        let at = pattern.is_mcp.as_ref().map_or(pattern.span, |m| m.node.span);
        cx.push(code::MCP_INCONSISTENT, &mcp_path, at, "Another pattern has `\"is_mcp\": true`, but this one does not; all patterns of an MCP connector have it", Some("set \"is_mcp\": true here too".to_string()));
    }
    describe_as(cx, code::MISSING_LABEL, &pattern.display_name, &path.key("display_name"), pattern.span, "The auth pattern has no `display_name` to label it", "e.g. \"OAuth 2.0\" or \"API Key\"");
    describe(cx, &pattern.description, &path.key("description"), pattern.span, "The auth pattern has no `description`", "say how the user authenticates, e.g. \"Authenticate with an API key\"");

    let fields = fields::check_list(cx, pattern, path, "fields", kind, &[], declared);
    let account = fields::check_list(cx, pattern, path, "account_fields", kind, &fields, declared);
    if let Some(kind) = kind {
        by_type(cx, pattern, path, kind, mcp, &fields, &account);
    }
    oauth_config(cx, pattern, path, kind, mcp, declared);
    header_override(cx, pattern, path, kind);
    mutations(cx, pattern, path, kind);
    proxy_domains(cx, pattern, path);
}

/// Reads `type`; `None` when it is missing or not a known type (reported).
fn auth_type(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>) -> Option<AuthType> {
    let type_path = path.key("type");
    let hint = Some("one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH".to_string());
    if !cx.require(&pattern.kind, &type_path, pattern.span, "the auth type", hint) {
        return None;
    }
    let name = cx.get(&pattern.kind, &type_path, "a string")?;
    let kind = AuthType::parse(name);
    if kind.is_none() {
        let near = did_you_mean(name, AuthType::ALL.iter().map(|t| t.name())).or_else(|| alias(name));
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => "use one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH".to_string(),
        };
        cx.push(code::AUTH_TYPE_UNKNOWN, &type_path, value_span(&pattern.kind), format!("Unknown auth type `{name}`"), Some(hint));
    }
    kind
}

/// Common names for the auth types that are not near them in spelling.
fn alias(name: &str) -> Option<&'static str> {
    let folded: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    Some(match folded.as_str() {
        "NONE" | "PUBLIC" | "ANONYMOUS" | "NOAUTHENTICATION" => "NO_AUTH",
        "TOKEN" | "BEARERTOKEN" | "ACCESSTOKEN" | "PAT" => "BEARER",
        "KEY" | "APITOKEN" | "HEADER" => "API_KEY",
        "USERPASS" | "USERNAMEPASSWORD" | "PASSWORD" => "BASIC",
        "OIDC" | "OPENID" | "OPENIDCONNECT" | "AUTHORIZATIONCODE" => "OAUTH",
        _ => return None,
    })
}

fn by_type(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>, kind: AuthType, mcp: bool, fields: &[&str], account: &[&str]) {
    let fields_path = path.key("fields");
    let fields_at = pattern.fields.as_ref().map_or(pattern.span, |m| m.node.span);
    match kind {
        AuthType::NoAuth => {
            if !mcp {
                cx.push(code::NO_AUTH_NOT_MCP, &path.key("type"), value_span(&pattern.kind), "NO_AUTH is only for public MCP servers, and this pattern has no `\"is_mcp\": true`", Some("set \"is_mcp\": true for a public MCP server; a REST API needs one of OAUTH, BASIC, BEARER, API_KEY".to_string()));
            }
            for (key, names, member) in [("fields", fields, &pattern.fields), ("account_fields", account, &pattern.account_fields)] {
                if !names.is_empty() || member.as_ref().and_then(Member::ok).is_some_and(|list| !list.is_empty()) {
                    let at = member.as_ref().map_or(pattern.span, |m| m.node.span);
                    cx.push(code::NO_AUTH_INPUTS, &path.key(key), at, format!("A NO_AUTH pattern collects no inputs, but `{key}` is not empty"), Some(format!("remove the entries of {key}, or pick the auth type that needs them")));
                }
            }
        }
        AuthType::Basic | AuthType::Bearer | AuthType::ApiKey => {
            let Some(credential) = kind.required_credential() else { return };
            let by_default = mutation_default(pattern, credential);
            if !fields.contains(&credential) && !by_default {
                let (message, hint) = missing_credential(kind);
                cx.push(code::CREDENTIAL_MISSING, &fields_path, fields_at, message, Some(hint));
            }
            if let Some(member) = &pattern.account_fields {
                if member.ok().is_some_and(|list| !list.is_empty()) {
                    cx.push(code::ACCOUNT_FIELDS_IGNORED, &path.key("account_fields"), member.node.span, format!("`account_fields` are for OAUTH; {} patterns collect their inputs in `fields`", kind.name()), Some("move these fields into fields".to_string()));
                }
            }
        }
        AuthType::OAuth => {}
    }
}

fn missing_credential(kind: AuthType) -> (String, String) {
    match kind {
        AuthType::Bearer => (
            "A BEARER pattern sends `Authorization: Bearer <token>`, but no field is named `token`".to_string(),
            "add {\"field_name\": \"token\", \"label\": \"Token\", \"input_type\": \"password\", \"required\": true} to fields".to_string(),
        ),
        AuthType::ApiKey => (
            "An API_KEY pattern sends the key in a header, but no field is named `api_key`".to_string(),
            "add {\"field_name\": \"api_key\", \"label\": \"API Key\", \"input_type\": \"password\", \"required\": true} to fields".to_string(),
        ),
        _ => (
            "A BASIC pattern sends `Authorization: Basic base64(username:password)`, but nothing provides the username".to_string(),
            "add {\"field_name\": \"username\", \"label\": \"Username\", \"input_type\": \"text\", \"required\": true} to fields, or a username.default mutation".to_string(),
        ),
    }
}

/// Whether `auth_field_mutations.<credential>.default` gives a value.
fn mutation_default(pattern: &AuthPattern<'_>, credential: &str) -> bool {
    let Some(entries) = pattern.auth_field_mutations.as_ref().and_then(Member::ok) else { return false };
    entries.entries.iter().any(|entry| {
        entry.key == credential && entry.node.ok().and_then(|m| m.default.as_ref()).and_then(Member::ok).is_some_and(|d| !d.is_empty())
    })
}

fn oauth_config(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>, kind: Option<AuthType>, mcp: bool, declared: &Declared<'_>) {
    let config_path = path.key("oauth_config");
    let present = pattern.oauth_config.as_ref().is_some_and(|m| m.node.kind != Kind::Null);
    match kind {
        Some(AuthType::OAuth) => {}
        Some(other) => {
            if let (true, Some(member)) = (present, &pattern.oauth_config) {
                cx.push(code::OAUTH_CONFIG_UNEXPECTED, &config_path, member.node.span, format!("`oauth_config` is for OAUTH patterns, but this one is {}", other.name()), Some("remove oauth_config, or change the type to OAUTH".to_string()));
            }
            return;
        }
        None => {
            cx.get(&pattern.oauth_config, &config_path, "an object");
            return;
        }
    }
    if !present {
        let hint = if mcp { "add \"oauth_config\": {\"pkce_enabled\": true}" } else { "add \"oauth_config\": {\"authorize_uri\": \"https://…\", \"token_uri\": \"https://…\", \"available_scopes\": […]}" };
        let at = pattern.oauth_config.as_ref().map_or(pattern.span, |m| m.node.span);
        cx.push(code::OAUTH_CONFIG_MISSING, &config_path, at, "An OAUTH pattern needs `oauth_config`", Some(hint.to_string()));
        return;
    }
    let Some(config) = cx.get(&pattern.oauth_config, &config_path, "an object") else { return };
    if mcp {
        mcp_oauth(cx, config, &config_path);
    } else {
        rest_oauth(cx, config, &config_path, declared);
    }
}

/// MCP servers use Dynamic Client Registration: exactly `{"pkce_enabled": true}`.
fn mcp_oauth(cx: &mut Context<'_>, config: &OAuthConfig<'_>, path: &Path<'_>) {
    let hint = Some("an MCP OAuth config is exactly {\"pkce_enabled\": true}: the server registers its client itself".to_string());
    let others: [(&str, Option<Span>); 6] = [
        ("authorize_uri", config.authorize_uri.as_ref().map(|m| m.node.span)),
        ("token_uri", config.token_uri.as_ref().map(|m| m.node.span)),
        ("user_info_uri", config.user_info_uri.as_ref().map(|m| m.node.span)),
        ("available_scopes", config.available_scopes.as_ref().map(|m| m.node.span)),
        ("allow_use_scalekit_credentials", config.allow_use_scalekit_credentials.as_ref().map(|m| m.node.span)),
        ("custom_scope_name", config.custom_scope_name.as_ref().map(|m| m.node.span)),
    ];
    for (key, span) in others {
        if let Some(at) = span {
            cx.push(code::MCP_OAUTH_SHAPE, &path.key(key), at, format!("An MCP OAuth config has no `{key}`"), hint.clone());
        }
    }
    for extra in &config.extras {
        if let Some(repeat) = extra.duplicate {
            cx.push(code::DUPLICATE_KEY, &path.key(&extra.key), repeat, format!("`{}` appears more than once in `oauth_config`", extra.key), Some("keep one of them".to_string()));
            continue;
        }
        cx.push(code::MCP_OAUTH_SHAPE, &path.key(&extra.key), extra.span, format!("An MCP OAuth config has no `{}`", extra.key), hint.clone());
    }
    let pkce_path = path.key("pkce_enabled");
    match &config.pkce_enabled {
        Some(member) if member.ok() == Some(&true) => {}
        Some(member) => cx.push(code::MCP_OAUTH_SHAPE, &pkce_path, member.node.span, "An MCP OAuth config needs `\"pkce_enabled\": true`", hint),
        None => cx.push(code::MCP_OAUTH_SHAPE, &pkce_path, config.span, "An MCP OAuth config needs `\"pkce_enabled\": true`", hint),
    }
}

fn rest_oauth(cx: &mut Context<'_>, config: &OAuthConfig<'_>, path: &Path<'_>, declared: &Declared<'_>) {
    cx.extras(&config.extras, path, OAuthConfig::KEYS, "`oauth_config`");
    for (key, member) in [("authorize_uri", &config.authorize_uri), ("token_uri", &config.token_uri)] {
        let member_path = path.key(key);
        let present = member.as_ref().is_some_and(|m| m.node.kind != Kind::Null);
        if !present {
            let what = if key == "authorize_uri" { "where users are sent to grant access" } else { "where codes are exchanged for tokens" };
            cx.push(code::OAUTH_ENDPOINT_MISSING, &member_path, member.as_ref().map_or(config.span, |m| m.node.span), format!("`oauth_config` has no `{key}`: the endpoint {what}"), Some(format!("add \"{key}\": \"https://…\" from the API's OAuth documentation")));
            continue;
        }
        if let Some(url) = cx.get(member, &member_path, "a string") {
            check_templated_url(cx, &member_path, value_span(member), url, &format!("`{key}`"), declared);
        }
    }
    let info_path = path.key("user_info_uri");
    if let Some(url) = cx.get(&config.user_info_uri, &info_path, "a string") {
        if !url.is_empty() {
            check_absolute_url(cx, &info_path, value_span(&config.user_info_uri), url, "`user_info_uri`");
        }
    }
    cx.get(&config.pkce_enabled, &path.key("pkce_enabled"), "a boolean");
    cx.get(&config.allow_use_scalekit_credentials, &path.key("allow_use_scalekit_credentials"), "a boolean");
    cx.get(&config.custom_scope_name, &path.key("custom_scope_name"), "a string");
    scopes(cx, config, path);
}

fn scopes(cx: &mut Context<'_>, config: &OAuthConfig<'_>, path: &Path<'_>) {
    let scopes_path = path.key("available_scopes");
    let Some(list) = cx.get(&config.available_scopes, &scopes_path, "an array of scopes") else { return };
    let mut seen = Names::default();
    for (i, item) in list.iter().enumerate() {
        let item_path = scopes_path.index(i);
        let Some(scope) = item.ok() else {
            cx.wrong_type(&item_path, item.kind, item.span, "a scope object", true);
            continue;
        };
        cx.extras(&scope.extras, &item_path, Scope::KEYS, "a scope");
        let name_path = item_path.key("scope");
        let name = cx.get(&scope.scope, &name_path, "a string");
        match name {
            Some(name) if !name.trim().is_empty() => {
                if !seen.insert(name) {
                    cx.push(code::OAUTH_SCOPE_DUPLICATE, &name_path, value_span(&scope.scope), format!("The scope `{name}` is listed more than once"), Some("keep one entry".to_string()));
                }
            }
            _ if scope.scope.as_ref().is_some_and(|m| m.node.is_wrong_type()) => {}
            _ => {
                let at = scope.scope.as_ref().map_or(scope.span, |m| m.node.span);
                cx.push(code::OAUTH_SCOPE_EMPTY, &name_path, at, "A scope needs a non-empty `scope`: the name the API expects", Some("e.g. \"scope\": \"read:user\"".to_string()));
            }
        }
        cx.get(&scope.display_name, &item_path.key("display_name"), "a string");
        cx.get(&scope.description, &item_path.key("description"), "a string");
        cx.get(&scope.required, &item_path.key("required"), "a boolean");
    }
}

fn header_override(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>, kind: Option<AuthType>) {
    let header_path = path.key("auth_header_key_override");
    let Some(header) = cx.get(&pattern.auth_header_key_override, &header_path, "a string") else { return };
    let at = value_span(&pattern.auth_header_key_override);
    if !rules::is_header_name(header) {
        let fixed: String = header.trim().replace(' ', "-").chars().filter(|c| rules::is_header_name(&c.to_string())).collect();
        let hint = if fixed.is_empty() { "use a header name such as X-API-Key".to_string() } else { format!("use \"{fixed}\"") };
        let message = if header.is_empty() { "`auth_header_key_override` is empty".to_string() } else { format!("`{header}` is not a valid HTTP header name (letters, digits and -, no spaces or colons)") };
        cx.push(code::HEADER_OVERRIDE_INVALID, &header_path, at, message, Some(hint));
    }
    if let Some(kind) = kind {
        if !kind.honours_header_override() {
            let message = match kind {
                AuthType::Basic => "A BASIC pattern always sends `Authorization: Basic …`; `auth_header_key_override` has no effect",
                _ => "A NO_AUTH pattern sends no credential header; `auth_header_key_override` has no effect",
            };
            cx.push(code::HEADER_OVERRIDE_IGNORED, &header_path, at, message, Some("remove auth_header_key_override".to_string()));
        }
    }
}

fn mutations(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>, kind: Option<AuthType>) {
    let mutations_path = path.key("auth_field_mutations");
    let Some(entries) = cx.get(&pattern.auth_field_mutations, &mutations_path, "an object keyed by credential") else { return };
    let mut seen = Names::default();
    for entry in &entries.entries {
        let target_path = mutations_path.key(&entry.key);
        if !seen.insert(&entry.key) {
            cx.push(code::DUPLICATE_KEY, &target_path, entry.node.span, format!("`{}` appears more than once in `auth_field_mutations`", entry.key), Some("keep one of them".to_string()));
            continue;
        }
        if !rules::MUTATION_TARGETS.contains(&entry.key.as_ref()) {
            if cx.full() {
                continue;
            }
            let hint = match did_you_mean(&entry.key, rules::MUTATION_TARGETS.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("mutations apply to {}", rules::MUTATION_TARGETS.join(", ")),
            };
            cx.push(code::MUTATION_TARGET_UNKNOWN, &target_path, entry.node.span, format!("`{}` is not a credential the proxy mutates, so this mutation is ignored", entry.key), Some(hint));
        } else if let Some(kind) = kind {
            if !kind.sends().contains(&entry.key.as_ref()) {
                let sends = if kind.sends().is_empty() { "no credential".to_string() } else { kind.sends().iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and ") };
                cx.push(code::MUTATION_TARGET_UNUSED, &target_path, entry.node.span, format!("{} patterns send {sends}, never `{}`, so this mutation has no effect", kind.name(), entry.key), Some("remove it, or mutate the credential this type sends".to_string()));
            }
        }
        let Some(mutation) = entry.node.ok() else {
            cx.wrong_type(&target_path, entry.node.kind, entry.node.span, "an object with prefix, suffix or default", false);
            continue;
        };
        operations(cx, mutation, &target_path);
    }
}

fn operations(cx: &mut Context<'_>, mutation: &Mutation<'_>, path: &Path<'_>) {
    for extra in &mutation.extras {
        let op_path = path.key(&extra.key);
        if let Some(repeat) = extra.duplicate {
            cx.push(code::DUPLICATE_KEY, &op_path, repeat, format!("`{}` appears more than once in this mutation", extra.key), Some("keep one of them".to_string()));
            continue;
        }
        if cx.full() {
            return;
        }
        let hint = match did_you_mean(&extra.key, rules::MUTATION_OPERATIONS.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "a mutation holds prefix, suffix and/or default".to_string(),
        };
        cx.push(code::MUTATION_OPERATION_UNKNOWN, &op_path, extra.span, format!("`{}` is not a mutation operation, so the proxy ignores it", extra.key), Some(hint));
    }
    for (key, member) in [("prefix", &mutation.prefix), ("suffix", &mutation.suffix), ("default", &mutation.default)] {
        if let Some(m) = member {
            if m.node.is_wrong_type() {
                cx.wrong_type(&path.key(key), m.node.kind, m.node.span, "a string", false);
            }
        }
    }
}

fn proxy_domains(cx: &mut Context<'_>, pattern: &AuthPattern<'_>, path: &Path<'_>) {
    let domains_path = path.key("allowed_proxy_domains");
    let Some(list) = cx.get(&pattern.allowed_proxy_domains, &domains_path, "an array of host names") else { return };
    for (i, item) in list.iter().enumerate() {
        let item_path = domains_path.index(i);
        match item.ok() {
            None => cx.wrong_type(&item_path, item.kind, item.span, "a host name string", true),
            Some(host) => {
                let bare = host.strip_prefix("*.").unwrap_or(host);
                if !rules::is_host_name(bare) {
                    let hint = crate::web_url::parse(host).ok().filter(|u| !u.host.is_empty()).map(|u| format!("use \"{}\"", u.host)).unwrap_or_else(|| "a host name such as api.example.com".to_string());
                    cx.push(code::PROXY_DOMAIN_INVALID, &item_path, item.span, format!("`{host}` is not a host name"), Some(hint));
                }
            }
        }
    }
}

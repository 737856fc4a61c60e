//! The security scheme → the auth pattern. One scheme is used; the others,
//! and everything a connector cannot send, are notes.

use serde_json::Value;

use super::{is_https, text, token, Notes, Options, Version, E, I, W};
use crate::builder::{Blueprint, ScopeSpec};
use crate::error::Error;
use crate::json::Lookup;
use crate::suggest::did_you_mean;
use crate::web_url;

/// The chosen scheme, as the builder takes it.
#[derive(Default)]
pub(super) struct Auth {
    pub name: String,
    kind: &'static str,
    header: Option<String>,
    authorize: Option<String>,
    token: Option<String>,
    user_info: Option<String>,
    scopes: Vec<ScopeSpec>,
    pkce: Option<bool>,
    discovery_url: Option<String>,
}

impl Auth {
    /// Fills the blueprint's auth; answers the discovery document still needed.
    pub fn apply(self, blueprint: &mut Blueprint) -> Option<String> {
        blueprint.auth_type = self.kind.to_string();
        blueprint.header_override = self.header;
        blueprint.authorize_uri = self.authorize;
        blueprint.token_uri = self.token;
        blueprint.user_info_uri = self.user_info;
        blueprint.scopes = self.scopes;
        blueprint.pkce = self.pkce;
        self.discovery_url
    }
}

/// What one scheme can become: an auth type (with the object holding an
/// OAuth flow's URLs and scopes), or why it cannot be expressed.
enum Fit<'d> {
    Type(&'static str),
    ApiKey(&'d str),
    OAuth(&'d Value, String, String),
    Oidc(&'d str),
    No(String),
}

/// One alternative of `security`: scheme names, each with the scopes it needs.
type Alternative<'d> = Vec<(&'d str, &'d Value)>;

pub(super) fn pick(document: &Value, version: Version, options: &Options, server_url: &str, notes: &mut Notes) -> Result<Option<Auth>, Error> {
    let (container, defined) = match version {
        Version::OpenApi3 => ("/components/securitySchemes", document.pointer("/components/securitySchemes")),
        Version::Swagger2 => ("/securityDefinitions", document.get("securityDefinitions")),
    };
    let defined = match defined.and_then(Value::as_object) {
        Some(map) if !map.is_empty() => map,
        _ => {
            notes.add(
                E,
                "security-missing",
                container,
                "The document declares no security scheme, and a REST connector needs one (OAUTH, BASIC, BEARER or API_KEY; NO_AUTH is for public MCP servers only): add it to the document, or build the connector by hand".to_string(),
            );
            return Ok(None);
        }
    };
    let mut requirements: Vec<Alternative> = Vec::new();
    for (i, alternative) in document.get("security").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let mut names = Vec::new();
        for (name, scopes) in alternative.as_object().into_iter().flatten() {
            if defined.contains_key(name) {
                names.push((name.as_str(), scopes));
            } else {
                notes.add(W, "security-undefined", &format!("/security/{i}/{}", token(name)), format!("`security` names `{name}`, which no security scheme defines"));
            }
        }
        requirements.push(names);
    }

    // Schemes required alone come first, then those required with others, then the rest.
    let mut order: Vec<&str> = Vec::new();
    let mut ordered = Lookup::default();
    for pass in [true, false] {
        for alternative in requirements.iter().filter(|a| (a.len() == 1) == pass) {
            for (name, _) in alternative {
                if ordered.insert(name) {
                    order.push(name);
                }
            }
        }
    }
    for name in defined.keys() {
        if ordered.insert(name) {
            order.push(name);
        }
    }

    if let Some(want) = &options.security_scheme {
        if !defined.contains_key(want) {
            let hint = match did_you_mean(want, order.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the document's schemes: {}", order.join(", ")),
            };
            return Err(Error::new("unknown-security-scheme", format!("The document has no security scheme `{want}`")).hint(hint));
        }
    }
    let mut fits = Vec::new();
    let mut chosen = None;
    for name in &order {
        let path = format!("{container}/{}", token(name));
        let fit = classify(document, version, defined.get(*name).unwrap_or(&Value::Null), &path);
        let usable = !matches!(fit, Fit::No(_));
        if chosen.is_none() && options.security_scheme.as_deref().map_or(usable, |want| want == *name) {
            chosen = Some(fits.len());
        }
        fits.push((*name, path, fit));
    }
    for (i, (name, path, fit)) in fits.iter().enumerate() {
        let (severity, code, message) = match fit {
            _ if Some(i) == chosen && !matches!(fit, Fit::No(_)) => continue,
            Fit::No(why) if chosen.is_none() || Some(i) == chosen => (E, "security-unsupported", format!("Security scheme `{name}` cannot be used: {why}")),
            Fit::No(why) => (I, "security-unsupported", format!("Security scheme `{name}` is not used: {why}")),
            _ => (I, "security-alternative", format!("The document also offers `{name}` ({}); a connector has one auth pattern, so choose it with `securityScheme` (--scheme {name}) to use it instead", kind_of(fit))),
        };
        notes.add(severity, code, path, message);
    }
    let Some((name, path, fit)) = chosen.and_then(|i| fits.get(i)) else {
        notes.add(E, "security-unsupported", container, "None of the document's security schemes can be expressed as a connector, so no payload was built".to_string());
        return Ok(None);
    };
    if matches!(fit, Fit::No(_)) {
        return Ok(None);
    }

    // The scopes `security` asks of this scheme; required with another scheme, it cannot work.
    let mut required: Vec<&str> = Vec::new();
    let mut combined = None;
    let mut alone = false;
    for (i, alternative) in requirements.iter().enumerate() {
        for (n, scopes) in alternative.iter().filter(|(n, _)| n == name) {
            alone |= alternative.len() == 1;
            combined = combined.or(Some((i, alternative, n)));
            required.extend(scopes.as_array().into_iter().flatten().filter_map(Value::as_str));
        }
    }
    if let (Some((i, alternative, _)), false) = (combined, alone) {
        let mut others = String::new();
        for (other, _) in alternative.iter().filter(|(n, _)| n != name) {
            others.push_str(if others.is_empty() { "`" } else { "`, `" });
            others.push_str(other);
        }
        notes.add(E, "security-combined", &format!("/security/{i}"), format!("The API requires `{name}` together with {others}`, but a connector sends one credential: requests would lack {others}`"));
    }

    let mut auth = Auth { name: name.to_string(), kind: "OAUTH", ..Auth::default() };
    match fit {
        Fit::Type(kind) => auth.kind = kind,
        Fit::ApiKey(header) => {
            auth.kind = "API_KEY";
            auth.header = (!header.eq_ignore_ascii_case("authorization")).then(|| header.to_string());
        }
        Fit::OAuth(flow, flow_path, others) => {
            if !others.is_empty() {
                notes.add(I, "oauth-flows", &format!("{path}/flows"), format!("Only the authorization code flow is used; a connector cannot use{others} flow"));
            }
            auth.authorize = endpoint(flow, "authorizationUrl", flow_path, server_url, notes);
            auth.token = endpoint(flow, "tokenUrl", flow_path, server_url, notes);
            let mut described = Vec::new();
            for (scope, about) in flow.get("scopes").and_then(Value::as_object).into_iter().flatten() {
                described.push((scope.as_str(), about.as_str().unwrap_or("")));
            }
            auth.scopes = scopes(&described, &required);
        }
        Fit::No(_) => {}
        Fit::Oidc(url) => {
            let at = format!("{path}/openIdConnectUrl");
            match &options.discovery {
                Some(discovery) => oidc(&mut auth, discovery, url, &at, required, notes),
                None => {
                    notes.add(E, "oidc-discovery-needed", &at, format!("`{name}` is OpenID Connect: its endpoints and scopes are in the discovery document {url}. Pass that document as `discovery` (the CLI fetches it)"));
                    auth.discovery_url = Some(url.to_string());
                    auth.scopes = scopes(&[], &required);
                }
            }
        }
    }
    Ok(Some(auth))
}

/// The auth type a usable scheme becomes.
fn kind_of(fit: &Fit) -> &'static str {
    match fit {
        Fit::Type(kind) => kind,
        Fit::ApiKey(_) => "API_KEY",
        _ => "OAUTH",
    }
}

/// What a scheme object can become.
fn classify<'d>(document: &'d Value, version: Version, mut value: &'d Value, path: &str) -> Fit<'d> {
    // `$ref`s inside the document are followed (a few, in case of a loop).
    for _ in 0..8 {
        let reference = text(value, "$ref");
        if reference.is_empty() {
            break;
        }
        match reference.strip_prefix('#').and_then(|pointer| document.pointer(pointer)) {
            Some(target) => value = target,
            None => return Fit::No(format!("its `$ref` {reference} could not be resolved (only references inside the document are followed)")),
        }
    }
    let v3 = version == Version::OpenApi3;
    let name = text(value, "name");
    match (text(value, "type"), text(value, "in")) {
        ("apiKey", "header") if crate::rules::is_header_name(name) => Fit::ApiKey(name),
        ("apiKey", "header") if !name.is_empty() => Fit::No(format!("the API key's header name {} is not a valid HTTP header name", crate::quote::quoted(name))),
        ("apiKey", "header") => Fit::No("the API key's header has no `name`".into()),
        ("apiKey", place @ ("query" | "cookie")) => {
            let what = if place == "query" { "query parameter" } else { "cookie" };
            Fit::No(format!("it sends the API key in the {what} `{name}`, and the proxy sends credentials only in a header"))
        }
        ("apiKey", other) => Fit::No(format!("the API key goes `in` \"{other}\", which is not header, query or cookie")),
        ("basic", _) if !v3 => Fit::Type("BASIC"),
        ("http", _) if v3 => match text(value, "scheme").to_ascii_lowercase().as_str() {
            "basic" => Fit::Type("BASIC"),
            "bearer" => Fit::Type("BEARER"),
            other => Fit::No(format!("HTTP `{other}` authentication is not one the proxy sends (it sends Basic and Bearer)")),
        },
        ("oauth2", _) if v3 => {
            let mut others = String::new();
            let mut code = None;
            for (flow, object) in value.get("flows").and_then(Value::as_object).into_iter().flatten() {
                if flow == "authorizationCode" && object.is_object() {
                    code = Some(object);
                } else {
                    others.push_str(if others.is_empty() { " the " } else { ", " });
                    others.push_str(flow);
                }
            }
            match code {
                Some(flow) => Fit::OAuth(flow, format!("{path}/flows/authorizationCode"), others),
                None if others.is_empty() => Fit::No("it has no authorization code flow, the one a connector signs users in with".into()),
                None => Fit::No(format!("it offers only{others} flow, and a connector signs users in with the authorization code flow")),
            }
        }
        ("oauth2", _) => match text(value, "flow") {
            "accessCode" => Fit::OAuth(value, path.to_string(), String::new()),
            flow => Fit::No(format!("it uses the `{flow}` flow, and a connector signs users in with the authorization code flow (`accessCode`)")),
        },
        ("openIdConnect", _) if v3 => match text(value, "openIdConnectUrl") {
            "" => Fit::No("it has no `openIdConnectUrl`".into()),
            url => Fit::Oidc(url),
        },
        ("mutualTLS", _) if v3 => Fit::No("mutual TLS (a client certificate) cannot be configured on a connector".into()),
        ("", _) => Fit::No("it has no `type`".into()),
        (other, _) => Fit::No(format!("its type `{other}` is not one a connector can use")),
    }
}

/// An OAuth endpoint: absolute (resolved against the server) and https.
fn endpoint(flow: &Value, key: &str, flow_path: &str, server_url: &str, notes: &mut Notes) -> Option<String> {
    let at = format!("{flow_path}/{key}");
    let url = text(flow, key).trim();
    if url.is_empty() {
        notes.add(E, "oauth-incomplete", &at, format!("The authorization code flow has no `{key}`"));
        return None;
    }
    let mut url = url.to_string();
    if !url.contains("://") {
        match web_url::join(server_url, &url) {
            Ok(joined) if !server_url.contains("{{") => url = joined.href,
            _ => notes.add(E, "oauth-incomplete", &at, format!("`{key}` {url} is relative, and there is no server URL to resolve it against")),
        }
    }
    check_https(&url, key, &at, notes);
    Some(url)
}

fn check_https(url: &str, key: &str, at: &str, notes: &mut Notes) {
    if !is_https(url) {
        notes.add(E, "oauth-not-https", at, format!("`{key}` {url} is not an https URL, and a connector's OAuth endpoints must be"));
    } else if !url.starts_with("https://") {
        notes.add(E, "oauth-not-https", at, format!("`{key}` {url}: a connector's OAuth endpoints write the scheme in lowercase, https://"));
    } else if url.contains("{{") || url.contains("}}") {
        notes.add(E, "oauth-invalid-url", at, format!("`{key}` {url} holds `{{{{` or `}}}}`, which a connector reads as a placeholder that no field of this one fills"));
    } else if let Err(reason) = web_url::check(url) {
        notes.add(E, "oauth-invalid-url", at, format!("`{key}` {url} is not a valid URL: {reason}"));
    }
}

/// Scopes with their descriptions; those `security` requires are required,
/// and a required scope the flow does not list is added.
fn scopes(described: &[(&str, &str)], required: &[&str]) -> Vec<ScopeSpec> {
    let mut out: Vec<ScopeSpec> = Vec::new();
    let mut seen = Lookup::default();
    let needed: Lookup = required.iter().copied().collect();
    let listed = described.iter().copied();
    for (scope, about) in listed.chain(required.iter().map(|s| (*s, ""))) {
        if scope.trim().is_empty() || !seen.insert(scope) {
            continue;
        }
        let description = (!about.trim().is_empty()).then(|| about.trim().to_string());
        out.push(ScopeSpec::Full { scope: scope.to_string(), display_name: None, description, required: Some(needed.contains(scope)) });
    }
    out
}

/// OpenID Connect from its discovery document.
fn oidc(auth: &mut Auth, discovery: &Value, url: &str, at: &str, mut required: Vec<&str>, notes: &mut Notes) {
    let found = |key: &str| Some(text(discovery, key).trim()).filter(|u| !u.is_empty()).map(str::to_string);
    auth.authorize = found("authorization_endpoint");
    auth.token = found("token_endpoint");
    auth.user_info = found("userinfo_endpoint");
    for (key, endpoint) in [("authorization_endpoint", &auth.authorize), ("token_endpoint", &auth.token)] {
        match endpoint {
            Some(endpoint) => check_https(endpoint, key, at, notes),
            None => notes.add(E, "oidc-discovery-incomplete", at, format!("The discovery document ({url}) has no `{key}`")),
        }
    }
    if let Some(endpoint) = &auth.user_info {
        check_https(endpoint, "userinfo_endpoint", at, notes);
    }
    let list = |key: &str| -> Vec<&str> { discovery.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect() };
    if list("code_challenge_methods_supported").contains(&"S256") {
        auth.pkce = Some(true);
    }
    let mut described = Vec::new();
    for scope in list("scopes_supported") {
        described.push((scope, ""));
    }
    if described.is_empty() && required.is_empty() {
        required.push("openid");
    }
    auth.scopes = scopes(&described, &required);
}

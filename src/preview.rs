//! What the proxy would send: the URL and auth header for a payload and the
//! values of a connected account, exactly as connectors.md §4 describes.
//!
//! Mutations apply first (`default` when the value is absent or empty, then
//! `prefix`, then `suffix`), then the type decides the header: BASIC sends
//! `Authorization: Basic base64(username:password)`, BEARER and OAUTH send
//! `Bearer <token>`, API_KEY sends the key as is, NO_AUTH sends nothing;
//! `auth_header_key_override` renames the header (not for BASIC).
//! Secrets, and everything derived from them, are masked unless revealed.

use std::collections::BTreeMap;

use base64::Engine;
use serde::Serialize;

use crate::error::Error;
use crate::json::Lookup;
use crate::model::{AuthPattern, Document, Member, ParseError, Payload};
use crate::rules::{self, AuthType};
use crate::{template, web_url};

/// What replaces a secret in a masked preview.
pub const MASK: &str = "••••••••";

/// The placeholder shown for an OAuth access token nobody typed in.
pub const OAUTH_TOKEN_PLACEHOLDER: &str = "<oauth-access-token>";

/// Preview options.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// HTTP method, `GET` by default.
    pub method: Option<String>,
    /// Request path appended to the rendered `proxy_url`.
    pub path: Option<String>,
    /// Show secrets instead of masking them.
    pub reveal: bool,
}

/// One request as the proxy would send it.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "RequestPreview"))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preview {
    pub method: String,
    pub url: String,
    /// Header name → value, in the order they are sent.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// The same request as a copy-pasteable, shell-quoted curl command.
    pub curl: String,
}

/// Values of a connected account, keyed by `field_name`.
pub type Values = BTreeMap<String, String>;

/// Previews the request for `src` (payload JSON text) and `values`.
pub fn preview(src: &str, values: &Values, options: &Options) -> Result<Preview, Error> {
    let document = parse(src)?;
    let payload = &document.payload;
    let pattern = first_pattern(payload)?;
    let kind = auth_type(pattern)?;
    let secrets: Lookup = secret_fields(pattern, kind).iter().map(String::as_str).collect();

    let method = method(options.method.as_deref())?;
    let path = options.path.as_deref().filter(|p| !p.is_empty());
    let url = request_url(payload, path, |name| values.get(name).map(String::as_str));
    let shown_url = if options.reveal {
        url?
    } else {
        // Render again with a sentinel for each secret, so the mask sits
        // exactly where the secret would, whatever encoding it would get.
        let masked = request_url(payload, path, |name| match secrets.contains(name) {
            true => values.get(name).map(|_| SENTINEL),
            false => values.get(name).map(String::as_str),
        });
        match (url, masked) {
            (Ok(_), Ok(masked)) => masked.replace(SENTINEL, MASK),
            // The error is the real render's (as with `reveal`), told in the
            // masked render's words: the real message could quote a secret
            // (`would leave https://…/bot<token>`).
            (Err(real), Err(masked)) if masked.code == real.code => return Err(Error { message: masked.message.replace(SENTINEL, MASK), ..masked }),
            // Only a secret's value differs between the two renders; its hint
            // may quote the value too.
            (Err(real), _) => {
                let message = "A secret's value (masked) cannot fill its place in the URL: reveal it to see why".into();
                return Err(Error { message, hint: None, ..real });
            }
            (Ok(_), Err(masked)) => return Err(Error { message: masked.message.replace(SENTINEL, MASK), ..masked }),
        }
    };

    let mut headers = serde_json::Map::new();
    let mut masked_headers = serde_json::Map::new();
    if let Some((name, value, masked)) = auth_header(pattern, kind, values)? {
        headers.insert(name.clone(), value.into());
        masked_headers.insert(name, masked.into());
    }
    let shown = if options.reveal { headers } else { masked_headers };
    let curl = curl(&method, &shown_url, &shown);
    Ok(Preview { method, url: shown_url, headers: shown, curl })
}

/// Stands in for a secret while rendering a masked URL: valid in a host
/// label, a path segment and a query alike.
const SENTINEL: &str = "ck-masked-secret-3f9a";

fn request_url<'v>(payload: &Payload<'_>, path: Option<&str>, value: impl Fn(&str) -> Option<&'v str>) -> Result<String, Error> {
    let url = text(&payload.proxy_url).ok_or_else(|| Error::new("missing-member", "The payload has no `proxy_url` string to render").path("/proxy_url"))?;
    let base = template::render(url, value).map_err(|e| Error::from(e).path("/proxy_url"))?;
    match path {
        Some(path) => join(&base, path),
        None => Ok(base),
    }
}

/// Renders a payload's `proxy_url` with `values` (see [`template`]).
pub fn render_proxy_url(src: &str, values: &Values) -> Result<String, Error> {
    let document = parse(src)?;
    request_url(&document.payload, None, |name| values.get(name).map(String::as_str))
}

fn parse(src: &str) -> Result<Document<'_>, Error> {
    Document::parse(src).map_err(|e| match e {
        ParseError::Syntax(e) => Error::new("invalid-json", format!("The payload is not valid JSON: {}", e.message)),
        ParseError::NotAnObject(kind, _) => Error::new("not-an-object", format!("A connector payload is a JSON object, but this is {}", kind.article())),
    })
}


fn text<'m>(member: &'m Option<Member<crate::model::Text<'_>>>) -> Option<&'m str> {
    member.as_ref().and_then(Member::ok).map(|t| t.as_ref())
}

fn first_pattern<'m>(payload: &'m Payload<'_>) -> Result<&'m AuthPattern<'m>, Error> {
    payload
        .auth_patterns
        .as_ref()
        .and_then(Member::ok)
        .and_then(|list| list.first())
        .and_then(|node| node.ok())
        .ok_or_else(|| Error::new("missing-member", "The payload has no auth pattern to preview").path("/auth_patterns/0"))
}

fn auth_type(pattern: &AuthPattern<'_>) -> Result<AuthType, Error> {
    let name = text(&pattern.kind).unwrap_or("");
    AuthType::parse(name).ok_or_else(|| Error::new("auth-type-unknown", format!("The auth pattern's type `{name}` is not one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH")).path("/auth_patterns/0/type"))
}

fn method(method: Option<&str>) -> Result<String, Error> {
    let method = method.unwrap_or("GET").trim().to_ascii_uppercase();
    if !rules::is_header_name(&method) {
        return Err(Error::new("invalid-method", format!("`{method}` is not an HTTP method")).hint("use GET, POST, PUT, PATCH or DELETE"));
    }
    Ok(method)
}

/// Appends a request path, refusing one that would leave the rendered base.
fn join(base: &str, path: &str) -> Result<String, Error> {
    let joined = template::join_path(base, path);
    let same_origin = match (web_url::parse(base), web_url::parse(&joined)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin() && b.username.is_empty() && b.password.is_empty(),
        _ => false,
    };
    if !same_origin || path.contains("://") || path.starts_with("//") || path.contains(['\r', '\n']) {
        return Err(Error::new("unsafe-path", format!("The path `{path}` would leave {base}")).hint("give a path on the API, e.g. /v2/tickets"));
    }
    Ok(joined)
}

/// The credential after its mutation: `default` when absent or empty, then
/// `prefix` and `suffix`. `None` when there is no value at all.
fn mutated(pattern: &AuthPattern<'_>, target: &str, values: &Values) -> (Option<String>, Affixes) {
    let mutation = pattern
        .auth_field_mutations
        .as_ref()
        .and_then(Member::ok)
        .and_then(|entries| entries.entries.iter().rev().find(|e| e.key == target))
        .and_then(|entry| entry.node.ok());
    let part = |member: Option<&Option<Member<crate::model::Text<'_>>>>| member.and_then(text).unwrap_or("").to_string();
    let prefix = part(mutation.map(|m| &m.prefix));
    let suffix = part(mutation.map(|m| &m.suffix));
    let default = mutation.and_then(|m| text(&m.default));
    let given = values.get(target).map(String::as_str).filter(|v| !v.is_empty());
    let value = given.or(default).map(|v| format!("{prefix}{v}{suffix}"));
    (value, Affixes { prefix, suffix })
}

/// The payload's own (non-secret) text around a credential.
struct Affixes {
    prefix: String,
    suffix: String,
}

impl Affixes {
    fn masked(&self) -> String {
        format!("{}{MASK}{}", self.prefix, self.suffix)
    }
}

/// The auth header: name, real value, masked value.
fn auth_header(pattern: &AuthPattern<'_>, kind: AuthType, values: &Values) -> Result<Option<(String, String, String)>, Error> {
    let header = match text(&pattern.auth_header_key_override).filter(|h| !h.is_empty() && kind.honours_header_override()) {
        Some(name) if rules::is_header_name(name) => name.to_string(),
        Some(name) => return Err(Error::new("header-override-invalid", format!("`{name}` is not a valid HTTP header name")).path("/auth_patterns/0/auth_header_key_override")),
        None => "Authorization".to_string(),
    };
    let need = |target: &str, values: &Values| -> Result<(String, Affixes), Error> {
        match mutated(pattern, target, values) {
            (Some(value), affixes) => Ok((value, affixes)),
            (None, _) => Err(Error::new("missing-value", format!("No value for `{target}`")).variable(target).hint(format!("give a value for {target}"))),
        }
    };
    let (value, masked) = match kind {
        AuthType::NoAuth => return Ok(None),
        AuthType::Basic => {
            let (username, _) = need("username", values)?;
            let password = mutated(pattern, "password", values).0.unwrap_or_default();
            let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
            (format!("Basic {encoded}"), format!("Basic {MASK}"))
        }
        AuthType::Bearer => {
            let (token, affixes) = need("token", values)?;
            (format!("Bearer {token}"), format!("Bearer {}", affixes.masked()))
        }
        AuthType::OAuth => match mutated(pattern, "token", values) {
            (Some(token), affixes) => (format!("Bearer {token}"), format!("Bearer {}", affixes.masked())),
            (None, affixes) => {
                let shown = format!("Bearer {}{OAUTH_TOKEN_PLACEHOLDER}{}", affixes.prefix, affixes.suffix);
                (shown.clone(), shown)
            }
        },
        AuthType::ApiKey => {
            let (key, affixes) = need("api_key", values)?;
            (key, affixes.masked())
        }
    };
    if value.contains(['\r', '\n', '\0']) {
        return Err(Error::new("unsafe-value", "A credential holds a line break, which would inject headers").hint("remove line breaks from the credential"));
    }
    Ok(Some((header, value, masked)))
}

/// Field names whose values are secret: the credential the type sends (the
/// password too, for BASIC) and every `password` input.
fn secret_fields(pattern: &AuthPattern<'_>, kind: AuthType) -> Vec<String> {
    let mut names: Vec<String> = kind.sends().iter().filter(|n| kind != AuthType::Basic || **n == "password").map(|n| n.to_string()).collect();
    for list in [&pattern.fields, &pattern.account_fields] {
        for field in list.as_ref().and_then(Member::ok).into_iter().flatten().filter_map(|n| n.ok()) {
            if text(&field.input_type) == Some("password") {
                if let Some(name) = text(&field.field_name) {
                    names.push(name.to_string());
                }
            }
        }
    }
    names
}

/// The request as a curl command, every argument shell-quoted.
pub fn curl(method: &str, url: &str, headers: &serde_json::Map<String, serde_json::Value>) -> String {
    let quote = |s: &str| shlex::try_quote(s).map(|q| q.into_owned()).unwrap_or_else(|_| format!("'{}'", s.replace('\0', "").replace('\'', r"'\''")));
    let mut parts = vec!["curl".to_string()];
    if method != "GET" {
        parts.push("-X".to_string());
        parts.push(quote(method));
    }
    parts.push(quote(url));
    for (name, value) in headers {
        parts.push("-H".to_string());
        parts.push(quote(&format!("{name}: {}", value.as_str().unwrap_or(""))));
    }
    parts.join(" ")
}

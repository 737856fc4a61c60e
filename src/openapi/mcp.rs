//! Which connector fits an MCP server, from what its discovery found (the
//! HTTP discovery itself is the caller's: the CLI's `mcp-check`).
//!
//! A public server (it answers `initialize` without credentials) is NO_AUTH.
//! OAuth needs what the connector's MCP shape (`{"pkce_enabled": true}`)
//! relies on: dynamic client registration and PKCE with S256. A server that
//! challenges for a Bearer token and publishes no OAuth metadata is BEARER
//! (Basic: BASIC). Anything else fits no connector, and the notes say why.

use serde_json::{Map, Value};

use super::{is_https, notes_json, text, Notes, E, I, W};
use crate::error::Error;
use crate::rules;
use crate::web_url;

/// `{ type, blueprint, capabilities, notes }` from `{ url, name?, publicAccess?,
/// status?, challenge?, resourceMetadata?, authorizationServer?, issuer?, sessionId? }`:
/// the auth type that fits (or `null`), the blueprint to build it from, what
/// the server supports, and why. Members of the wrong type count as absent.
pub fn connector(findings: &Value) -> Result<Value, Error> {
    let url = text(findings, "url");
    if url.is_empty() {
        return Err(Error::new("invalid-argument", "`findings.url` must be the MCP server's URL"));
    }
    let public = findings.get("publicAccess").and_then(Value::as_bool) == Some(true);
    let status = findings.get("status").and_then(Value::as_u64);
    let challenge = text(findings, "challenge");
    let resource = findings.get("resourceMetadata").filter(|v| v.is_object());
    let server = findings.get("authorizationServer").filter(|v| v.is_object());
    let mut notes = Notes::default();

    let list = |value: Option<&Value>, key: &str| -> Vec<String> {
        let mut out = Vec::new();
        for item in value.and_then(|v| v.get(key)).and_then(Value::as_array).into_iter().flatten() {
            out.push(item.as_str().unwrap_or("").to_string());
        }
        out
    };
    let methods = list(server, "code_challenge_methods_supported");
    let pkce = methods.iter().any(|m| m == "S256");
    let registration = server.is_some_and(|s| !text(s, "registration_endpoint").is_empty());
    let metadata_documents = server.and_then(|s| s.get("client_id_metadata_document_supported")).and_then(Value::as_bool) == Some(true);

    if let Some(resource) = resource {
        let id = text(resource, "resource");
        if id.trim_end_matches('/') != url.trim_end_matches('/') {
            notes.add(W, "resource-mismatch", "/resourceMetadata/resource", format!("The protected-resource metadata is for `{id}`, not for {url}: clients must not use another resource's metadata (RFC 9728 §3.3)"));
        }
        if list(Some(resource), "authorization_servers").is_empty() {
            notes.add(E, "no-authorization-server", "/resourceMetadata/authorization_servers", "The protected-resource metadata names no authorization server".to_string());
        }
    }
    let expected = text(findings, "issuer");
    if let (Some(server), false) = (server, expected.is_empty()) {
        let issuer = text(server, "issuer");
        if issuer.trim_end_matches('/') != expected.trim_end_matches('/') {
            notes.add(W, "issuer-mismatch", "/authorizationServer/issuer", format!("The authorization server metadata says `issuer` `{issuer}`, not {expected} (RFC 8414 §3.3)"));
        }
    }

    let scheme = challenge.split([' ', ',']).next().unwrap_or("").to_ascii_lowercase();
    let kind = if public {
        if server.is_some() || resource.is_some() {
            notes.add(I, "public", "/publicAccess", "The server answers without credentials although it publishes OAuth metadata: a NO_AUTH connector reaches what it offers to anyone".to_string());
        }
        Some("NO_AUTH")
    } else if server.is_some() {
        let responses = list(server, "response_types_supported");
        if !responses.is_empty() && !responses.iter().any(|r| r == "code") {
            notes.add(W, "no-code-flow", "/authorizationServer/response_types_supported", "The authorization server does not list the `code` response type".to_string());
        }
        if pkce && registration {
            Some("OAUTH")
        } else {
            let mut missing = String::new();
            if !registration {
                missing.push_str("dynamic client registration (no `registration_endpoint`)");
            }
            if !pkce {
                let shown = if methods.is_empty() { "none advertised".to_string() } else { methods.join(", ") };
                missing.push_str(&format!("{}PKCE with S256 (`code_challenge_methods_supported`: {shown})", if registration { "" } else { " and " }));
            }
            notes.add(
                E,
                "mcp-oauth-unfit",
                "/authorizationServer",
                format!("No connector fits: an MCP OAuth connector (`{{\"pkce_enabled\": true}}`) registers itself by dynamic client registration and signs in with PKCE S256, and this server lacks {missing}"),
            );
            if metadata_documents && !registration {
                notes.add(I, "client-id-metadata-document", "/authorizationServer/client_id_metadata_document_supported", "Clients identify themselves here with client ID metadata documents, which an MCP connector cannot use".to_string());
            } else if !registration {
                notes.add(I, "pre-registration", "/authorizationServer/registration_endpoint", "A client would have to be registered with the authorization server beforehand, and an MCP connector has no place for its client ID".to_string());
            }
            notes.add(I, "bearer-fallback", "", "If the server also accepts a long-lived token (an API key or personal access token) as a Bearer token, a BEARER connector with is_mcp works".to_string());
            None
        }
    } else if resource.is_some() {
        notes.add(E, "no-authorization-server", "/authorizationServer", "The protected-resource metadata was found, but not the authorization server's metadata: no connector can be chosen".to_string());
        None
    } else if !matches!(status, Some(401 | 403)) {
        let status = status.map_or("no answer".to_string(), |s| format!("HTTP {s}"));
        notes.add(E, "not-mcp", "/status", format!("No connector fits: the server neither answered `initialize` nor asked for credentials ({status})"));
        None
    } else if scheme == "bearer" {
        notes.add(I, "bearer-only", "/challenge", "The server asks for a Bearer token and publishes no OAuth metadata: a BEARER connector sends a token the user pastes".to_string());
        Some("BEARER")
    } else if scheme == "basic" {
        Some("BASIC")
    } else {
        let how = if challenge.is_empty() { "without a WWW-Authenticate challenge".to_string() } else { format!("with the challenge `{challenge}`") };
        notes.add(E, "no-auth-method", "/challenge", format!("No connector fits: the server refuses requests {how}, and publishes no OAuth metadata"));
        None
    };

    if findings.get("sessionId").and_then(Value::as_bool) == Some(true) {
        notes.add(W, "stateful-server", "/sessionId", "The server gave an `Mcp-Session-Id`: the proxy needs stateless MCP servers (no sessions, no sticky routing)".to_string());
    }
    let mut out = Map::new();
    out.insert("type".into(), kind.map_or(Value::Null, Value::from));
    let blueprint = match kind {
        Some(kind) => {
            if !is_https(url) {
                notes.add(W, "not-https", "/url", format!("{url} is not an https URL; a connector's `proxy_url` must be one"));
            }
            let mut name = rules::display_name_fix(text(findings, "name"));
            if name.is_empty() {
                name = web_url::parse(url).map(|u| rules::display_name_fix(&u.host)).unwrap_or_default();
            }
            let mut blueprint = Map::new();
            blueprint.insert("name".into(), if name.is_empty() { "MCP server".into() } else { name.into() });
            blueprint.insert("type".into(), kind.into());
            blueprint.insert("mcp".into(), true.into());
            blueprint.insert("baseUrl".into(), url.into());
            Value::Object(blueprint)
        }
        None => Value::Null,
    };
    out.insert("blueprint".into(), blueprint);
    let mut capabilities = Map::new();
    for (key, on) in [
        ("publicAccess", public),
        ("protectedResourceMetadata", resource.is_some()),
        ("authorizationServerMetadata", server.is_some()),
        ("pkceS256", pkce),
        ("dynamicClientRegistration", registration),
        ("clientIdMetadataDocument", metadata_documents),
        ("preRegisteredClientNeeded", server.is_some() && !registration && !metadata_documents),
    ] {
        capabilities.insert(key.into(), on.into());
    }
    out.insert("capabilities".into(), Value::Object(capabilities));
    out.insert("notes".into(), notes_json(&notes.0));
    Ok(Value::Object(out))
}

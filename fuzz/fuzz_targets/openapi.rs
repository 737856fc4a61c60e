//! OpenAPI text → `openapi::import_text` with several option sets; the same
//! text, when it is JSON, as MCP findings for `openapi::mcp::connector`.
#![no_main]

use connector_kit::openapi::{Options, Server};
use connector_kit_fuzz::invariants;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    invariants::check_openapi(&text, &Options::default());
    let value: Option<Value> = serde_json::from_str(&text).ok();
    // The first scheme the document defines, chosen by name; the discovery
    // document given; a relative document URL and the second server.
    let scheme = value.as_ref().and_then(|doc| {
        let schemes = doc.pointer("/components/securitySchemes").or_else(|| doc.get("securityDefinitions"))?;
        schemes.as_object()?.keys().next_back().cloned()
    });
    let discovery = serde_json::from_str(invariants::DISCOVERY).ok();
    let chosen = Options { security_scheme: scheme, discovery, name: Some("Fuzz API".into()), ..Options::default() };
    invariants::check_openapi(&text, &chosen);
    let served = Options { document_url: Some("https://docs.example.com/specs/openapi.json".into()), server: Some(Server::Index(1)), ..Options::default() };
    invariants::check_openapi(&text, &served);
    let url = Options { server: Some(Server::Url("https://{region}.example.com/{version}".into())), ..Options::default() };
    invariants::check_openapi(&text, &url);
    if let Some(value) = value {
        invariants::check_mcp(&value);
    }
});

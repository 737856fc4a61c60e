//! Named starting points: the provider's eight documented example payloads
//! (REST and MCP, one per auth type) and a public MCP server with NO_AUTH.
//! The eight are kept once, as the test fixtures `tests/fixtures/examples/`.

use serde::Serialize;

/// A preset: its name, what it shows, and the payload as JSON text.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "PresetInfo"))]
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    /// Stable name, e.g. `oauth-asana`.
    pub name: &'static str,
    /// One line on what it is.
    pub title: &'static str,
    /// The auth pattern type.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "AuthType"))]
    #[serde(rename = "type")]
    pub auth_type: &'static str,
    /// Whether the upstream is an MCP server.
    pub mcp: bool,
    #[serde(skip)]
    pub json: &'static str,
}

macro_rules! presets {
    ($( $name:literal, $dir:literal, $title:literal, $type:literal, $mcp:literal; )*) => {
        /// Every preset, REST first.
        pub const PRESETS: &[Preset] = &[
            $( Preset { name: $name, title: $title, auth_type: $type, mcp: $mcp, json: include_str!(concat!($dir, $name, ".json")) }, )*
        ];
    };
}

presets! {
    "oauth-asana", "../../tests/fixtures/examples/", "REST API with OAuth 2.0 (Asana)", "OAUTH", false;
    "bearer-token", "../../tests/fixtures/examples/", "REST API with a static bearer token", "BEARER", false;
    "basic-freshdesk", "../../tests/fixtures/examples/", "REST API with Basic auth and a templated domain (Freshdesk)", "BASIC", false;
    "api-key-attention", "../../tests/fixtures/examples/", "REST API with an API key (Attention)", "API_KEY", false;
    "mcp-oauth-github", "../../tests/fixtures/examples/", "MCP server with OAuth 2.1 and dynamic client registration (GitHub)", "OAUTH", true;
    "mcp-bearer-apify", "../../tests/fixtures/examples/", "MCP server with a bearer token (Apify)", "BEARER", true;
    "mcp-basic-internal", "../../tests/fixtures/examples/", "MCP server with Basic auth (internal)", "BASIC", true;
    "mcp-api-key", "../../tests/fixtures/examples/", "MCP server with an API key", "API_KEY", true;
    "mcp-no-auth", "", "Public MCP server with no authentication", "NO_AUTH", true;
}

/// The preset called `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

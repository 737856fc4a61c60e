//! Named starting points: the provider's eight documented example payloads
//! (REST and MCP, one per auth type) and a public MCP server with NO_AUTH.

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
    ($( $name:literal, $title:literal, $type:literal, $mcp:literal; )*) => {
        /// Every preset, REST first.
        pub const PRESETS: &[Preset] = &[
            $( Preset { name: $name, title: $title, auth_type: $type, mcp: $mcp, json: include_str!(concat!($name, ".json")) }, )*
        ];
    };
}

presets! {
    "oauth-asana", "REST API with OAuth 2.0 (Asana)", "OAUTH", false;
    "bearer-token", "REST API with a static bearer token", "BEARER", false;
    "basic-freshdesk", "REST API with Basic auth and a templated domain (Freshdesk)", "BASIC", false;
    "api-key-attention", "REST API with an API key (Attention)", "API_KEY", false;
    "mcp-oauth-github", "MCP server with OAuth 2.1 and dynamic client registration (GitHub)", "OAUTH", true;
    "mcp-bearer-apify", "MCP server with a bearer token (Apify)", "BEARER", true;
    "mcp-basic-internal", "MCP server with Basic auth (internal)", "BASIC", true;
    "mcp-api-key", "MCP server with an API key", "API_KEY", true;
    "mcp-no-auth", "Public MCP server with no authentication", "NO_AUTH", true;
}

/// The preset called `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

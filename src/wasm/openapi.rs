//! Exports for connectors from API descriptions: OpenAPI import and the MCP check's decision.

use wasm_bindgen::prelude::*;

use super::interop::{bad_argument, error, from_json, json_text, json_value, option, string_option, to_js};
use crate::openapi;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &str = r#"
/** Options of `importOpenApi`. */
export interface OpenApiImportOptions {
    /** The display name (default: `info.title`, made valid). */
    name?: string;
    /** The security scheme to use, by its name in the document (default: the first one a connector can express). */
    securityScheme?: string;
    /** The server: an index into `servers` or a URL (default: the first server). */
    server?: number | string;
    /** The OpenID Connect discovery document of an `openIdConnect` scheme (see `discoveryUrl`). */
    discovery?: object | string;
    /** Where the document was read from: relative server URLs resolve against it. */
    documentUrl?: string;
}

/** Something the import could not express, or chose. */
export interface ImportNote {
    severity: "error" | "warning" | "info";
    /** Stable kebab-case id, e.g. `security-unsupported`. */
    code: string;
    message: string;
    /** JSON Pointer into the document (or, for `mcpConnector`, into the findings). */
    path: string;
}

/** The result of `importOpenApi`. */
export interface OpenApiImport {
    /** The payload, or `null` when no auth pattern fits; with error notes it needs work before it validates. */
    payload: Payload | null;
    notes: ImportNote[];
    /** The security scheme used. */
    scheme?: string;
    /** Fetch this OpenID Connect discovery document and import again with it as `discovery`. */
    discoveryUrl?: string;
}

/** What an MCP server's discovery found (the CLI's `mcp-check` gathers it). */
export interface McpFindings {
    /** The MCP server's URL. */
    url: string;
    /** The display name to use. */
    name?: string;
    /** It answered `initialize` without credentials. */
    publicAccess?: boolean;
    /** HTTP status of the unauthenticated `initialize`. */
    status?: number;
    /** Its `WWW-Authenticate` header. */
    challenge?: string;
    /** The RFC 9728 protected-resource metadata. */
    resourceMetadata?: object;
    /** The RFC 8414 / OpenID Connect authorization server metadata. */
    authorizationServer?: object;
    /** The issuer that metadata was fetched for. */
    issuer?: string;
    /** The server answered with an `Mcp-Session-Id` (it keeps sessions). */
    sessionId?: boolean;
}

/** The connector that fits an MCP server, or why none does. */
export interface McpConnector {
    type: AuthType | null;
    /** Build the payload with `buildPayload(blueprint)`. */
    blueprint: Blueprint | null;
    capabilities: {
        publicAccess: boolean;
        protectedResourceMetadata: boolean;
        authorizationServerMetadata: boolean;
        pkceS256: boolean;
        dynamicClientRegistration: boolean;
        clientIdMetadataDocument: boolean;
        preRegisteredClientNeeded: boolean;
    };
    notes: ImportNote[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// Options of `importOpenApi` (optional argument).
    #[wasm_bindgen(typescript_type = "OpenApiImportOptions")]
    pub type OpenApiImportOptions;
}

/// A connector payload from an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON
/// text or object), with notes on all the connector format cannot express.
/// Throws only when an option does not fit the document.
#[wasm_bindgen(js_name = importOpenApi, unchecked_return_type = "OpenApiImport")]
pub fn import_open_api(#[wasm_bindgen(unchecked_param_type = "string | object")] spec: JsValue, options: Option<OpenApiImportOptions>) -> Result<JsValue, JsValue> {
    let options = import_options(&options.map_or(JsValue::UNDEFINED, Into::into))?;
    let (text, _) = json_text(&spec, "spec")?;
    let result = openapi::import_text(&text, &options).map_err(error)?;
    Ok(from_json(&result.to_json().to_string()))
}

/// The options of `importOpenApi` (a server given as a number or a string).
fn import_options(options: &JsValue) -> Result<openapi::Options, JsValue> {
    let server = option(options, "server");
    let discovery = option(options, "discovery");
    Ok(openapi::Options {
        name: string_option(options, "name")?,
        security_scheme: string_option(options, "securityScheme")?,
        server: match server.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => Some(openapi::Server::Index(n as usize)),
            Some(_) => return Err(bad_argument("options.server", "an index (0, 1, …) or a URL")),
            None => string_option(options, "server")?.map(|s| openapi::Server::parse(&s)),
        },
        discovery: if discovery.is_undefined() || discovery.is_null() { None } else { Some(json_value(&discovery, "options.discovery")?) },
        document_url: string_option(options, "documentUrl")?,
    })
}

/// The connector that fits an MCP server, from what its OAuth discovery found:
/// NO_AUTH, OAUTH (DCR + PKCE S256), BEARER or BASIC, or `null` with the reasons.
#[wasm_bindgen(js_name = mcpConnector, unchecked_return_type = "McpConnector")]
pub fn mcp_connector(#[wasm_bindgen(unchecked_param_type = "McpFindings")] findings: JsValue) -> Result<JsValue, JsValue> {
    let findings = json_value(&findings, "findings")?;
    to_js(&openapi::mcp::connector(&findings).map_err(error)?)
}

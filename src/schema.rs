//! The payload as a JSON Schema (2020-12), for editors and other tools.
//!
//! It encodes the structural rules of connectors.md §2 — types, required
//! members, enums, patterns, lengths, counts and the rules that depend on the
//! auth type — built from the constants in [`crate::rules`], so every limit
//! lives once. Semantic rules (templates ↔ fields, credentials a type needs,
//! unique field names, URL parsing) stay with [`crate::validate`].
//!
//! It follows the validator: unknown keys are allowed (the validator only
//! warns), and `null` for an optional member reads as absent.

use serde_json::{json, Value};

use crate::rules::{self, AuthType};

/// [`json_schema`] as JSON text, generated into the repository (a test
/// keeps it current: `UPDATE_SCHEMA=1 cargo test --test schema`), so the
/// WebAssembly module ships text rather than the code that builds it.
pub const SCHEMA_JSON: &str = include_str!("payload.schema.json");

/// The `$id` of the payload schema.
pub const SCHEMA_ID: &str = "https://connector-kit.dev/schema/payload.json";

/// The JSON Schema (2020-12) of a connector payload.
pub fn json_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Scalekit custom connector",
        "description": "A custom connector (\"bring your own provider\"): the body of create and update. Semantic rules (placeholders in proxy_url ↔ declared fields, the credential each auth type needs, unique field names) are checked by connector-kit's validate.",
        "type": "object",
        "required": ["display_name", "auth_patterns", "proxy_url", "proxy_enabled"],
        "properties": payload_properties(),
        "allOf": [mcp_everywhere()],
        "$defs": {
            "authPattern": auth_pattern(),
            "field": field(),
            "selectOption": select_option(),
            "oauthConfig": oauth_config(),
            "mcpOauthConfig": mcp_oauth_config(),
            "scope": scope(),
            "mutation": mutation(),
        },
    })
}

/// An optional string (`null` reads as absent).
fn text(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

/// An optional boolean (`null` reads as absent).
fn flag(description: &str) -> Value {
    json!({ "type": ["boolean", "null"], "description": description })
}

/// An optional list of `def`s (`null` reads as absent).
fn list_of(def: &str, description: &str) -> Value {
    json!({ "type": ["array", "null"], "description": description, "items": { "$ref": format!("#/$defs/{def}") } })
}

/// An absolute `https://` URL that may hold `{{placeholders}}`.
fn https_url(description: &str) -> Value {
    json!({ "type": "string", "pattern": "^https://", "description": description })
}

fn payload_properties() -> Value {
    let url_max = *rules::URL_LEN.end();
    json!({
        "display_name": {
            "type": "string",
            "minLength": *rules::DISPLAY_NAME_LEN.start(),
            "maxLength": *rules::DISPLAY_NAME_LEN.end(),
            "pattern": rules::DISPLAY_NAME_PATTERN,
            "description": format!("The connector's name: {}–{} characters, letters, digits and spaces only, at least one letter or digit (the server refuses hyphens: write \"Jira Cloud\", not \"Jira-Cloud\").", rules::DISPLAY_NAME_LEN.start(), rules::DISPLAY_NAME_LEN.end()),
        },
        "description": text("What connecting it gives access to, in a sentence."),
        "auth_patterns": {
            "type": "array",
            "minItems": 1,
            "maxItems": rules::MAX_AUTH_PATTERNS,
            "items": { "$ref": "#/$defs/authPattern" },
            "description": format!("How users authenticate: today exactly {} pattern (the array is for the future).", rules::MAX_AUTH_PATTERNS),
        },
        "proxy_url": {
            "type": "string",
            "minLength": *rules::URL_LEN.start(),
            "maxLength": url_max,
            "pattern": "^https://",
            "description": format!("The upstream base URL the proxy calls: {}–{url_max} characters, starting with https://; may hold {{{{placeholders}}}} such as {{{{domain}}}}, {{{{version}}}} or a field with is_path_param.", rules::URL_LEN.start()),
        },
        "proxy_enabled": {
            "type": "boolean",
            "const": true,
            "default": true,
            "description": "Must be true: when false or absent, tool calling will not work (an update without it switches proxying off).",
        },
        "icon_src": {
            "type": ["string", "null"],
            "maxLength": url_max,
            "pattern": "^(?:$|https://)",
            "description": format!("The connector's icon: empty or an https:// URL of at most {url_max} characters (an 800×800 SVG)."),
        },
        "metadata": {
            "type": ["object", "null"],
            "maxProperties": rules::METADATA_MAX_PAIRS,
            "propertyNames": { "minLength": *rules::METADATA_KEY_LEN.start(), "maxLength": *rules::METADATA_KEY_LEN.end() },
            "additionalProperties": {
                "type": "string",
                "minLength": *rules::METADATA_VALUE_LEN.start(),
                "maxLength": *rules::METADATA_VALUE_LEN.end(),
            },
            "description": format!(
                "A map of string to string: at most {} pairs, keys {}–{} characters, values {}–{} characters. An update without it clears it.",
                rules::METADATA_MAX_PAIRS, rules::METADATA_KEY_LEN.start(), rules::METADATA_KEY_LEN.end(), rules::METADATA_VALUE_LEN.start(), rules::METADATA_VALUE_LEN.end()
            ),
        },
        "id": served(text("The connector's id (served; ignored when sent).")),
        "identifier": served(text("The connector's identifier, derived by the server from display_name; update and delete address the connector by it (served; ignored when sent).")),
        "categories": served(json!({ "type": ["array", "null"], "items": { "type": ["string", "null"] }, "description": "Categories (served; ignored when sent)." })),
        "display_priority": served(json!({ "description": "Display priority (served; ignored when sent)." })),
        "coming_soon": served(flag("Whether the connector is marked coming soon (served; ignored when sent).")),
        "is_custom": served(flag("True for a custom connector (served; ignored when sent).")),
        "is_custom_mcp": served(flag("True when a pattern has is_mcp (served; ignored when sent).")),
    })
}

/// Marks a key the server sends back and ignores when sent.
fn served(mut schema: Value) -> Value {
    schema["readOnly"] = json!(true);
    schema
}

/// `is_mcp` on one pattern means every pattern has it.
fn mcp_everywhere() -> Value {
    let mcp = json!({ "required": ["is_mcp"], "properties": { "is_mcp": { "const": true } } });
    json!({
        "if": { "required": ["auth_patterns"], "properties": { "auth_patterns": { "type": "array", "contains": mcp } } },
        "then": { "properties": { "auth_patterns": { "items": mcp } } },
    })
}

/// One auth pattern, with the rules that depend on its `type`.
fn auth_pattern() -> Value {
    let types: Vec<&str> = AuthType::ALL.iter().map(|t| t.name()).collect();
    json!({
        "type": "object",
        "description": "One way to authenticate.",
        "required": ["type"],
        "properties": {
            "type": {
                "type": "string",
                "enum": types,
                "description": "OAUTH, BASIC, BEARER or API_KEY; NO_AUTH for public MCP servers only. It cannot change on update.",
            },
            "display_name": text("The label of this option (any text)."),
            "description": text("An explanation of this option (any text)."),
            "fields": list_of("field", "Inputs collected for static auth (BASIC, BEARER, API_KEY); for OAUTH, pre-flow options only. Conventional names: token (BEARER), api_key (API_KEY), username + password (BASIC)."),
            "account_fields": list_of("field", "Account-scoped inputs for OAUTH (e.g. path parameters)."),
            "oauth_config": {
                "anyOf": [{ "$ref": "#/$defs/oauthConfig" }, { "$ref": "#/$defs/mcpOauthConfig" }, { "type": "null" }],
                "description": "OAUTH only. REST: authorize_uri, token_uri, user_info_uri (optional), available_scopes, pkce_enabled. MCP: exactly {\"pkce_enabled\": true} (the server uses Dynamic Client Registration).",
            },
            "auth_header_key_override": {
                "type": ["string", "null"],
                "pattern": header_name_pattern(),
                "description": "A header name used instead of Authorization (e.g. X-API-Key).",
            },
            "auth_field_mutations": {
                "type": ["object", "null"],
                "propertyNames": { "enum": rules::MUTATION_TARGETS },
                "additionalProperties": { "$ref": "#/$defs/mutation" },
                "description": format!("How the proxy rewrites a credential before sending it: an object keyed by {}.", rules::MUTATION_TARGETS.join(", ")),
            },
            "is_mcp": flag("True when the upstream is an MCP server; then every pattern has it. It cannot change on update."),
            "allowed_proxy_domains": {
                "type": ["array", "null"],
                "items": { "type": "string" },
                "description": "A list of host names (seen on served patterns; meaning undocumented).",
            },
        },
        "allOf": [oauth_rules(), non_oauth_rules(), no_auth_rules()],
    })
}

/// `type` is `name` (and `type` is present).
fn type_is(name: &str) -> Value {
    json!({ "required": ["type"], "properties": { "type": { "const": name } } })
}

/// OAUTH: `oauth_config` is required; its shape depends on `is_mcp`.
fn oauth_rules() -> Value {
    let oauth = AuthType::OAuth.name();
    json!({
        "if": type_is(oauth),
        "then": {
            "required": ["oauth_config"],
            "if": { "required": ["is_mcp"], "properties": { "is_mcp": { "const": true } } },
            "then": { "properties": { "oauth_config": { "$ref": "#/$defs/mcpOauthConfig", "description": "An MCP server: exactly {\"pkce_enabled\": true}." } } },
            "else": { "properties": { "oauth_config": { "$ref": "#/$defs/oauthConfig", "description": "A REST API: authorize_uri and token_uri are required." } } },
        },
    })
}

/// Every other known type: no `oauth_config` (`null` reads as absent).
fn non_oauth_rules() -> Value {
    let others: Vec<&str> = AuthType::ALL.iter().filter(|t| **t != AuthType::OAuth).map(|t| t.name()).collect();
    json!({
        "if": { "required": ["type"], "properties": { "type": { "enum": others } } },
        "then": { "properties": { "oauth_config": { "type": "null", "description": "oauth_config is for OAUTH patterns only." } } },
    })
}

/// NO_AUTH: MCP only, and it collects no inputs.
fn no_auth_rules() -> Value {
    json!({
        "if": type_is(AuthType::NoAuth.name()),
        "then": {
            "required": ["is_mcp"],
            "properties": {
                "is_mcp": { "const": true, "description": "NO_AUTH is for public MCP servers only." },
                "fields": { "maxItems": 0, "description": "A NO_AUTH pattern collects no inputs." },
                "account_fields": { "maxItems": 0, "description": "A NO_AUTH pattern collects no inputs." },
            },
        },
    })
}

/// A regular expression for [`rules::is_header_name`], derived from the
/// predicate itself so the rule lives once.
fn header_name_pattern() -> String {
    let allowed: Vec<char> = (0x20u8..0x7f).map(char::from).filter(|c| rules::is_header_name(&c.to_string())).collect();
    let mut class = String::new();
    let mut i = 0;
    while i < allowed.len() {
        // Collapse runs of consecutive letters or digits into ranges (a-z).
        let mut j = i;
        while j + 1 < allowed.len() && allowed[j].is_ascii_alphanumeric() && allowed[j + 1].is_ascii_alphanumeric() && allowed[j + 1] as u8 == allowed[j] as u8 + 1 {
            j += 1;
        }
        if j >= i + 2 {
            class.push_str(&format!("{}-{}", allowed[i], allowed[j]));
            i = j + 1;
            continue;
        }
        let c = allowed[i];
        if "\\]^-[".contains(c) {
            class.push('\\');
        }
        class.push(c);
        i += 1;
    }
    format!("^[{class}]+$")
}

/// An input collected from the user connecting an account.
fn field() -> Value {
    json!({
        "type": "object",
        "description": "An input collected from the user connecting an account.",
        "required": ["field_name"],
        "properties": {
            "field_name": {
                "type": "string",
                "minLength": 1,
                "description": "The key the value is stored under; unique within a pattern. Conventional names: token, api_key, username, password, domain, version.",
            },
            "label": text("The input's label."),
            "input_type": {
                "enum": rules::INPUT_TYPES.iter().map(|t| json!(t)).chain([Value::Null]).collect::<Vec<_>>(),
                "description": "text, password or select (textarea is also served). Secrets belong in password inputs.",
            },
            "hint": text("Tells users where to find the value."),
            "required": { "type": ["boolean", "null"], "default": false, "description": "Whether the input is required (default false)." },
            "is_path_param": flag("Its value fills {{field_name}} in proxy_url (for OAUTH, declare it in account_fields)."),
            "options": list_of("selectOption", "The choices of a select input."),
            "header_name": text("A header name (served; undocumented)."),
        },
    })
}

/// A choice of a `select` field.
fn select_option() -> Value {
    json!({
        "type": "object",
        "description": "A choice of a select input.",
        "required": ["value"],
        "properties": {
            "value": { "type": "string", "description": "The value stored when this option is chosen." },
            "display_name": text("The option's label."),
            "description": text("An explanation of the option."),
            "default": flag("Whether the option is chosen by default."),
        },
    })
}

/// OAuth settings of a REST OAUTH pattern.
fn oauth_config() -> Value {
    json!({
        "type": "object",
        "description": "OAuth settings of a REST API: endpoints and scopes.",
        "required": ["authorize_uri", "token_uri"],
        "properties": {
            "authorize_uri": https_url("Where users are sent to grant access: an absolute https:// URL (may hold {{placeholders}})."),
            "token_uri": https_url("Where codes are exchanged for tokens: an absolute https:// URL (may hold {{placeholders}})."),
            "user_info_uri": {
                "type": ["string", "null"],
                "pattern": "^(?:$|https://)",
                "description": "Optional: where the user's profile is read, an absolute https:// URL.",
            },
            "available_scopes": list_of("scope", "The scopes a connection may ask for."),
            "pkce_enabled": flag("Whether the flow uses PKCE."),
            "allow_use_scalekit_credentials": flag("Whether connections may use Scalekit's own OAuth client (backend-known)."),
            "custom_scope_name": text("A custom name for the scope parameter (backend-known)."),
        },
    })
}

/// OAuth settings of an MCP OAUTH pattern: exactly `{"pkce_enabled": true}`.
fn mcp_oauth_config() -> Value {
    json!({
        "type": "object",
        "description": "OAuth settings of an MCP server: exactly {\"pkce_enabled\": true}; the server registers its client itself (Dynamic Client Registration), so no endpoints and no scopes.",
        "required": ["pkce_enabled"],
        "properties": {
            "pkce_enabled": { "const": true, "description": "Must be true for an MCP server." },
        },
        "additionalProperties": false,
    })
}

/// An OAuth scope a connection may ask for.
fn scope() -> Value {
    json!({
        "type": "object",
        "description": "An OAuth scope a connection may ask for.",
        "required": ["scope"],
        "properties": {
            "scope": { "type": "string", "minLength": 1, "pattern": "\\S", "description": "The scope name the API expects (non-empty), e.g. read:user." },
            "display_name": text("The scope's label."),
            "description": text("What the scope grants."),
            "required": flag("Whether every connection asks for it."),
        },
    })
}

/// How the proxy rewrites one credential: a closed set of operations.
fn mutation() -> Value {
    let operations: serde_json::Map<String, Value> = rules::MUTATION_OPERATIONS
        .iter()
        .map(|op| {
            let what = match *op {
                "default" => "Used when the stored value is empty (applied first).",
                "prefix" => "Put before the value (after default).",
                "suffix" => "Put after the value (last).",
                _ => "A mutation operation.",
            };
            (op.to_string(), text(what))
        })
        .collect();
    json!({
        "type": "object",
        "description": format!("How the proxy rewrites a credential: any of {}, applied in that order.", rules::MUTATION_OPERATIONS.join(", ")),
        "properties": operations,
        "additionalProperties": false,
    })
}

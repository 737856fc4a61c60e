//! Changing connectors safely: what an update will change and its impact,
//! the full-replace body an update must send, and Dev → Production promotion.
//! Pure functions over JSON values; the HTTP client lives in `client`.

pub mod diff;
pub mod promote;
pub mod update;

/// Keys only the server sets; they are never compared or sent.
pub const SERVER_KEYS: &[&str] = &["id", "identifier", "categories", "display_priority", "coming_soon", "is_custom", "is_custom_mcp"];

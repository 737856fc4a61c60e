//! A strict JSON scanner (RFC 8259, the same acceptance as `serde_json`) that
//! hands out borrowed strings and byte spans instead of building a tree.
//!
//! The model is parsed straight off this scanner, so checking a payload costs
//! one pass over the text and allocates only for lists and escaped strings.
//! Positions are byte offsets; [`position`] turns them into line and column
//! only for the values a diagnostic points at.

mod lookup;
mod scanner;
pub mod pointer;
pub mod position;

pub use lookup::Lookup;
pub use scanner::{Kind, Scanner, Span, SyntaxError, MAX_DEPTH};

/// Whether `value` nests deeper than the scanner (and serde_json) accept:
/// [`MAX_DEPTH`] `- 1` levels. A parsed value never does; one built in code
/// can, and walking, cloning or printing it would exhaust the stack (1 MB in
/// WebAssembly), so entry points that take a `Value` refuse it first. The
/// walk itself keeps its own stack.
pub fn too_deep(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    let mut stack: Vec<(&Value, u32)> = vec![(value, 1)];
    while let Some((value, depth)) = stack.pop() {
        match value {
            Value::Array(_) | Value::Object(_) if depth >= MAX_DEPTH => return true,
            Value::Array(items) => stack.extend(items.iter().map(|child| (child, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|child| (child, depth + 1))),
            _ => {}
        }
    }
    false
}

/// The message for a value [`too_deep`] refuses.
pub const TOO_DEEP: &str = "The JSON is nested deeper than 127 levels; a connector payload is only a few levels deep";

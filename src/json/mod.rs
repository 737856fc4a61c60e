//! A strict JSON scanner (RFC 8259, the same acceptance as `serde_json`) that
//! hands out borrowed strings and byte spans instead of building a tree.
//!
//! The model is parsed straight off this scanner, so checking a payload costs
//! one pass over the text and allocates only for lists and escaped strings.
//! Positions are byte offsets; [`position`] turns them into line and column
//! only for the values a diagnostic points at.

mod scanner;
pub mod pointer;
pub mod position;

pub use scanner::{Kind, Scanner, Span, SyntaxError, MAX_DEPTH};

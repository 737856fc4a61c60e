//! Validation: every rule of connectors.md §2–3 as diagnostics.
//!
//! One walk over the typed model. Each check knows its JSON Pointer (built
//! lazily from a stack path) and the byte offset of the value it is about;
//! line and column are computed once, at the end, for reported values only.

mod context;
mod fields;
mod names;
mod pattern;
mod payload;

use crate::diagnostics::{code, Diagnostic, Report, Severity};
use crate::json::position;
use crate::model::{Document, ParseError};
use context::Context;

/// What the payload is for: `update` adds what a full replace needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Create,
    Update,
}

/// Validation options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    /// Attach line and column to diagnostics (when the input was text).
    pub positions: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { mode: Mode::Create, positions: true }
    }
}

/// At most this many diagnostics are listed; a last one says the rest were cut.
pub const MAX_DIAGNOSTICS: usize = 200;

/// Validates a payload given as JSON text.
pub fn validate(src: &str, options: &Options) -> Report {
    let mut cx = Context::new(src, options.mode);
    match Document::parse(src) {
        Ok(document) => payload::check(&mut cx, &document.payload),
        Err(ParseError::Syntax(error)) => {
            cx.push_raw(code::INVALID_JSON, String::new(), error.offset, format!("Invalid JSON: {}", error.message), error.hint.map(str::to_string));
        }
        Err(ParseError::NotAnObject(kind, span)) => {
            cx.push_raw(
                code::NOT_AN_OBJECT,
                String::new(),
                span.start as usize,
                format!("A connector payload is a JSON object, but this is {}", kind.article()),
                Some("start from {\"display_name\": …, \"auth_patterns\": […], \"proxy_url\": …, \"proxy_enabled\": true}".to_string()),
            );
        }
    }
    finish(src, cx, options.positions)
}

fn finish(src: &str, cx: Context<'_>, positions: bool) -> Report {
    let (mut pending, truncated) = cx.into_pending();
    pending.sort_by_key(|p| p.offset);
    let offsets: Vec<usize> = pending.iter().map(|p| p.offset).collect();
    let places = if positions { position::resolve(src, &offsets) } else { Vec::new() };
    let mut diagnostics: Vec<Diagnostic> = pending
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let place = places.get(i);
            Diagnostic {
                code: p.code,
                severity: crate::diagnostics::severity_of(p.code),
                path: p.path,
                message: p.message,
                hint: p.hint,
                line: place.map(|c| c.line),
                column: place.map(|c| c.column),
            }
        })
        .collect();
    if truncated {
        diagnostics.push(Diagnostic {
            code: code::TOO_MANY_DIAGNOSTICS,
            severity: Severity::Info,
            path: String::new(),
            message: format!("More than {MAX_DIAGNOSTICS} problems: only the first {MAX_DIAGNOSTICS} are listed"),
            hint: Some("fix these and validate again".to_string()),
            line: None,
            column: None,
        });
    }
    Report::new(diagnostics)
}

//! The connector payload as typed, lossless views over its JSON text.
//!
//! Every key of connectors.md §2 has a typed member; a member of the wrong
//! JSON type is kept (as its kind and span) instead of failing the parse, so
//! the validator can report it where it is. Unknown keys, earlier copies of
//! duplicated keys and key order are kept too: [`FromJson::to_json`] gives
//! back the document it was parsed from.

mod node;
mod payload;

pub use node::{Entries, Entry, Extra, FromJson, List, Member, Node, Text};
pub use payload::{AuthPattern, Field, Mutation, OAuthConfig, Payload, Scope, SelectOption};

use crate::json::{Kind, Scanner, Span, SyntaxError};

/// A payload parsed from text, with the text it borrows from.
#[derive(Debug)]
pub struct Document<'a> {
    pub src: &'a str,
    pub payload: Payload<'a>,
}

/// Why text could not become a [`Document`].
#[derive(Debug, PartialEq)]
pub enum ParseError {
    /// The text is not JSON.
    Syntax(SyntaxError),
    /// The text is JSON, but not an object.
    NotAnObject(Kind, Span),
}

impl<'a> Document<'a> {
    /// Parses a payload. Only invalid JSON or a non-object document fail;
    /// every other problem is left in the model for the validator.
    pub fn parse(src: &'a str) -> Result<Document<'a>, ParseError> {
        let mut scanner = Scanner::new(src);
        let kind = scanner.peek_kind().map_err(ParseError::Syntax)?;
        if kind != Kind::Object {
            let (_, span) = scanner.skip().map_err(ParseError::Syntax)?;
            scanner.finish().map_err(ParseError::Syntax)?;
            return Err(ParseError::NotAnObject(kind, span));
        }
        let payload = Payload::scan(&mut scanner).map_err(ParseError::Syntax)?;
        scanner.finish().map_err(ParseError::Syntax)?;
        Ok(Document { src, payload })
    }

    /// The payload as a JSON value, key order kept.
    pub fn to_json(&self) -> serde_json::Value {
        self.payload.to_json(self.src)
    }
}

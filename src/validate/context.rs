//! The validator's working state and the checks every level shares: JSON
//! types, required members, unknown and duplicated keys.


use crate::diagnostics::code;
use crate::json::pointer::Path;
use crate::json::{Kind, Span};
use crate::model::{AuthPattern, Extra, Field, Member, Mutation, OAuthConfig, Payload, Scope, SelectOption};
use crate::suggest::did_you_mean;

use super::names::Names;
use super::{Mode, MAX_DIAGNOSTICS};

/// A diagnostic before its position is resolved.
pub struct Pending {
    pub code: &'static str,
    pub path: String,
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

pub struct Context<'a> {
    pub src: &'a str,
    pub mode: Mode,
    pending: Vec<Pending>,
    truncated: bool,
}

impl<'a> Context<'a> {
    pub fn new(src: &'a str, mode: Mode) -> Self {
        Context { src, mode, pending: Vec::new(), truncated: false }
    }

    pub fn into_pending(self) -> (Vec<Pending>, bool) {
        (self.pending, self.truncated)
    }

    pub fn push_raw(&mut self, code: &'static str, path: String, offset: usize, message: String, hint: Option<String>) {
        if self.pending.len() >= MAX_DIAGNOSTICS {
            self.truncated = true;
            return;
        }
        self.pending.push(Pending { code, path, offset, message, hint });
    }

    /// Whether the report is full. Call it just before reporting a problem
    /// whose message is costly to build (a did-you-mean, say): when it is
    /// full, skip the work — the report already says some were left out.
    pub fn full(&mut self) -> bool {
        let full = self.pending.len() >= MAX_DIAGNOSTICS;
        self.truncated |= full;
        full
    }

    /// Reports a problem with the value at `path`, found at `at`.
    pub fn push(&mut self, code: &'static str, path: &Path<'_>, at: Span, message: impl Into<String>, hint: Option<String>) {
        self.push_raw(code, path.to_string(), at.start as usize, message.into(), hint);
    }

    /// The member's typed value; reports it when it has the wrong JSON type.
    /// `null` reads as absent.
    pub fn get<'m, T>(&mut self, member: &'m Option<Member<T>>, path: &Path<'_>, expected: &str) -> Option<&'m T> {
        let member = member.as_ref()?;
        if member.node.is_wrong_type() {
            self.wrong_type(path, member.node.kind, member.node.span, expected, true);
        }
        member.ok()
    }

    /// Reports a value of the wrong JSON type. `show` quotes short scalar
    /// values in the message (never for credentials).
    pub fn wrong_type(&mut self, path: &Path<'_>, found: Kind, at: Span, expected: &str, show: bool) {
        let text = at.text(self.src);
        let what = match path.last_key() {
            Some(key) => format!("`{key}`"),
            None => "This element".to_string(),
        };
        let quoted = show && matches!(found, Kind::String | Kind::Number | Kind::Bool) && text.chars().count() <= 40;
        let found_text = if quoted { format!("{} ({text})", found.article()) } else { found.article().to_string() };
        let hint = match (expected, found) {
            (e, Kind::String) if e.contains("boolean") && matches!(text, "\"true\"" | "\"false\"") => {
                Some(format!("write {} without quotes", text.trim_matches('"')))
            }
            (e, Kind::Number | Kind::Bool) if e.contains("string") => Some("put the value in double quotes".to_string()),
            (e, Kind::Object) if e.starts_with("an array") => Some("wrap the object in [ ] to make a list of one".to_string()),
            _ => None,
        };
        self.push(code::WRONG_TYPE, path, at, format!("{what} must be {expected}, but it is {found_text}"), hint);
    }

    /// Reports a required member that is absent or `null`, at the position
    /// of its parent object. Returns whether it is present.
    pub fn require<T>(&mut self, member: &Option<Member<T>>, path: &Path<'_>, parent: Span, what: &str, hint: Option<String>) -> bool {
        let key = path.last_key().unwrap_or("");
        match member {
            Some(m) if m.node.kind != Kind::Null => true,
            Some(m) => {
                self.push(code::MISSING_MEMBER, path, m.node.span, format!("`{key}` is null, but {what} is required"), hint);
                false
            }
            None => {
                self.push(code::MISSING_MEMBER, path, parent, format!("`{key}` is missing: {what} is required"), hint);
                false
            }
        }
    }

    /// Reports unknown keys (with did-you-mean, or where the key belongs)
    /// and keys given twice.
    pub fn extras(&mut self, extras: &[Extra<'_>], path: &Path<'_>, known: &[&str], object: &str) {
        let mut unknown = Names::default();
        for extra in extras {
            // Every extra is reported, as a duplicate or an unknown key.
            if self.full() {
                return;
            }
            let member = path.key(&extra.key);
            // A known key's earlier copy says where it is repeated; an
            // unknown key is repeated when an earlier extra has its name.
            let repeated = extra.duplicate.is_none() && !unknown.insert(&extra.key);
            let repeat = extra.duplicate.or(repeated.then_some(extra.span));
            if let Some(repeat) = repeat {
                self.push(
                    code::DUPLICATE_KEY,
                    &member,
                    repeat,
                    format!("`{}` appears more than once in this object; parsers disagree on which value counts", extra.key),
                    Some("keep one of them".to_string()),
                );
                continue;
            }
            let hint = match did_you_mean(&extra.key, known.iter().copied()) {
                Some(near) => Some(format!("did you mean `{near}`?")),
                None => home_of(&extra.key, known).map(|home| format!("`{}` belongs in {home}", extra.key)),
            };
            self.push(
                code::UNKNOWN_KEY,
                &member,
                extra.span,
                format!("Unknown key `{}` in {object}; the server stores it but nothing uses it", extra.key),
                hint.or_else(|| Some(format!("known keys: {}", known.join(", ")))),
            );
        }
    }
}

/// Where a key that is unknown here is known, for "belongs in" hints.
fn home_of(key: &str, here: &[&str]) -> Option<&'static str> {
    let homes: [(&[&str], &str); 7] = [
        (Payload::KEYS, "the payload (top level)"),
        (AuthPattern::KEYS, "an auth pattern (`auth_patterns[0]`)"),
        (Field::KEYS, "a field (`fields[]` or `account_fields[]`)"),
        (OAuthConfig::KEYS, "`oauth_config`"),
        (Scope::KEYS, "a scope (`oauth_config.available_scopes[]`)"),
        (SelectOption::KEYS, "a select option (`options[]`)"),
        (Mutation::KEYS, "a mutation (`auth_field_mutations.<credential>`)"),
    ];
    homes.into_iter().find(|(keys, _)| *keys != here && keys.contains(&key)).map(|(_, home)| home)
}

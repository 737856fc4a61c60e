use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::json::{Kind, Scanner, Span, SyntaxError};

/// A string member, borrowed from the source unless it held escapes.
pub type Text<'a> = Cow<'a, str>;

/// A JSON array whose elements should be `T`.
pub type List<T> = Vec<Node<T>>;

/// A value in the document: its JSON kind, where it is, and the typed value
/// when the kind was the expected one (`None` for `null` or a wrong type).
#[derive(Debug)]
pub struct Node<T> {
    pub kind: Kind,
    pub span: Span,
    pub value: Option<T>,
}

impl<T> Node<T> {
    /// The typed value, if the JSON had the expected type.
    pub fn ok(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// True when the value is neither the expected type nor `null`.
    pub fn is_wrong_type(&self) -> bool {
        self.value.is_none() && self.kind != Kind::Null
    }
}

/// A known member of an object: where its key is, its position among the
/// object's members, and its value.
#[derive(Debug)]
pub struct Member<T> {
    pub key: Span,
    pub index: u32,
    pub node: Node<T>,
}

impl<T> Member<T> {
    pub fn ok(&self) -> Option<&T> {
        self.node.ok()
    }
}

/// A member the model has no slot for: an unknown key, or an earlier copy
/// of a known key that appears again (`duplicate`).
#[derive(Debug)]
pub struct Extra<'a> {
    pub key: Text<'a>,
    pub key_span: Span,
    pub index: u32,
    pub kind: Kind,
    pub span: Span,
    /// For an earlier copy of a known key: the value of the copy that
    /// repeats it (where a duplicate is reported, like the other repeats).
    pub duplicate: Option<Span>,
}

/// An object used as a map (`metadata`, `auth_field_mutations`): its
/// entries in document order, duplicates included.
#[derive(Debug, Default)]
pub struct Entries<'a, T> {
    pub entries: Vec<Entry<'a, T>>,
}

#[derive(Debug)]
pub struct Entry<'a, T> {
    pub key: Text<'a>,
    pub key_span: Span,
    pub node: Node<T>,
}

/// A type the model can read from the scanner and write back as JSON.
pub trait FromJson<'a>: Sized {
    /// The JSON kind this type is read from.
    const KIND: Kind;

    /// Reads one value of [`Self::KIND`] (the caller has checked the kind).
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError>;

    /// Writes the value back; `src` is the text it was parsed from.
    fn to_json(&self, src: &str) -> Value;
}

/// Reads the next value as a `Node<T>`: typed if it has `T`'s kind, kept as
/// kind and span otherwise.
#[inline(never)]
pub fn node<'a, T: FromJson<'a>>(s: &mut Scanner<'a>) -> Result<Node<T>, SyntaxError> {
    let kind = s.peek_kind()?;
    let start = s.offset();
    if kind == T::KIND {
        let value = T::scan(s)?;
        let span = Span { start: start as u32, end: s.offset() as u32 };
        Ok(Node { kind, span, value: Some(value) })
    } else {
        let (kind, span) = s.skip()?;
        Ok(Node { kind, span, value: None })
    }
}

impl<T> Node<T> {
    /// The value as JSON: typed values are written back, others re-read
    /// from their source text.
    pub fn to_json<'a>(&self, src: &str) -> Value
    where
        T: FromJson<'a>,
    {
        match &self.value {
            Some(value) => value.to_json(src),
            None => raw(src, self.span),
        }
    }
}

/// The JSON value a span of `src` holds (already checked by the scanner).
pub fn raw(src: &str, span: Span) -> Value {
    serde_json::from_str(span.text(src)).unwrap_or(Value::Null)
}

impl<'a> FromJson<'a> for Text<'a> {
    const KIND: Kind = Kind::String;
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
        Ok(s.string()?.0)
    }
    fn to_json(&self, _: &str) -> Value {
        Value::String(self.to_string())
    }
}

impl<'a> FromJson<'a> for bool {
    const KIND: Kind = Kind::Bool;
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
        Ok(s.boolean()?.0)
    }
    fn to_json(&self, _: &str) -> Value {
        Value::Bool(*self)
    }
}

impl<'a, T: FromJson<'a>> FromJson<'a> for List<T> {
    const KIND: Kind = Kind::Array;
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
        let mut items = Vec::new();
        s.array(&mut |s, _| {
            items.push(node(s)?);
            Ok(())
        })?;
        Ok(items)
    }
    fn to_json(&self, src: &str) -> Value {
        Value::Array(self.iter().map(|item| item.to_json(src)).collect())
    }
}

impl<'a, T: FromJson<'a>> FromJson<'a> for Entries<'a, T> {
    const KIND: Kind = Kind::Object;
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
        let mut entries = Vec::new();
        s.object(&mut |s, key, key_span| {
            entries.push(Entry { key, key_span, node: node(s)? });
            Ok(())
        })?;
        Ok(Entries { entries })
    }
    fn to_json(&self, src: &str) -> Value {
        let mut map = Map::new();
        for entry in &self.entries {
            map.insert(entry.key.to_string(), entry.node.to_json(src));
        }
        Value::Object(map)
    }
}

/// Stores a known member; if the key was already set, the earlier value
/// moves to `extras` (flagged `duplicate`) so nothing is lost.
#[inline(never)]
pub fn set<'a, T>(slot: &mut Option<Member<T>>, extras: &mut Vec<Extra<'a>>, key: Text<'a>, member: Member<T>) {
    let repeat = member.node.span;
    if let Some(old) = slot.replace(member) {
        extras.push(Extra { key, key_span: old.key, index: old.index, kind: old.node.kind, span: old.node.span, duplicate: Some(repeat) });
    }
}

/// Writes an object's members back in their original order.
pub fn write_object<'s>(src: &str, mut members: Vec<(u32, &'s str, Value)>, extras: &'s [Extra<'_>]) -> Value {
    for extra in extras {
        members.push((extra.index, &extra.key, raw(src, extra.span)));
    }
    members.sort_by_key(|(index, _, _)| *index);
    let mut map = Map::new();
    for (_, key, value) in members {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}

/// Declares a model object: one `Option<Member<_>>` per known key, plus the
/// extras, with its scanner and writer.
macro_rules! object {
    ($(#[$meta:meta])* $name:ident { $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $key:literal, )* }) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub struct $name<'a> {
            /// Where the object is in the source.
            pub span: Span,
            $( $(#[$fmeta])* pub $field: Option<Member<$ty>>, )*
            /// Unknown keys and earlier copies of duplicated keys.
            pub extras: Vec<Extra<'a>>,
        }

        impl<'a> $name<'a> {
            /// The keys this object knows, in documentation order.
            pub const KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl<'a> FromJson<'a> for $name<'a> {
            const KIND: Kind = Kind::Object;

            fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
                let mut out = Self::default();
                let mut index = 0u32;
                let span = s.object(&mut |s, key, key_span| {
                    match key.as_ref() {
                        $( $key => {
                            let member = Member { key: key_span, index, node: node(s)? };
                            set(&mut out.$field, &mut out.extras, key, member);
                        } )*
                        _ => {
                            let (kind, span) = s.skip()?;
                            out.extras.push(Extra { key, key_span, index, kind, span, duplicate: None });
                        }
                    }
                    index += 1;
                    Ok(())
                })?;
                out.span = span;
                Ok(out)
            }

            fn to_json(&self, src: &str) -> Value {
                let mut members: Vec<(u32, &str, Value)> = Vec::new();
                $( if let Some(m) = &self.$field { members.push((m.index, $key, m.node.to_json(src))); } )*
                write_object(src, members, &self.extras)
            }
        }
    };
}

pub(crate) use object;

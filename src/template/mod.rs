//! `{{placeholder}}` templates in `proxy_url`: parsing, placement and safe rendering.
//!
//! # Syntax
//!
//! - A placeholder is `{{` name `}}`. The name starts with an ASCII letter or `_` and continues
//!   with ASCII letters, digits, `_`, `-` or `.` (`domain`, `path_param_1`, `cloud_id`).
//! - Nothing else goes between the braces, not even spaces: the proxy substitutes the exact text,
//!   so `{{ domain }}` is an error (write `{{domain}}`).
//! - A lone `{` or `}` is ordinary text (whether the URL accepts it is the URL's business).
//! - Errors, reported for the first one found with its byte range in the template:
//!   an unclosed `{{`, an empty `{{}}`, a character not allowed in a name, nested or extra braces
//!   (`{{{x}}}`, `{{a{{b}}}}`, `{{x}}}`), and a `}}` that closes nothing.
//!
//! # Placement
//!
//! [`parse`] works out where each placeholder sits ([`Place`]) from the literal text around it:
//! `scheme://[userinfo@]host[:port]/path/segments?key=value&key=value#fragment`, the
//! placeholders being opaque. A placeholder can fill the whole host, part of a host
//! (`{{tenant}}.zendesk.com`), a path segment, or a query key or value; [`render`] refuses the
//! others (scheme, userinfo, port, fragment).
//!
//! # Rendering
//!
//! A value may fill its placeholder and nothing more: it can never change which host the URL
//! points at, nor its port, userinfo, number of path segments or query pairs.
//!
//! - A whole host takes a DNS host name (labels of ASCII letters, digits and `-`, no `-` at
//!   either end, at most 63 bytes each and 253 in all) or a dotted IPv4 address; a host label
//!   takes one such label. Anything else (`/`, `?`, `#`, `@`, `:`, `\`, `%`, whitespace,
//!   non-ASCII, an empty value) is refused, saying what it would have added.
//!   Only ASCII host names are accepted: write international names in punycode (`xn--…`).
//! - Path segments and query keys/values are percent-encoded: every byte outside
//!   `A-Z a-z 0-9 - . _ ~` becomes `%XX`. A path segment may not end up `.`, `..` or empty.
//! - The result is parsed again as a URL and compared with the template's structure.
//!
//! ```
//! use connector_kit::template;
//!
//! let url = template::render("https://{{domain}}/api/{{id}}", |name| match name {
//!     "domain" => Some("acme.freshdesk.com"),
//!     "id" => Some("a/b"),
//!     _ => None,
//! })
//! .unwrap();
//! assert_eq!(url, "https://acme.freshdesk.com/api/a%2Fb");
//!
//! let err = template::render("https://{{domain}}/api", |_| Some("evil.example/x?")).unwrap_err();
//! assert_eq!(err.kind.code(), "template-unsafe-value");
//! ```

use std::fmt;
use std::ops::Range;

mod parse;
mod render;

pub use parse::parse;
pub use render::{encode, join_path};

/// A parsed template: the source text cut into literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<'a> {
    source: &'a str,
    parts: Vec<Part<'a>>,
    /// For each placeholder, in order: the byte range of the URL component it sits in
    /// (the whole host, its path segment, its query key or value, …).
    scopes: Vec<Range<usize>>,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text copied as it is.
    Literal(&'a str),
    /// A `{{name}}` to fill.
    Placeholder(Placeholder<'a>),
}

/// One `{{name}}` occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// The name between the braces.
    pub name: &'a str,
    /// Byte range of `{{name}}` in the source.
    pub span: Range<usize>,
    /// Where in the URL it sits.
    pub place: Place,
}

/// Where a placeholder sits in the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Scheme,
    Userinfo,
    /// The placeholder is the whole host: `https://{{domain}}/api`.
    Host,
    /// The placeholder is part of the host: `https://{{tenant}}.zendesk.com`.
    HostLabel,
    Port,
    PathSegment,
    QueryKey,
    QueryValue,
    Fragment,
}

impl Place {
    /// A short English description: "the host", "a path segment", …
    pub fn describe(&self) -> &'static str {
        match self {
            Place::Scheme => "the scheme",
            Place::Userinfo => "the userinfo",
            Place::Host => "the host",
            Place::HostLabel => "a host label",
            Place::Port => "the port",
            Place::PathSegment => "a path segment",
            Place::QueryKey => "a query key",
            Place::QueryValue => "a query value",
            Place::Fragment => "the fragment",
        }
    }

    /// Whether [`Template::render`] accepts a placeholder here.
    pub fn is_fillable(&self) -> bool {
        matches!(
            self,
            Place::Host
                | Place::HostLabel
                | Place::PathSegment
                | Place::QueryKey
                | Place::QueryValue
        )
    }
}

impl<'a> Template<'a> {
    /// The template text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Literal text and placeholders, in order.
    pub fn parts(&self) -> &[Part<'a>] {
        &self.parts
    }

    /// Every placeholder occurrence, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder<'a>> {
        self.parts.iter().filter_map(|part| match part {
            Part::Placeholder(p) => Some(p),
            Part::Literal(_) => None,
        })
    }

    /// The source with each placeholder replaced by `with(placeholder)` as is
    /// (no checks, no encoding), or kept where that is `None`.
    pub fn substitute<'v>(&self, with: impl Fn(&Placeholder<'a>) -> Option<&'v str>) -> String {
        let mut out = String::with_capacity(self.source.len());
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Placeholder(p) => out.push_str(with(p).unwrap_or_else(|| self.source.get(p.span.clone()).unwrap_or_default())),
            }
        }
        out
    }

    /// A URL with a harmless value in each placeholder (`example.com` for a
    /// whole host, `x` elsewhere), to check the URL around them.
    pub fn sample(&self) -> String {
        self.substitute(|p| Some(if p.place == Place::Host { "example.com" } else { "x" }))
    }

    /// The distinct placeholder names, in order of first appearance.
    pub fn variables(&self) -> Vec<&'a str> {
        let mut names: Vec<&'a str> = Vec::new();
        let mut seen = crate::json::Lookup::default();
        for p in self.placeholders() {
            if seen.insert(p.name) {
                names.push(p.name);
            }
        }
        names
    }
}

/// The distinct placeholder names of `source`, in order of first appearance.
pub fn variables(source: &str) -> Result<Vec<&str>, TemplateError> {
    Ok(parse(source)?.variables())
}

/// Parses `source` and fills every placeholder with `value(name)`; see [`Template::render`].
pub fn render<'v>(
    source: &str,
    value: impl Fn(&str) -> Option<&'v str>,
) -> Result<String, TemplateError> {
    parse(source)?.render(value)
}

/// Why a template could not be parsed or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub kind: TemplateErrorKind,
    /// What is wrong, naming what was found.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// The placeholder name the error is about, if any.
    pub variable: Option<String>,
    /// Byte range in the template source the error is about, if any.
    pub span: Option<Range<usize>>,
}

/// The family of a [`TemplateError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateErrorKind {
    /// The `{{…}}` syntax is broken.
    Syntax,
    /// A placeholder sits where no value may go (scheme, userinfo, port, fragment).
    Placement,
    /// No value was given for a placeholder.
    MissingValue,
    /// A value would change the URL beyond its placeholder.
    UnsafeValue,
    /// The template or the rendered text is not a valid URL.
    InvalidUrl,
}

impl TemplateErrorKind {
    /// The stable diagnostic code, e.g. `template-syntax`.
    pub fn code(&self) -> &'static str {
        match self {
            TemplateErrorKind::Syntax => "template-syntax",
            TemplateErrorKind::Placement => "template-placement",
            TemplateErrorKind::MissingValue => "template-missing-value",
            TemplateErrorKind::UnsafeValue => "template-unsafe-value",
            TemplateErrorKind::InvalidUrl => "template-invalid-url",
        }
    }
}

impl TemplateError {
    fn new(kind: TemplateErrorKind, message: impl Into<String>) -> Self {
        TemplateError {
            kind,
            message: message.into(),
            hint: None,
            variable: None,
            span: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Names the placeholder `p` (variable and span).
    fn at(mut self, p: &Placeholder<'_>) -> Self {
        self.variable = Some(p.name.to_string());
        self.span = Some(p.span.clone());
        self
    }
}

/// Displays the message only; `hint` is kept separate for callers that show it apart.
impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TemplateError {}

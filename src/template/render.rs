//! Filling placeholders with values that cannot change the URL beyond their own place.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

use crate::quote::quoted;
use crate::web_url::{self, ParsedUrl};

use super::{Place, Placeholder, Template, TemplateError, TemplateErrorKind};

const FILLABLE: &str =
    "placeholders can fill the host, a host label, a path segment or a query key/value";

impl<'a> Template<'a> {
    /// Fills every placeholder with `value(name)` and returns the URL.
    ///
    /// Refuses placeholders outside the host, path and query, missing values, and values that
    /// would change the URL's structure (see the module documentation); path and query values
    /// are percent-encoded.
    pub fn render<'v>(
        &self,
        value: impl Fn(&str) -> Option<&'v str>,
    ) -> Result<String, TemplateError> {
        let placeholders: Vec<&Placeholder<'a>> = self.placeholders().collect();
        let mut raw: Vec<&'v str> = Vec::with_capacity(placeholders.len());
        for p in &placeholders {
            if !p.place.is_fillable() {
                return Err(TemplateError::new(
                    TemplateErrorKind::Placement,
                    format!(
                        "{{{{{}}}}} sits in {}; {FILLABLE}",
                        p.name,
                        p.place.describe()
                    ),
                )
                .hint(format!(
                    "move {{{{{}}}}} elsewhere, or write {} literally",
                    p.name,
                    p.place.describe()
                ))
                .at(p));
            }
            let v = value(p.name).ok_or_else(|| {
                TemplateError::new(
                    TemplateErrorKind::MissingValue,
                    format!("no value for {{{{{}}}}}", p.name),
                )
                .hint(format!("give a value for `{}`", p.name))
                .at(p)
            })?;
            let problem = match p.place {
                Place::Host => host_problem(v),
                Place::HostLabel => label_problem(v),
                _ => None,
            };
            if let Some(reason) = problem {
                return Err(unsafe_value(p, reason));
            }
            raw.push(v);
        }

        let filled: Vec<Cow<'v, str>> = placeholders
            .iter()
            .zip(&raw)
            .map(|(p, v)| match p.place {
                Place::PathSegment | Place::QueryKey | Place::QueryValue => encode(v),
                _ => Cow::Borrowed(*v),
            })
            .collect();
        let mut expected_host = None;
        let mut checked: Option<&Range<usize>> = None;
        for (p, scope) in placeholders.iter().zip(&self.scopes) {
            // Placeholders of one component share its scope: check it once.
            if checked == Some(scope) {
                continue;
            }
            checked = Some(scope);
            match p.place {
                Place::HostLabel | Place::Host => {
                    let host = self.fill(&placeholders, scope.clone(), &filled);
                    if let Some(reason) = host_problem(&host) {
                        return Err(unsafe_value(
                            p,
                            format!("would make the host {} invalid: it {reason}", quote(&host)),
                        ));
                    }
                    expected_host = Some(host);
                }
                Place::PathSegment => {
                    let segment = self.fill(&placeholders, scope.clone(), &filled);
                    if segment.is_empty() {
                        return Err(unsafe_value(
                            p,
                            "is empty, which would remove a path segment".into(),
                        )
                        .hint("give a non-empty value"));
                    }
                    if is_dot_segment(&segment) {
                        return Err(unsafe_value(
                            p,
                            format!(
                                "would make the path segment {}, a dot segment the URL resolves away",
                                quote(&segment)
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }

        let rendered = self.fill(&placeholders, 0..self.source.len(), &filled);
        let neutral = vec![Cow::Borrowed("x"); placeholders.len()];
        self.check_structure(
            &rendered,
            &self.fill(&placeholders, 0..self.source.len(), &neutral),
            expected_host,
            &placeholders,
        )?;
        Ok(rendered)
    }

    /// The source text in `range` with each placeholder inside it replaced by its value.
    /// `placeholders` are the template's, in source order, with their `values`.
    fn fill(
        &self,
        placeholders: &[&Placeholder<'a>],
        range: Range<usize>,
        values: &[Cow<'_, str>],
    ) -> String {
        let mut out = String::with_capacity(range.len());
        let mut at = range.start;
        // Start at the first placeholder in range (a scan from the start
        // would make rendering quadratic in the number of placeholders).
        let first = placeholders.partition_point(|p| p.span.start < range.start);
        let rest = placeholders.get(first..).unwrap_or_default();
        let rest = rest.iter().zip(values.get(first..).unwrap_or_default());
        for (p, v) in rest.take_while(|(p, _)| p.span.start < range.end) {
            if p.span.end <= range.end {
                out.push_str(self.source.get(at..p.span.start).unwrap_or_default());
                out.push_str(v);
                at = p.span.end;
            }
        }
        out.push_str(self.source.get(at..range.end).unwrap_or_default());
        out
    }

    /// Parses the rendered URL and compares it with `skeleton` (the template with a neutral
    /// value in each placeholder): a second line of defence behind the per-value checks.
    fn check_structure(
        &self,
        rendered: &str,
        skeleton: &str,
        expected_host: Option<String>,
        placeholders: &[&Placeholder<'a>],
    ) -> Result<(), TemplateError> {
        let first_in = |places: &[Place]| {
            placeholders
                .iter()
                .copied()
                .find(|p| places.contains(&p.place))
        };
        let skeleton = web_url::parse(skeleton).map_err(|e| {
            TemplateError::new(
                TemplateErrorKind::InvalidUrl,
                format!("the template is not a valid URL: {e}"),
            )
            .hint("proxy_url must be an absolute URL such as https://{{domain}}/api")
        })?;
        let url = web_url::parse(rendered).map_err(|e| {
            let err = TemplateError::new(
                TemplateErrorKind::InvalidUrl,
                format!("the rendered URL is not valid: {e}"),
            );
            match first_in(&[Place::Host, Place::HostLabel]) {
                Some(p) => err.at(p),
                None => err,
            }
        })?;

        let host_ok = match &expected_host {
            Some(host) => url.host.eq_ignore_ascii_case(host),
            None => url.host == skeleton.host,
        };
        let segments = ParsedUrl::path_segments;
        let checks: [(bool, &str, &[Place]); 7] = [
            (url.scheme == skeleton.scheme, "scheme", &[]),
            (
                url.username == skeleton.username && url.password == skeleton.password,
                "userinfo",
                &[],
            ),
            (host_ok, "host", &[Place::Host, Place::HostLabel]),
            (
                url.port == skeleton.port,
                "port",
                &[Place::Host, Place::HostLabel],
            ),
            (
                segments(&url) == segments(&skeleton),
                "path segments",
                &[Place::PathSegment],
            ),
            (
                url.query.is_some() == skeleton.query.is_some()
                    && url.query_pairs() == skeleton.query_pairs(),
                "query pairs",
                &[Place::QueryKey, Place::QueryValue],
            ),
            (
                url.fragment.is_some() == skeleton.fragment.is_some(),
                "fragment",
                &[],
            ),
        ];
        match checks.iter().find(|(ok, _, _)| !ok) {
            None => Ok(()),
            Some((_, what, places)) => Err(match first_in(places) {
                Some(p) => unsafe_value(p, format!("would change the URL's {what}")),
                None => TemplateError::new(
                    TemplateErrorKind::UnsafeValue,
                    format!(
                        "the rendered URL {} changes the {what} of the template",
                        quote(rendered)
                    ),
                ),
            }),
        }
    }
}

fn unsafe_value(p: &Placeholder<'_>, reason: String) -> TemplateError {
    TemplateError::new(
        TemplateErrorKind::UnsafeValue,
        format!("value for {{{{{}}}}} {reason}", p.name),
    )
    .at(p)
}

/// `s` in double quotes, escaped, shortened to 40 characters.
fn quote(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", quoted(s.get(..cut).unwrap_or_default())),
        None => quoted(s),
    }
}

/// Percent-encodes every byte outside RFC 3986 unreserved characters.
/// Percent-encodes every byte outside RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - . _ ~`): safe in a path segment and a query alike.
pub fn encode(v: &str) -> Cow<'_, str> {
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if v.bytes().all(unreserved) {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len() * 3);
    for b in v.bytes() {
        if unreserved(b) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    Cow::Owned(out)
}

/// Whether the WHATWG parser would read `segment` as `.` or `..` (it decodes `%2e`).
fn is_dot_segment(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase().replace("%2e", ".");
    s == "." || s == ".."
}

/// Why `c`, found at byte `at` of `v`, cannot be in a host; `None` if it can.
fn char_problem(v: &str, at: usize, c: char, dots: bool) -> Option<String> {
    let rest = v.get(at..).unwrap_or_default();
    let reason = match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => return None,
        '.' if dots => return None,
        '.' => "would add a host label ('.' separates labels)".into(),
        '/' | '\\' => format!("would add a path ({})", quote(rest)),
        '?' => format!("would add a query ({})", quote(rest)),
        '#' => format!("would add a fragment ({})", quote(rest)),
        '@' => format!(
            "would add userinfo ({})",
            quote(v.get(..=at).unwrap_or_default())
        ),
        ':' => format!("would add a port ({})", quote(rest)),
        '[' | ']' if dots => {
            "is an IPv6 literal; only host names and IPv4 addresses are accepted".into()
        }
        '%' => "contains '%'; percent-encoded host names are not accepted".into(),
        c if c.is_whitespace() || c.is_control() => {
            format!(
                "contains whitespace or a control character (U+{:04X})",
                c as u32
            )
        }
        c if !c.is_ascii() => format!(
            "contains the non-ASCII character '{c}'; only ASCII host names are supported, \
             write the name in its punycode form (xn--…)"
        ),
        c => format!(
            "contains '{c}', which is not allowed in a host name (letters, digits, '-' and '.')"
        ),
    };
    Some(reason)
}

/// Why `label` is not a DNS label, assuming its characters are fine.
fn dns_label_problem(label: &str) -> Option<String> {
    if label.is_empty() {
        Some("has an empty label (a leading, trailing or doubled '.')".into())
    } else if label.len() > 63 {
        Some(format!(
            "has a label of {} bytes; the limit is 63",
            label.len()
        ))
    } else if label.starts_with('-') || label.ends_with('-') {
        Some(format!(
            "has the label {}, which starts or ends with '-'",
            quote(label)
        ))
    } else {
        None
    }
}

/// Why `v` cannot be a whole host; `None` for a DNS host name or a dotted IPv4 address.
fn host_problem(v: &str) -> Option<String> {
    if v.is_empty() {
        return Some("is empty; a host name is required".into());
    }
    if let Some(reason) = v
        .char_indices()
        .find_map(|(at, c)| char_problem(v, at, c, true))
    {
        return Some(reason);
    }
    if v.len() > 253 {
        return Some(format!(
            "is {} bytes long; a host name has at most 253",
            v.len()
        ));
    }
    if let Some(reason) = v.split('.').find_map(dns_label_problem) {
        return Some(reason);
    }
    // A host whose last label is a number is read as an IPv4 address (`1.2` is 1.0.0.2).
    let last = v.rsplit('.').next().unwrap_or_default();
    let hex = last.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"));
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || hex;
    if numeric && v.parse::<std::net::Ipv4Addr>().is_err() {
        return Some("ends in a number but is not a dotted IPv4 address (a.b.c.d)".into());
    }
    None
}

/// Why `v` cannot be a single host label.
fn label_problem(v: &str) -> Option<String> {
    if v.is_empty() {
        return Some("is empty; a host label is required".into());
    }
    v.char_indices()
        .find_map(|(at, c)| char_problem(v, at, c, false))
        .or_else(|| dns_label_problem(v))
}

/// Appends a request `path` to a rendered `base` URL with exactly one `/` between them,
/// keeping the base's query (the path's own query is appended after it) and fragment.
///
/// `join_path("https://acme.freshdesk.com/api", "/v2/tickets")` is
/// `https://acme.freshdesk.com/api/v2/tickets`.
pub fn join_path(base: &str, path: &str) -> String {
    fn split(s: &str) -> (&str, Option<&str>, Option<&str>) {
        let (rest, fragment) = match s.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (s, None),
        };
        match rest.split_once('?') {
            Some((p, q)) => (p, Some(q), fragment),
            None => (rest, None, fragment),
        }
    }
    let (base_path, base_query, base_fragment) = split(base);
    let (path, path_query, path_fragment) = split(path);
    let mut out = String::from(base_path);
    if !path.is_empty() {
        match (out.ends_with('/'), path.strip_prefix('/')) {
            (true, Some(p)) => out.push_str(p),
            (false, None) => {
                out.push('/');
                out.push_str(path);
            }
            _ => out.push_str(path),
        }
    }
    let queries: Vec<&str> = [base_query, path_query]
        .into_iter()
        .flatten()
        .filter(|q| !q.is_empty())
        .collect();
    if !queries.is_empty() {
        out.push('?');
        out.push_str(&queries.join("&"));
    }
    if let Some(f) = path_fragment.or(base_fragment) {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_outside_unreserved() {
        assert_eq!(encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(encode("a/b c&d=e+f#%"), "a%2Fb%20c%26d%3De%2Bf%23%25");
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn dot_segments() {
        for s in [".", "..", "%2e", "%2E.", ".%2e"] {
            assert!(is_dot_segment(s), "{s}");
        }
        for s in ["...", "a.", "%252e"] {
            assert!(!is_dot_segment(s), "{s}");
        }
    }

    #[test]
    fn hosts() {
        for ok in [
            "acme.freshdesk.com",
            "a",
            "xn--mnchen-3ya.de",
            "10.0.0.1",
            "A-1.B",
        ] {
            assert_eq!(host_problem(ok), None, "{ok}");
        }
        for bad in [
            "", "a..b", "a.", "-a.com", "1.2", "a.0x1f", "a_b", "[::1]", "ü.de",
        ] {
            assert!(host_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label_problem("acme-1"), None);
        assert!(label_problem("a.b").unwrap().contains("host label"));
        assert!(label_problem(&"a".repeat(64)).unwrap().contains("63"));
    }

    #[test]
    fn quote_shortens() {
        assert_eq!(quote("a\tb"), "\"a\\tb\"");
        assert_eq!(quote(&"é".repeat(50)), format!("\"{}\"…", "é".repeat(40)));
    }
}

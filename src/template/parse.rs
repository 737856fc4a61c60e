//! Cutting a template into literals and placeholders, then classifying each placeholder's place.

use std::ops::Range;

use super::{Part, Place, Placeholder, Template, TemplateError, TemplateErrorKind};

const NAME_RULE: &str =
    "a name starts with a letter or '_' and continues with letters, digits, '_', '-' or '.'";

/// Parses `source`, reporting the first syntax error. Placement is classified, not judged.
pub fn parse(source: &str) -> Result<Template<'_>, TemplateError> {
    if !source.bytes().any(|b| b == b'{' || b == b'}') {
        // Most URLs hold no placeholder: at most one literal, nothing to classify.
        let parts = if source.is_empty() { Vec::new() } else { vec![Part::Literal(source)] };
        return Ok(Template { source, parts, scopes: Vec::new() });
    }
    let mut parts = split(source)?;
    let places = classify(&parts);
    let mut scopes = Vec::with_capacity(places.len());
    let placeholders = parts.iter_mut().filter_map(|part| match part {
        Part::Placeholder(p) => Some(p),
        Part::Literal(_) => None,
    });
    for (p, (place, scope)) in placeholders.zip(places) {
        p.place = place;
        scopes.push(scope);
    }
    Ok(Template {
        source,
        parts,
        scopes,
    })
}

fn syntax(message: String, span: Range<usize>) -> TemplateError {
    TemplateError::new(TemplateErrorKind::Syntax, message).span(span)
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

pub(super) fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(|&c| is_name_start(c)) && b.iter().all(|&c| is_name_char(c))
}

/// How many times the byte at `at` repeats from there on.
fn run(b: &[u8], at: usize) -> usize {
    match b.get(at) {
        Some(&c) => b
            .get(at..)
            .map_or(0, |rest| rest.iter().take_while(|&&x| x == c).count()),
        None => 0,
    }
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

fn split(src: &str) -> Result<Vec<Part<'_>>, TemplateError> {
    let b = src.as_bytes();
    let mut parts = Vec::new();
    let mut literal_start = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let n = run(b, i);
        if c == b'}' && n >= 2 {
            return Err(syntax(
                format!("`{}` closes no placeholder", "}".repeat(n)),
                i..i + n,
            )
            .hint("remove it, or open the placeholder with `{{`"));
        }
        if c != b'{' || n < 2 {
            i += n.max(1);
            continue;
        }
        if n > 2 {
            // `{{{x}}}`: cover the braces up to the matching close, when there is one.
            let end = find(b, i + n, b"}}").map_or(i + n, |k| k + run(b, k));
            return Err(nested(src, i..end));
        }
        let placeholder = placeholder_at(src, i)?;
        if let Some(text) = src.get(literal_start..i).filter(|t| !t.is_empty()) {
            parts.push(Part::Literal(text));
        }
        i = placeholder.span.end;
        literal_start = i;
        parts.push(Part::Placeholder(placeholder));
    }
    if let Some(text) = src.get(literal_start..).filter(|t| !t.is_empty()) {
        parts.push(Part::Literal(text));
    }
    Ok(parts)
}

fn nested(src: &str, span: Range<usize>) -> TemplateError {
    let text = src.get(span.clone()).unwrap_or_default();
    syntax(
        format!("`{text}`: placeholders cannot be nested or have extra braces"),
        span,
    )
    .hint("a placeholder is exactly `{{name}}`, two braces on each side")
}

/// Reads the placeholder whose `{{` starts at `start` (exactly two braces there).
fn placeholder_at(src: &str, start: usize) -> Result<Placeholder<'_>, TemplateError> {
    let b = src.as_bytes();
    let name_start = start + 2;
    let name_end = name_start
        + b.get(name_start..).map_or(0, |rest| {
            rest.iter().take_while(|&&c| is_name_char(c)).count()
        });
    let name = src.get(name_start..name_end).unwrap_or_default();

    if b.get(name_end..)
        .is_some_and(|rest| rest.starts_with(b"}}"))
    {
        let span = start..name_end + 2;
        let closing = run(b, name_end);
        if closing > 2 {
            return Err(nested(src, start..name_end + closing));
        }
        if name.is_empty() {
            return Err(syntax("`{{}}` has no name".into(), span)
                .hint("write the field name between the braces, e.g. {{domain}}"));
        }
        if !is_name(name) {
            return Err(syntax(
                format!("placeholder name `{name}` must start with a letter or '_'"),
                span,
            )
            .hint(NAME_RULE));
        }
        return Ok(Placeholder {
            name,
            span,
            place: Place::Scheme, // set by `classify`
        });
    }

    // Something other than a name character follows: decide which error it is.
    let close = find(b, name_end, b"}}");
    let open = find(b, name_end, b"{{");
    let opened = src.get(start..name_end).unwrap_or_default();
    let Some(close) = close.filter(|&k| open.is_none_or(|o| o >= k || o == name_end)) else {
        let hint = if name.is_empty() {
            "write a placeholder as {{name}}".to_string()
        } else {
            format!("close it with `}}}}`: {opened}}}}}")
        };
        return Err(syntax(format!("`{opened}` is never closed"), start..name_end).hint(hint));
    };
    if open == Some(name_end) {
        return Err(nested(src, start..close + run(b, close)));
    }
    let span = start..close + 2;
    let inner = src.get(name_start..close).unwrap_or_default();
    let bad = src
        .get(name_end..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(' ');
    let hint = if is_name(inner.trim()) {
        format!(
            "write {{{{{}}}}}: the proxy substitutes the exact text",
            inner.trim()
        )
    } else {
        NAME_RULE.to_string()
    };
    Err(syntax(
        format!("`{{{{{inner}}}}}` has {} in its name", describe_char(bad)),
        span,
    )
    .hint(hint))
}

/// A char of literal text (with its byte offset) or a placeholder (by index), in source order.
#[derive(Clone)]
enum Tok {
    Char(usize, char),
    Hole(usize, Range<usize>),
}

impl Tok {
    fn is(&self, set: &[char]) -> bool {
        matches!(self, Tok::Char(_, c) if set.contains(c))
    }
}

/// Byte range covered by `toks` (empty range when there are none).
fn range_of(toks: &[Tok]) -> Range<usize> {
    let start = match toks.first() {
        Some(Tok::Char(at, _)) => *at,
        Some(Tok::Hole(_, span)) => span.start,
        None => 0,
    };
    let end = match toks.last() {
        Some(Tok::Char(at, c)) => at + c.len_utf8(),
        Some(Tok::Hole(_, span)) => span.end,
        None => start,
    };
    start..end
}

/// Splits at the first token in `set`: (before, from that token on).
fn cut<'t>(toks: &'t [Tok], set: &[char]) -> (&'t [Tok], &'t [Tok]) {
    let at = toks.iter().position(|t| t.is(set)).unwrap_or(toks.len());
    toks.split_at_checked(at).unwrap_or((toks, &[]))
}

/// Drops the first token (the delimiter `cut` stopped at).
fn after_first(toks: &[Tok]) -> &[Tok] {
    toks.get(1..).unwrap_or_default()
}

/// Where each placeholder sits, with the byte range of its URL component, in placeholder order.
fn classify(parts: &[Part<'_>]) -> Vec<(Place, Range<usize>)> {
    let mut toks = Vec::new();
    let mut holes = 0;
    let mut at = 0;
    for part in parts {
        match part {
            Part::Literal(text) => {
                toks.extend(text.char_indices().map(|(i, c)| Tok::Char(at + i, c)));
                at += text.len();
            }
            Part::Placeholder(p) => {
                toks.push(Tok::Hole(holes, p.span.clone()));
                holes += 1;
                at = p.span.end;
            }
        }
    }
    let mut places = vec![(Place::Scheme, 0..0); holes];
    let mut mark = |toks: &[Tok], place: Place| {
        for t in toks {
            if let Tok::Hole(i, _) = t {
                if let Some(slot) = places.get_mut(*i) {
                    *slot = (place, range_of(toks));
                }
            }
        }
    };

    let (scheme, rest) = cut(&toks, &[':']);
    mark(scheme, Place::Scheme);
    let mut rest = after_first(rest);
    let slashes = rest
        .get(..2)
        .is_some_and(|s| s.iter().all(|t| t.is(&['/', '\\'])));
    if slashes {
        // `\` counts as `/` here, as it does for http(s) in the WHATWG parser.
        let (authority, after) = cut(rest.get(2..).unwrap_or_default(), &['/', '\\', '?', '#']);
        rest = after;
        let at_sign = authority.iter().rposition(|t| t.is(&['@']));
        let (userinfo, host_port) = match at_sign {
            Some(i) => (
                authority.get(..i).unwrap_or_default(),
                authority.get(i + 1..).unwrap_or_default(),
            ),
            None => (&[][..], authority),
        };
        mark(userinfo, Place::Userinfo);
        // An IPv6 literal holds colons of its own: the port colon comes after `]`.
        let host_end = if host_port.first().is_some_and(|t| t.is(&['['])) {
            host_port.iter().position(|t| t.is(&[']'])).unwrap_or(0)
        } else {
            0
        };
        let colon = host_port
            .iter()
            .skip(host_end)
            .position(|t| t.is(&[':']))
            .map_or(host_port.len(), |i| i + host_end);
        let (host, port) = host_port
            .split_at_checked(colon)
            .unwrap_or((host_port, &[]));
        let whole = matches!(host, [Tok::Hole(..)]);
        mark(host, if whole { Place::Host } else { Place::HostLabel });
        mark(after_first(port), Place::Port);
    }
    let (path, rest) = cut(rest, &['?', '#']);
    for segment in path.split(|t| t.is(&['/', '\\'])) {
        mark(segment, Place::PathSegment);
    }
    let (query, fragment) = if rest.first().is_some_and(|t| t.is(&['?'])) {
        cut(after_first(rest), &['#'])
    } else {
        (&[][..], rest)
    };
    for pair in query.split(|t| t.is(&['&'])) {
        let (key, value) = cut(pair, &['=']);
        mark(key, Place::QueryKey);
        mark(after_first(value), Place::QueryValue);
    }
    mark(after_first(fragment), Place::Fragment);
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(src: &str) -> Vec<(&str, Place)> {
        parse(src)
            .unwrap()
            .placeholders()
            .map(|p| (p.name, p.place))
            .collect()
    }

    fn error(src: &str) -> (String, Range<usize>) {
        let e = parse(src).unwrap_err();
        assert_eq!(e.kind, TemplateErrorKind::Syntax);
        (e.message, e.span.unwrap())
    }

    #[test]
    fn splits_literals_and_placeholders() {
        let t = parse("https://{{domain}}/api/{{v}}").unwrap();
        assert_eq!(t.parts().len(), 4);
        assert_eq!(t.parts()[0], Part::Literal("https://"));
        assert_eq!(
            t.parts()[3],
            Part::Placeholder(Placeholder {
                name: "v",
                span: 23..28,
                place: Place::PathSegment
            })
        );
        assert_eq!(parse("").unwrap().parts(), &[]);
        assert_eq!(parse("{{a}}").unwrap().parts().len(), 1);
    }

    #[test]
    fn lone_braces_are_literal() {
        let t = parse("https://x.com/{a}/b}/{").unwrap();
        assert_eq!(t.parts(), &[Part::Literal("https://x.com/{a}/b}/{")]);
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(
            error("https://{{domain/api"),
            ("`{{domain` is never closed".into(), 8..16)
        );
        assert_eq!(
            error("https://{{a/{{b}}"),
            ("`{{a` is never closed".into(), 8..11)
        );
        assert_eq!(error("x{{}}"), ("`{{}}` has no name".into(), 1..5));
        assert_eq!(
            error("{{ domain }}"),
            ("`{{ domain }}` has a space in its name".into(), 0..12)
        );
        assert_eq!(
            error("{{1x}}"),
            (
                "placeholder name `1x` must start with a letter or '_'".into(),
                0..6
            )
        );
        assert_eq!(error("/{{{x}}}").1, 1..8);
        assert_eq!(error("{{a{{b}}}}").1, 0..10);
        assert_eq!(error("{{x}}}").1, 0..6);
        assert_eq!(error("/a}}b").1, 2..4);
        assert_eq!(error("{{é}}").0, "`{{é}}` has 'é' in its name");
    }

    #[test]
    fn space_hint_suggests_exact_text() {
        let e = parse("{{ domain }}").unwrap_err();
        assert!(e.hint.unwrap().starts_with("write {{domain}}"));
    }

    #[test]
    fn classifies_places() {
        use Place::*;
        assert_eq!(places("https://{{domain}}/api"), [("domain", Host)]);
        assert_eq!(
            places("https://{{tenant}}.zendesk.com"),
            [("tenant", HostLabel)]
        );
        assert_eq!(
            places("https://{{a}}{{b}}.com"),
            [("a", HostLabel), ("b", HostLabel)]
        );
        assert_eq!(places("https://{{d}}:{{p}}/x"), [("d", Host), ("p", Port)]);
        assert_eq!(places("{{s}}://x.com"), [("s", Scheme)]);
        assert_eq!(
            places("https://{{u}}:{{pw}}@x.com"),
            [("u", Userinfo), ("pw", Userinfo)]
        );
        assert_eq!(places("https://[::1]:{{p}}"), [("p", Port)]);
        assert_eq!(places("https://x.com/a/{{v}}/b"), [("v", PathSegment)]);
        assert_eq!(places("https://x.com\\{{v}}"), [("v", PathSegment)]);
        assert_eq!(
            places("https://x.com/?{{k}}={{v}}&b&{{k2}}#{{f}}"),
            [
                ("k", QueryKey),
                ("v", QueryValue),
                ("k2", QueryKey),
                ("f", Fragment)
            ]
        );
        assert_eq!(places("https://x.com?a=b={{v}}"), [("v", QueryValue)]);
        assert_eq!(places("{{base}}/api"), [("base", Scheme)]);
    }

    #[test]
    fn scopes_cover_the_component() {
        let t = parse("https://{{t}}.z.com/a{{x}}b/c?k={{v}}").unwrap();
        let scoped: Vec<&str> = t.scopes.iter().map(|r| &t.source()[r.clone()]).collect();
        assert_eq!(scoped, ["{{t}}.z.com", "a{{x}}b", "{{v}}"]);
    }
}

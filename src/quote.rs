//! Showing user text inside messages, escaped so that control characters
//! and quotes cannot garble them. (Rust's `{:?}` would do, but it carries
//! Unicode printability tables into the WebAssembly module.)

/// `s` in double quotes: `"` and `\` escaped, control characters as `\u{…}`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => push_visible(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// One character in backticks, a control character as `\u{…}`.
pub fn ticked(c: char) -> String {
    let mut out = String::from("`");
    push_visible(&mut out, c);
    out.push('`');
    out
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
            out.extend(c.escape_unicode());
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(quoted("a\"b\\c\nd\u{0}é"), r#""a\"b\\c\nd\u{0}é""#);
        assert_eq!(ticked('\u{7}'), "`\\u{7}`");
        assert_eq!(ticked('-'), "`-`");
        assert_eq!(ticked('\u{202e}'), "`\u{202e}`");
    }
}

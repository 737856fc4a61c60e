use std::borrow::Cow;

/// Nesting deeper than this is refused, like `serde_json`'s recursion limit:
/// connectors are shallow, and a bound keeps time and stack use predictable.
pub const MAX_DEPTH: u32 = 128;

/// How many bytes of `bytes` are plain string content: up to the first `"`,
/// `\\` or control byte. Eight bytes at a time (SWAR), since strings are
/// most of a payload.
#[inline(always)]
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A high bit in each byte of `x` that is zero (exact for the first such byte).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut done = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let stop = zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if stop != 0 {
            return done + (stop.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    let rest = bytes.get(done..).unwrap_or_default();
    done + rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len())
}

/// A byte range `start..end` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        Span { start: clamp(start), end: clamp(end) }
    }

    /// The text this span covers (empty if it lies outside `src`).
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

fn clamp(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The JSON type of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// "a string", "an object", … for messages.
    pub fn article(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Invalid JSON: where (byte offset of the offending token) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    pub hint: Option<&'static str>,
}

type Result<T> = std::result::Result<T, SyntaxError>;

/// A cursor over JSON text. Each method consumes one value (after skipping
/// whitespace) and fails with the position of the first offending byte.
pub struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a str) -> Self {
        Scanner { src, bytes: src.as_bytes(), pos: 0, depth: 0 }
    }

    pub fn source(&self) -> &'a str {
        self.src
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    #[inline(always)]
    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn error<T>(&self, offset: usize, message: impl Into<String>, hint: Option<&'static str>) -> Result<T> {
        Err(SyntaxError { offset, message: message.into(), hint })
    }

    fn eof<T>(&self, what: &str) -> Result<T> {
        self.error(self.bytes.len(), format!("The text ends while {what}"), Some("the JSON is cut off: close every string, array and object"))
    }

    /// The kind of the next value, without consuming it.
    pub fn peek_kind(&mut self) -> Result<Kind> {
        self.skip_ws();
        match self.peek_byte() {
            None => self.eof("a value is expected"),
            Some(b'n') => Ok(Kind::Null),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b'"') => Ok(Kind::String),
            Some(b'[') => Ok(Kind::Array),
            Some(b'{') => Ok(Kind::Object),
            Some(_) => self.unexpected("a value"),
        }
    }

    /// Reports the character at the cursor as unexpected.
    fn unexpected<T>(&self, expected: &str) -> Result<T> {
        let rest = self.src.get(self.pos..).unwrap_or("");
        let found = match rest.chars().next() {
            None => return self.eof(&format!("{expected} is expected")),
            Some('\u{feff}') if self.pos == 0 => {
                return self.error(0, "The text starts with a byte order mark (U+FEFF)", Some("save the file as UTF-8 without a BOM"));
            }
            Some('\'') => return self.error(self.pos, format!("Expected {expected}, found a single quote"), Some("JSON strings and keys use double quotes")),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let word: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').take(20).collect();
                format!("`{word}`")
            }
            Some(c) => crate::quote::ticked(c),
        };
        let hint = match found.as_str() {
            "`True`" | "`False`" | "`TRUE`" | "`FALSE`" => Some("JSON booleans are lowercase: true, false"),
            "`None`" | "`NULL`" | "`Null`" | "`undefined`" | "`nil`" => Some("JSON has only null"),
            "`/`" => Some("JSON has no comments"),
            _ => None,
        };
        self.error(self.pos, format!("Expected {expected}, found {found}"), hint)
    }

    fn literal(&mut self, word: &'static str) -> Result<()> {
        let start = self.pos;
        for expected in word.bytes() {
            match self.peek_byte() {
                Some(b) if b == expected => self.pos += 1,
                Some(_) => {
                    // Name the whole word (`nil`, `tru`) but point at the
                    // first byte that differs, as serde_json and V8 do.
                    let at = self.pos;
                    self.pos = start;
                    return self.unexpected("a value").map_err(|error| SyntaxError { offset: at, ..error });
                }
                None => return self.eof(&format!("reading `{word}`")),
            }
        }
        Ok(())
    }

    /// Consumes `null`.
    pub fn null(&mut self) -> Result<Span> {
        self.skip_ws();
        let start = self.pos;
        self.literal("null")?;
        Ok(Span::new(start, self.pos))
    }

    /// Consumes `true` or `false`.
    pub fn boolean(&mut self) -> Result<(bool, Span)> {
        self.skip_ws();
        let start = self.pos;
        let value = self.peek_byte() == Some(b't');
        self.literal(if value { "true" } else { "false" })?;
        Ok((value, Span::new(start, self.pos)))
    }

    /// Consumes a number and returns its text.
    pub fn number(&mut self) -> Result<(&'a str, Span)> {
        self.skip_ws();
        let start = self.pos;
        if self.peek_byte() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek_byte() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek_byte() {
                    return self.error(self.pos, "A number cannot have leading zeros", Some("write 7 rather than 07, or quote it as a string"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return self.error(self.pos, "Expected a digit after `-`", None),
            None => return self.eof("reading a number"),
        }
        if self.peek_byte() == Some(b'.') {
            self.pos += 1;
            self.require_digit("after the decimal point")?;
        }
        if let Some(b'e' | b'E') = self.peek_byte() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek_byte() {
                self.pos += 1;
            }
            self.require_digit("in the exponent")?;
        }
        let span = Span::new(start, self.pos);
        Ok((span.text(self.src), span))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek_byte() {
            self.pos += 1;
        }
    }

    fn require_digit(&mut self, place: &str) -> Result<()> {
        match self.peek_byte() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            Some(_) => self.error(self.pos, format!("Expected a digit {place}"), None),
            None => self.eof("reading a number"),
        }
    }

    /// Consumes a string; borrows it when it holds no escapes.
    pub fn string(&mut self) -> Result<(Cow<'a, str>, Span)> {
        self.skip_ws();
        let start = self.pos;
        if self.peek_byte() != Some(b'"') {
            return self.unexpected("a string");
        }
        self.pos += 1;
        let body = self.pos;
        let mut owned: Option<String> = None;
        let mut chunk = body;
        loop {
            match self.peek_byte() {
                None => return self.eof("reading a string"),
                Some(b'"') => {
                    let tail = self.src.get(chunk..self.pos).unwrap_or("");
                    self.pos += 1;
                    let span = Span::new(start, self.pos);
                    return Ok(match owned {
                        Some(mut s) => {
                            s.push_str(tail);
                            (Cow::Owned(s), span)
                        }
                        None => (Cow::Borrowed(tail), span),
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.src.get(chunk..self.pos).unwrap_or(""));
                    self.escape(s)?;
                    chunk = self.pos;
                }
                Some(0..=0x1f) => {
                    return self.error(self.pos, "A string holds a raw control character (a line break or tab?)", Some("write it escaped, as \\n or \\t, or close the string with \""));
                }
                Some(_) => self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default()),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let at = self.pos;
        self.pos += 1; // the backslash
        let c = match self.peek_byte() {
            None => return self.eof("reading a string"),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return self.error(at, "A \\u escape holds a lone leading surrogate", Some("a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF escape"));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return self.error(at, "A \\u escape holds a lone leading surrogate", Some("a \\uD800–\\uDBFF escape must be followed by a \\uDC00–\\uDFFF escape"));
                        }
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    }
                    0xDC00..=0xDFFF => None,
                    _ => char::from_u32(unit),
                };
                match c {
                    Some(c) => {
                        out.push(c);
                        return Ok(());
                    }
                    None => return self.error(at, "A \\u escape holds a lone trailing surrogate", None),
                }
            }
            Some(_) => return self.error(self.pos, "Invalid escape in a string", Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut unit = 0u32;
        for _ in 0..4 {
            let digit = match self.peek_byte() {
                None => return self.eof("reading a \\u escape"),
                Some(b) => (b as char).to_digit(16),
            };
            match digit {
                Some(d) => unit = unit * 16 + d,
                None => return self.error(self.pos, "Invalid \\u escape: expected four hex digits", None),
            }
            self.pos += 1;
        }
        Ok(unit)
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return self.error(self.pos, format!("Nesting is deeper than {} levels", MAX_DEPTH - 1), Some("a connector payload is only a few levels deep; check for runaway brackets"));
        }
        Ok(())
    }

    /// Consumes an object, calling `member` once per key with the scanner
    /// positioned on the member's value; `member` must consume that value.
    pub fn object(&mut self, member: &mut dyn FnMut(&mut Self, Cow<'a, str>, Span) -> Result<()>) -> Result<Span> {
        self.skip_ws();
        let start = self.pos;
        if self.peek_byte() != Some(b'{') {
            return self.unexpected("an object");
        }
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek_byte() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Span::new(start, self.pos));
        }
        loop {
            self.skip_ws();
            match self.peek_byte() {
                Some(b'"') => {}
                Some(b'}') => return self.error(self.pos, "Trailing comma before `}`", Some("remove the comma after the last member")),
                None => return self.eof("reading an object"),
                Some(_) => return self.unexpected_key(),
            }
            let (key, key_span) = self.string()?;
            self.skip_ws();
            match self.peek_byte() {
                Some(b':') => self.pos += 1,
                None => return self.eof("reading an object"),
                Some(_) => return self.error(self.pos, "Expected `:` after the key", Some("write \"key\": value")),
            }
            member(self, key, key_span)?;
            self.skip_ws();
            match self.peek_byte() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Span::new(start, self.pos));
                }
                None => return self.eof("reading an object"),
                Some(_) => return self.error(self.pos, "Expected `,` or `}` after an object member", Some("a comma may be missing between two members")),
            }
        }
    }

    fn unexpected_key<T>(&self) -> Result<T> {
        match self.peek_byte() {
            Some(b'\'') => self.error(self.pos, "Expected a key in double quotes, found a single quote", Some("JSON keys use double quotes")),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'_') => self.error(self.pos, "Expected a key in double quotes", Some("JSON keys are quoted: write \"key\": value")),
            _ => self.error(self.pos, "Expected a key in double quotes", None),
        }
    }

    /// Consumes an array, calling `item` for each element with the scanner
    /// positioned on it; `item` must consume the element.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Self, usize) -> Result<()>) -> Result<Span> {
        self.skip_ws();
        let start = self.pos;
        if self.peek_byte() != Some(b'[') {
            return self.unexpected("an array");
        }
        self.enter()?;
        self.pos += 1;
        self.skip_ws();
        if self.peek_byte() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Span::new(start, self.pos));
        }
        let mut index = 0;
        loop {
            self.skip_ws();
            if self.peek_byte() == Some(b']') {
                return self.error(self.pos, "Trailing comma before `]`", Some("remove the comma after the last element"));
            }
            item(self, index)?;
            index += 1;
            self.skip_ws();
            match self.peek_byte() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Span::new(start, self.pos));
                }
                None => return self.eof("reading an array"),
                Some(_) => return self.error(self.pos, "Expected `,` or `]` after an array element", Some("a comma may be missing between two elements")),
            }
        }
    }

    /// Consumes any value, checking its syntax, and returns its kind and span.
    pub fn skip(&mut self) -> Result<(Kind, Span)> {
        let kind = self.peek_kind()?;
        let span = match kind {
            Kind::Null => self.null()?,
            Kind::Bool => self.boolean()?.1,
            Kind::Number => self.number()?.1,
            Kind::String => self.string()?.1,
            Kind::Array => self.array(&mut |s, _| s.skip().map(drop))?,
            Kind::Object => self.object(&mut |s, _, _| s.skip().map(drop))?,
        };
        Ok((kind, span))
    }

    /// Fails unless only whitespace remains.
    pub fn finish(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return self.error(self.pos, "Unexpected text after the JSON value", Some("a document holds exactly one value; remove what follows it or wrap several in an array"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::plain_run;

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(b.len());
        let mut cases: Vec<Vec<u8>> = vec![b"".to_vec(), b"abc".to_vec(), b"abcdefghij\"k".to_vec(), "é€😀 plain\\n".as_bytes().to_vec()];
        for at in 0..20 {
            for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                let mut v = vec![b'a'; 20];
                v[at] = special;
                v.push(b'"');
                cases.push(v);
            }
            let mut high = vec![0xffu8; 20];
            high[at] = b'"';
            cases.push(high);
        }
        for case in cases {
            assert_eq!(plain_run(&case), naive(&case), "{case:?}");
        }
    }
}

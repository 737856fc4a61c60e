//! The facts every part of connector-kit shares: limits, enums and small
//! predicates from connectors.md §2 and §4. The validator, the JSON Schema,
//! the builder and the preview all read them from here.

use std::ops::RangeInclusive;

/// `display_name`: 1–200 characters.
pub const DISPLAY_NAME_LEN: RangeInclusive<usize> = 1..=200;
/// The server's pattern for `display_name`.
pub const DISPLAY_NAME_PATTERN: &str = "^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$";
/// `proxy_url`: 1–2048 characters; `icon_src` at most 2048.
pub const URL_LEN: RangeInclusive<usize> = 1..=2048;
/// `metadata`: at most 20 pairs, keys 3–25 and values 1–256 characters.
pub const METADATA_MAX_PAIRS: usize = 20;
pub const METADATA_KEY_LEN: RangeInclusive<usize> = 3..=25;
pub const METADATA_VALUE_LEN: RangeInclusive<usize> = 1..=256;
/// Today a connector has exactly one auth pattern.
pub const MAX_AUTH_PATTERNS: usize = 1;

/// `input_type` values (`textarea` is served, not documented).
pub const INPUT_TYPES: &[&str] = &["text", "password", "select", "textarea"];
/// Keys of `auth_field_mutations`.
pub const MUTATION_TARGETS: &[&str] = &["api_key", "token", "username", "password"];
/// Operations of one mutation, in the order the proxy applies them.
pub const MUTATION_OPERATIONS: &[&str] = &["default", "prefix", "suffix"];

/// The auth pattern `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthType {
    OAuth,
    Basic,
    Bearer,
    ApiKey,
    NoAuth,
}

impl AuthType {
    pub const ALL: [AuthType; 5] = [AuthType::OAuth, AuthType::Basic, AuthType::Bearer, AuthType::ApiKey, AuthType::NoAuth];

    pub fn parse(name: &str) -> Option<AuthType> {
        AuthType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The name as written in a payload.
    pub fn name(self) -> &'static str {
        match self {
            AuthType::OAuth => "OAUTH",
            AuthType::Basic => "BASIC",
            AuthType::Bearer => "BEARER",
            AuthType::ApiKey => "API_KEY",
            AuthType::NoAuth => "NO_AUTH",
        }
    }

    /// The credentials the proxy sends for this type: the only meaningful
    /// `auth_field_mutations` targets.
    pub fn sends(self) -> &'static [&'static str] {
        match self {
            AuthType::OAuth | AuthType::Bearer => &["token"],
            AuthType::ApiKey => &["api_key"],
            AuthType::Basic => &["username", "password"],
            AuthType::NoAuth => &[],
        }
    }

    /// The credential a static type must collect (BASIC's password may be absent).
    pub fn required_credential(self) -> Option<&'static str> {
        match self {
            AuthType::Bearer => Some("token"),
            AuthType::ApiKey => Some("api_key"),
            AuthType::Basic => Some("username"),
            AuthType::OAuth | AuthType::NoAuth => None,
        }
    }

    /// Whether `auth_header_key_override` changes the header this type sends.
    pub fn honours_header_override(self) -> bool {
        matches!(self, AuthType::OAuth | AuthType::Bearer | AuthType::ApiKey)
    }

    /// Where path parameters belong: `account_fields` for OAUTH, `fields` otherwise.
    pub fn path_param_list(self) -> &'static str {
        if self == AuthType::OAuth {
            "account_fields"
        } else {
            "fields"
        }
    }
}

/// Whether the server accepts this `display_name` (ASCII letters, digits and
/// spaces, at least one letter or digit).
pub fn display_name_allowed(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') && name.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// The closest name the server accepts: Latin letters lose their accents
/// (`Müller` → `Muller`), other characters become spaces, runs of spaces
/// collapse (`Jira-Cloud` → `Jira Cloud`).
pub fn display_name_fix(name: &str) -> String {
    let mut spaced = String::with_capacity(name.len());
    for c in name.chars() {
        match ascii_spelling(c) {
            _ if c.is_ascii_alphanumeric() => spaced.push(c),
            Some(ascii) => spaced.push_str(ascii),
            None => spaced.push(' '),
        }
    }
    let fixed = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    fixed.chars().take(*DISPLAY_NAME_LEN.end()).collect::<String>().trim_end().to_string()
}

/// ASCII spellings of U+00C0–U+00FF and U+0100–U+017F, one letter each
/// (` ` for `×` and `÷`; `*` where [`ascii_spelling`] gives two letters).
/// A transliteration crate would add its tables for all of Unicode to the
/// download; these two blocks cover the Latin alphabets of Europe.
const LATIN_1: &str = "AAAAAA*CEEEEIIIIDNOOOOO OUUUUY**aaaaaa*ceeeeiiiidnooooo ouuuuy*y";
const LATIN_EXTENDED_A: &str =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// How a Latin letter with a diacritic, or a ligature, is spelled in ASCII
/// (`é` → `e`, `ß` → `ss`); `None` for anything else.
fn ascii_spelling(c: char) -> Option<&'static str> {
    let two = match c {
        'Æ' => "AE",
        'æ' => "ae",
        'Þ' => "Th",
        'þ' => "th",
        'ß' => "ss",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Œ' => "OE",
        'œ' => "oe",
        _ => "",
    };
    if !two.is_empty() {
        return Some(two);
    }
    let code = c as usize;
    let one = match code {
        0xC0..=0xFF => LATIN_1.get(code - 0xC0..code - 0xBF),
        0x100..=0x17F => LATIN_EXTENDED_A.get(code - 0x100..code - 0xFF),
        _ => None,
    }?;
    (one != " ").then_some(one)
}

/// An HTTP header name (an RFC 9110 token).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A field whose value is a credential and should be typed as `password`:
/// its name ends in a secret word (`password`, `client_secret`, `api_key`,
/// `accessToken`), so `token_type` or `password_hint` are not.
pub fn is_secret_name(field_name: &str) -> bool {
    let (before, last) = last_two_words(field_name);
    let is = |word: &str, words: &[&str]| words.iter().any(|w| word.eq_ignore_ascii_case(w));
    is(last, &["password", "passwd", "pwd", "secret", "token", "apikey", "passphrase"])
        || (last.eq_ignore_ascii_case("key") && is(before, &["api", "private", "access", "secret", "signing"]))
}

/// The last two words of a name in snake, kebab or camel case.
fn last_two_words(name: &str) -> (&str, &str) {
    let (mut before, mut last) = ("", "");
    let mut start: Option<usize> = None;
    let mut previous_lower = false;
    for (i, c) in name.char_indices().chain(std::iter::once((name.len(), ' '))) {
        let alnum = c.is_ascii_alphanumeric();
        let camel = c.is_ascii_uppercase() && previous_lower;
        if let (Some(s), true) = (start, !alnum || camel) {
            (before, last) = (last, name.get(s..i).unwrap_or(""));
            start = None;
        }
        if alnum && start.is_none() {
            start = Some(i);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    (before, last)
}

/// A DNS host name (letters, digits and hyphens in dot-separated labels) or
/// a dotted IPv4 address.
pub fn is_host_name(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    host.split('.').all(is_host_label)
}

/// One DNS label: 1–63 letters, digits or hyphens, not starting or ending
/// with a hyphen.
pub fn is_host_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Length as the server counts it (characters).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        assert!(display_name_allowed("Jira Cloud 2"));
        assert!(display_name_allowed(" a "));
        assert!(!display_name_allowed("Jira-Cloud"));
        assert!(!display_name_allowed("   "));
        assert!(!display_name_allowed(""));
        assert!(!display_name_allowed("Café"));
        assert_eq!(display_name_fix("Jira-Cloud"), "Jira Cloud");
        assert_eq!(display_name_fix("  My  (New) API!! "), "My New API");
        assert_eq!(display_name_fix("---"), "");
        assert_eq!(display_name_fix("Müller Straße API"), "Muller Strasse API");
        assert_eq!(display_name_fix("Café × Œuvre"), "Cafe OEuvre");
        assert_eq!(display_name_fix("Łódź 日本"), "Lodz");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))] // unicode-normalization is a native dev-dependency
    fn ascii_spellings_agree_with_unicode_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        assert_eq!((LATIN_1.len(), LATIN_EXTENDED_A.len()), (0x40, 0x80));
        for c in ('\u{C0}'..='\u{17F}').chain(['A', 'é', '\u{180}', '日']) {
            let spelled = ascii_spelling(c);
            // Where Unicode decomposes the letter into an ASCII letter and marks, that letter.
            let base = c.nfd().next().filter(|b| b.is_ascii_alphabetic() && c.nfd().count() > 1);
            match (base, spelled) {
                (Some(base), Some(s)) => assert_eq!(s, base.to_string(), "{c}"),
                (Some(base), None) => panic!("{c} decomposes to {base} but has no spelling"),
                (None, Some(s)) => assert!(c.is_alphabetic() && !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic()), "{c} → {s}"),
                (None, None) => assert!(!c.is_alphabetic() || !('\u{C0}'..='\u{17F}').contains(&c), "{c} has no spelling"),
            }
        }
    }

    #[test]
    fn headers_and_hosts() {
        assert!(is_header_name("X-API-Key"));
        assert!(!is_header_name("X API Key"));
        assert!(!is_header_name("X-Key:"));
        assert!(is_host_name("api.example.com"));
        assert!(is_host_name("10.0.0.1"));
        assert!(!is_host_name("https://api.example.com"));
        assert!(!is_host_name("-a.com"));
        assert!(!is_host_name("a..com"));
    }

    #[test]
    fn secret_names() {
        for secret in ["password", "api_key", "apiKey", "client_secret", "access-token", "token", "PRIVATE_KEY", "x_api_key"] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for plain in ["token_type", "password_hint", "username", "domain", "keyboard", "key_id", "monkey"] {
            assert!(!is_secret_name(plain), "{plain}");
        }
    }
}

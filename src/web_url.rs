//! WHATWG URL parsing. Natively this is the `url` crate; in WebAssembly it
//! is the host's own `URL` class (V8, the browser), which implements the
//! same standard and costs the module nothing — the `url` crate would add
//! about 45 KB. Both sides give the same parts, in `url`'s terms.

/// A parsed absolute URL, in the parts connector-kit compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The serialized URL.
    pub href: String,
    /// `https`, without the colon.
    pub scheme: String,
    pub username: String,
    pub password: String,
    /// The host as serialized (`api.example.com`, `10.0.0.1`, `[::1]`); empty if none.
    pub host: String,
    /// The port, when it is not the scheme's default.
    pub port: Option<u16>,
    /// The path, from its leading `/`.
    pub path: String,
    /// The query without `?` (`Some("")` for a bare `?`).
    pub query: Option<String>,
    /// The fragment without `#`.
    pub fragment: Option<String>,
}

impl ParsedUrl {
    /// Path segments, as `url::Url::path_segments` counts them (`/` is one empty segment).
    pub fn path_segments(&self) -> usize {
        self.path.strip_prefix('/').map_or(0, |rest| rest.split('/').count())
    }

    /// `key=value` pairs in the query, as `application/x-www-form-urlencoded` reads them.
    pub fn query_pairs(&self) -> usize {
        self.query.as_deref().map_or(0, |q| q.split('&').filter(|pair| !pair.is_empty()).count())
    }

    /// Scheme, host and port: what decides where a request goes.
    pub fn origin(&self) -> (&str, &str, Option<u16>) {
        (&self.scheme, &self.host, self.port)
    }

    /// Whether the host is this machine (`localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`).
    pub fn is_loopback(&self) -> bool {
        let host = self.host.as_str();
        host == "localhost" || host.ends_with(".localhost") || host == "[::1]" || host.strip_prefix("127.").is_some_and(|rest| rest.split('.').count() == 3)
    }

    /// Parts that only the serialized form holds: query and fragment.
    fn split_href(href: &str) -> (Option<String>, Option<String>) {
        let (before, fragment) = match href.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment.to_string())),
            None => (href, None),
        };
        (before.split_once('?').map(|(_, query)| query.to_string()), fragment)
    }
}

/// Checks that `input` is a valid absolute URL with a host. The common
/// case — `https://host[:port]` followed by characters every URL may hold —
/// is decided here without parsing; anything else goes to the parser.
pub fn check(input: &str) -> Result<(), String> {
    if is_plain(input) {
        return Ok(());
    }
    let parsed = parse(input)?;
    if parsed.host.is_empty() {
        return Err("it has no host".to_string());
    }
    if input.contains(|c: char| c.is_ascii_whitespace()) {
        return Err("it holds whitespace".to_string());
    }
    Ok(())
}

/// Bytes a path, query or fragment may hold as they are: RFC 3986's
/// unreserved and reserved characters (`%` is checked apart).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let extra = b"-._~!$&'()*+,;=:@/?#";
    let mut i = 0;
    while i < extra.len() {
        table[extra[i] as usize] = true;
        i += 1;
    }
    table
};

/// `http(s)://` + a DNS name or dotted IPv4 + an optional port + characters
/// that need no encoding: a subset every WHATWG parser accepts as is.
fn is_plain(input: &str) -> bool {
    let Some(rest) = input.strip_prefix("https://").or_else(|| input.strip_prefix("http://")) else { return false };
    let end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
    let Some((authority, tail)) = rest.split_at_checked(end) else { return false };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| n <= 65535));
    let last_label = host.rsplit('.').next().unwrap_or("");
    let host_ok = crate::rules::is_host_name(host) && (last_label.bytes().any(|b| b.is_ascii_alphabetic()) || is_dotted_ipv4(host));
    let bytes = tail.as_bytes();
    let tail_ok = bytes.iter().enumerate().all(|(i, &b)| match b {
        b'%' => bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
        b => PLAIN[b as usize],
    });
    port_ok && host_ok && tail_ok
}

fn is_dotted_ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4 && octets.iter().all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()) && o.parse::<u8>().is_ok() && (o.len() == 1 || !o.starts_with('0')))
}

/// Parses an absolute URL; the error says why it is not one.
pub fn parse(input: &str) -> Result<ParsedUrl, String> {
    imp::parse(input, None)
}

/// Resolves `input` against `base` (an absolute URL).
pub fn join(base: &str, input: &str) -> Result<ParsedUrl, String> {
    imp::parse(input, Some(base))
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::ParsedUrl;

    pub fn parse(input: &str, base: Option<&str>) -> Result<ParsedUrl, String> {
        let url = match base {
            Some(base) => url::Url::parse(base).and_then(|base| base.join(input)),
            None => url::Url::parse(input),
        }
        .map_err(|e| e.to_string())?;
        let (query, fragment) = ParsedUrl::split_href(url.as_str());
        Ok(ParsedUrl {
            href: url.as_str().to_string(),
            scheme: url.scheme().to_string(),
            username: url.username().to_string(),
            password: url.password().unwrap_or("").to_string(),
            host: url.host_str().unwrap_or("").to_string(),
            port: url.port(),
            path: url.path().to_string(),
            query,
            fragment,
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::ParsedUrl;

    pub fn parse(input: &str, base: Option<&str>) -> Result<ParsedUrl, String> {
        let url = match base {
            Some(base) => web_sys::Url::new_with_base(input, base),
            None => web_sys::Url::new(input),
        }
        .map_err(|_| super::why_invalid(input, base.is_some()))?;
        // Chromium lets some forbidden host code points through (a space becomes `%20`);
        // the standard, Node and the url crate refuse them.
        let host = url.hostname();
        if !host.starts_with('[') && host.contains(|c: char| c.is_ascii_whitespace() || c.is_ascii_control() || "#%/:<>?@[\\]^|".contains(c)) {
            return Err(super::why_invalid(input, base.is_some()));
        }
        let href = url.href();
        let (query, fragment) = ParsedUrl::split_href(&href);
        let scheme = url.protocol();
        Ok(ParsedUrl {
            scheme: scheme.strip_suffix(':').unwrap_or(&scheme).to_string(),
            username: url.username(),
            password: url.password(),
            host,
            port: url.port().parse().ok(),
            path: url.pathname(),
            query,
            fragment,
            href,
        })
    }
}

/// Why the host's parser refused `input` (it only says "Invalid URL"), in the
/// url crate's words for the common causes.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn why_invalid(input: &str, has_base: bool) -> String {
    let reason = match input.split_once("://") {
        None if !has_base => "relative URL without a base",
        None => "not a valid URL",
        Some((_, rest)) => {
            let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
            let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let (host, port) = match host_port.rsplit_once(':') {
                Some((host, port)) if !host.ends_with(']') || host.starts_with('[') => (host, Some(port)),
                _ => (host_port, None),
            };
            if host.is_empty() {
                "empty host"
            } else if port.is_some_and(|p| !p.is_empty() && p.parse::<u16>().is_err()) {
                "invalid port number"
            } else if host.starts_with('[') {
                "invalid IPv6 address"
            } else {
                // The url crate's IDNA step refuses any other bad host (spaces, `<`, `%`, `xn--` junk).
                "invalid international domain name"
            }
        }
    };
    reason.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let u = parse("https://User:pw@API.example.com:8443/a/b?x=1&y=#top").unwrap();
        assert_eq!((u.scheme.as_str(), u.username.as_str(), u.password.as_str(), u.host.as_str(), u.port), ("https", "User", "pw", "api.example.com", Some(8443)));
        assert_eq!((u.path.as_str(), u.query.as_deref(), u.fragment.as_deref()), ("/a/b", Some("x=1&y="), Some("top")));
        assert_eq!((u.path_segments(), u.query_pairs()), (2, 2));
        let bare = parse("https://a.com?").unwrap();
        assert_eq!((bare.path.as_str(), bare.query.as_deref(), bare.path_segments(), bare.query_pairs()), ("/", Some(""), 1, 0));
        assert_eq!(parse("https://a.com:443/").unwrap().port, None);
        assert!(parse("/relative").is_err());
        assert_eq!(join("https://a.com/page", "/env/dev").unwrap().href, "https://a.com/env/dev");
        assert!(parse("http://127.0.0.1:8080").unwrap().is_loopback());
        assert!(parse("http://[::1]/").unwrap().is_loopback());
        assert!(!parse("http://127.0.0.1.evil.com/").unwrap().is_loopback());
    }

    #[test]
    fn the_reasons_given_for_the_host_parser_match_the_url_crate() {
        for bad in ["https://", "https://a b.com", "https://a.com:99999/", "https://a.com:x/", "https://xn--zz/", "https://[::1/", "relative/path", "https://a<b.com/", "https://a|b.com"] {
            let crate_reason = parse(bad).unwrap_err();
            assert_eq!(why_invalid(bad, false), crate_reason, "{bad}");
        }
    }

    #[test]
    fn the_fast_check_agrees_with_the_parser() {
        for ok in ["https://api.example.com", "https://a.b:8443/x/y?q=1&r=%20#f", "https://10.0.0.1/", "https://x.y/a:b@c"] {
            assert!(is_plain(ok), "{ok}");
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for slow in ["https://a b.com", "https://a.com/ x", "https://u@a.com", "https://1.2", "https://[::1]/", "https://a.com/%zz", "https://é.com"] {
            assert!(!is_plain(slow), "{slow}");
        }
        assert!(check("https://a b.com").is_err());
        assert!(check("https://a.com/ x").is_err(), "whitespace");
        assert!(check("https://a.com/%zz").is_ok(), "WHATWG keeps a bad escape");
        assert!(check("https://").is_err());
    }
}

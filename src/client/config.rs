//! How a client is set up: where the environment is, how it authenticates,
//! how long a request may take and how reads are retried.

use std::fmt;

use crate::web_url::{self, ParsedUrl};

use crate::error::Error;

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// OAuth client credentials: a token is fetched from `/oauth/token`,
    /// cached until shortly before it expires, and refreshed once on a 401.
    ClientSecret { client_id: String, client_secret: String },
    /// A token obtained elsewhere; a 401 is final.
    AccessToken(String),
    /// None: a same-origin base URL whose server adds authentication (the
    /// page behind `connector-kit serve`).
    SameOrigin,
}

/// Shows which kind, never a secret or a token.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ClientSecret { client_id, .. } => f.debug_struct("ClientSecret").field("client_id", client_id).field("client_secret", &"[redacted]").finish(),
            Credentials::AccessToken(_) => f.write_str("AccessToken([redacted])"),
            Credentials::SameOrigin => f.write_str("SameOrigin"),
        }
    }
}

/// Retries of reads (GET and the token request). Writes are never retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// First backoff; it doubles each retry.
    pub base_delay_ms: u32,
    /// Longest backoff.
    pub max_delay_ms: u32,
    /// Longest `Retry-After` honoured; a longer one ends the retries.
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy { retries: 3, base_delay_ms: 250, max_delay_ms: 2_000, max_retry_after_ms: 10_000 }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based): `Retry-After` when
    /// the server sent one (`None` when it is beyond the cap), else backoff.
    pub fn delay_ms(&self, retry: u32, retry_after_ms: Option<u64>) -> Option<u32> {
        match retry_after_ms {
            Some(ms) if ms > u64::from(self.max_retry_after_ms) => None,
            Some(ms) => u32::try_from(ms).ok(),
            None => Some(self.base_delay_ms.saturating_mul(1u32.checked_shl(retry).unwrap_or(u32::MAX)).min(self.max_delay_ms)),
        }
    }
}

/// Default per-request timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// A client's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Absolute `http(s)` URL of the environment, e.g. `https://acme.scalekit.dev`
    /// (see [`resolve_environment_url`] for a page-relative one).
    pub environment_url: String,
    pub credentials: Credentials,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
}

impl Config {
    pub fn new(environment_url: impl Into<String>, credentials: Credentials) -> Config {
        Config { environment_url: environment_url.into(), credentials, timeout_ms: DEFAULT_TIMEOUT_MS, retry: RetryPolicy::default() }
    }

    /// The environment URL without a trailing slash, after checking it and
    /// the credentials.
    pub(crate) fn base(&self) -> Result<String, Error> {
        let url = web_url::parse(&self.environment_url).map_err(|e| invalid(format!("The environment URL `{}` is not an absolute URL ({e})", self.environment_url)))?;
        if !matches!(url.scheme.as_str(), "https" | "http") {
            return Err(invalid(format!("The environment URL must be http(s), not `{}:`", url.scheme)));
        }
        if !url.username.is_empty() || !url.password.is_empty() {
            return Err(invalid("The environment URL must not hold credentials").hint("pass them as the client id and secret"));
        }
        if url.query.is_some() || url.fragment.is_some() {
            return Err(invalid("The environment URL must not have a query or a fragment").hint("e.g. https://acme.scalekit.dev"));
        }
        let secret = !matches!(self.credentials, Credentials::SameOrigin);
        if secret && url.scheme == "http" && !url.is_loopback() {
            return Err(Error::new("insecure-url", format!("Refusing to send credentials over plain http to {}", url.host))
                .hint("use the https:// environment URL (plain http is allowed for 127.0.0.1 and localhost only)"));
        }
        if self.timeout_ms == 0 {
            return Err(invalid("The timeout must be at least 1 ms"));
        }
        self.check_credentials()?;
        Ok(url.href.trim_end_matches('/').to_string())
    }

    fn check_credentials(&self) -> Result<(), Error> {
        match &self.credentials {
            Credentials::ClientSecret { client_id, client_secret } if client_id.is_empty() || client_secret.is_empty() => Err(invalid("The client id and the client secret must not be empty")),
            Credentials::AccessToken(token) if !is_token(token) => Err(invalid("The access token must be non-empty visible ASCII")),
            _ => Ok(()),
        }
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new("invalid-argument", message)
}

/// Whether a token can travel in an `Authorization` header as is.
pub(crate) fn is_token(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())
}

/// An environment URL made absolute: a path such as `/env/dev` is resolved
/// against `page` (the browser's `location.href`); without a page it must
/// already be absolute.
pub fn resolve_environment_url(environment_url: &str, page: Option<&str>) -> Result<String, Error> {
    if web_url::parse(environment_url).is_ok() {
        return Ok(environment_url.to_string());
    }
    let Some(page) = page else {
        return Err(invalid(format!("The environment URL `{environment_url}` is not absolute, and there is no page to resolve it against"))
            .hint("pass e.g. https://acme.scalekit.dev (a path such as /env/dev works only in a browser page)"));
    };
    web_url::parse(page).map_err(|e| invalid(format!("The page URL cannot be a base: {e}")))?;
    web_url::join(page, environment_url).map(|u: ParsedUrl| u.href).map_err(|e| invalid(format!("The environment URL `{environment_url}` cannot be resolved: {e}")))
}

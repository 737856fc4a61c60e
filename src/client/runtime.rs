//! What the client needs from its host: HTTP, a timer and a clock. In wasm
//! that is `fetch` and `setTimeout` (see `gloo`); natively, tests script it.

use std::fmt;

/// The HTTP methods the management API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One request, complete: absolute URL, lowercase header names, body text.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The whole exchange, the answer's body included, must end within this.
    pub timeout_ms: u32,
}

impl HttpRequest {
    /// The value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }
}

/// Shows no header values and no body: they may hold a token or a secret.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body_bytes", &self.body.as_ref().map(String::len))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// An answer, read in full.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// The value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }
}

fn find<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

/// Why no answer arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// Nothing complete within the request's timeout.
    Timeout,
    /// The connection failed or dropped (or, in a browser, CORS refused it).
    Network(String),
}

/// The host's I/O. Futures need not be `Send`: wasm is single-threaded.
#[allow(async_fn_in_trait)]
pub trait Runtime {
    /// Sends one request and reads its whole answer, within `request.timeout_ms`.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// Resolves after `ms` milliseconds.
    async fn sleep(&self, ms: u32);
    /// Milliseconds since the epoch (or any fixed origin).
    fn now_ms(&self) -> u64;
}

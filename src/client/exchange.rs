//! One API call: authenticate, send, refresh the token once on a 401, retry
//! reads on transient failures, map what remains to an `Error`.

use std::rc::Rc;

use serde_json::Value;

use super::config::{is_token, Credentials};
use super::errors::{self, Op};
use super::runtime::{HttpRequest, HttpResponse, Method, Runtime, TransportError};
use super::token::Fetched;
use super::Client;
use crate::error::Error;

/// Statuses a read is retried on.
const RETRIED: &[u16] = &[429, 502, 503, 504];

/// A token is used until this long before it expires (at most half its life).
const TOKEN_MARGIN_MS: u64 = 60_000;

/// How a request ended other than with a 2xx answer.
enum Failure {
    Status(HttpResponse),
    Transport(TransportError, u32),
}

impl<R: Runtime> Client<R> {
    /// Sends `op` (with a body, if any) and returns the 2xx answer. A 401 with
    /// client credentials fetches a new token and sends once more: a refused
    /// request was not executed, so this is safe even for a write.
    pub(crate) async fn call(&self, op: &Op, body: Option<String>) -> Result<HttpResponse, Error> {
        let mut token = self.token().await?;
        let mut result = self.send(op, token.as_deref(), body.clone()).await;
        if let (Err(Failure::Status(response)), Some(used)) = (&result, &token) {
            if response.status == 401 && matches!(self.config.credentials, Credentials::ClientSecret { .. }) {
                self.tokens.invalidate(used);
                token = self.token().await?;
                result = self.send(op, token.as_deref(), body).await;
            }
        }
        result.map_err(|failure| self.scrub(self.failure_error(op, failure), token.as_deref()))
    }

    /// Sends `op`, retrying a read on 429/502/503/504 and on a timeout or a
    /// network failure (backoff, or `Retry-After` up to its cap). Writes are
    /// sent once.
    async fn send(&self, op: &Op, token: Option<&str>, body: Option<String>) -> Result<HttpResponse, Failure> {
        let policy = self.config.retry;
        let mut retry = 0u32;
        loop {
            let request = self.request(op, token, body.clone());
            let failure = match self.runtime.send(request).await {
                Ok(response) if (200..300).contains(&response.status) => return Ok(response),
                Ok(response) => Failure::Status(response),
                Err(transport) => Failure::Transport(transport, retry + 1),
            };
            let delay = match &failure {
                _ if op.is_write() || retry >= policy.retries => None,
                Failure::Status(response) if RETRIED.contains(&response.status) => policy.delay_ms(retry, retry_after_ms(response)),
                Failure::Status(_) => None,
                Failure::Transport(..) => policy.delay_ms(retry, None),
            };
            let Some(ms) = delay else { return Err(failure) };
            self.runtime.sleep(ms).await;
            retry += 1;
        }
    }

    fn failure_error(&self, op: &Op, failure: Failure) -> Error {
        match failure {
            Failure::Status(response) => self.status_error(op, &response),
            Failure::Transport(transport, attempts) => errors::from_transport(op, &transport, self.config.timeout_ms, attempts),
        }
    }

    /// Sends `op` and parses the answer as a JSON object.
    pub(crate) async fn call_json(&self, op: &Op, body: Option<String>) -> Result<Value, Error> {
        let response = self.call(op, body).await?;
        parse_object(op, &response)
    }

    fn request(&self, op: &Op, token: Option<&str>, body: Option<String>) -> HttpRequest {
        let mut headers = vec![("accept".to_string(), "application/json".to_string())];
        if let Some(token) = token {
            headers.push(("authorization".into(), format!("Bearer {token}")));
        }
        if body.is_some() {
            let kind = if op.token { "application/x-www-form-urlencoded" } else { "application/json" };
            headers.push(("content-type".into(), kind.into()));
        }
        HttpRequest { method: op.method, url: format!("{}{}", self.base, op.path), headers, body, timeout_ms: self.config.timeout_ms }
    }

    fn status_error(&self, op: &Op, response: &HttpResponse) -> Error {
        let error = errors::from_status(op, response);
        let retry_after = retry_after_ms(response);
        match (response.status, &self.config.credentials) {
            (429, _) if retry_after.is_some_and(|ms| ms > u64::from(self.config.retry.max_retry_after_ms)) => {
                let seconds = retry_after.unwrap_or_default() / 1000;
                error.hint(format!("the server asked to wait {seconds} s before retrying"))
            }
            (401, _) if op.token => error,
            (401, Credentials::ClientSecret { .. }) => error.hint("a freshly fetched token was refused too: check the client may use this environment"),
            (401, Credentials::AccessToken(_)) => error.hint("the access token was refused: it may have expired; get a new one"),
            (401, Credentials::SameOrigin) => error.hint("the page's session was refused: reload the page"),
            _ => error,
        }
    }

    fn scrub(&self, error: Error, token: Option<&str>) -> Error {
        let mut secrets = vec![token.unwrap_or_default()];
        match &self.config.credentials {
            Credentials::ClientSecret { client_secret, .. } => secrets.push(client_secret),
            Credentials::AccessToken(given) => secrets.push(given),
            Credentials::SameOrigin => {}
        }
        errors::scrub(error, &secrets)
    }

    /// The token to send, if the credentials use one.
    async fn token(&self) -> Result<Option<Rc<str>>, Error> {
        match &self.config.credentials {
            Credentials::ClientSecret { client_id, client_secret } => self.tokens.get(self.runtime.now_ms(), || self.fetch_token(client_id, client_secret)).await.map(Some),
            Credentials::AccessToken(token) => Ok(Some(token.as_str().into())),
            Credentials::SameOrigin => Ok(None),
        }
    }

    /// `POST /oauth/token` with the client credentials (retried like a read:
    /// issuing a token changes nothing).
    async fn fetch_token(&self, client_id: &str, client_secret: &str) -> Result<Fetched, Error> {
        let op = Op { method: Method::Post, path: "/oauth/token".into(), what: "the token request".into(), token: true };
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", client_id)
            .append_pair("client_secret", client_secret)
            .finish();
        let response = self.send(&op, None, Some(form)).await.map_err(|failure| self.scrub(self.failure_error(&op, failure), None))?;
        let body = parse_object(&op, &response)?;
        let Some(value) = body.get("access_token").and_then(Value::as_str).filter(|t| is_token(t)) else {
            return Err(errors::bad_response(&op, Some(response.status), "no usable `access_token`"));
        };
        let now = self.runtime.now_ms();
        let fresh_until = body.get("expires_in").and_then(Value::as_f64).filter(|s| s.is_finite() && *s > 0.0).map(|seconds| {
            let life = (seconds * 1000.0) as u64;
            now.saturating_add(life - TOKEN_MARGIN_MS.min(life / 2))
        });
        Ok(Fetched { value: value.to_string(), fresh_until })
    }
}

/// `Retry-After` in ms, from its seconds form (an HTTP date is ignored).
fn retry_after_ms(response: &HttpResponse) -> Option<u64> {
    response.header("retry-after").and_then(|v| v.trim().parse::<u64>().ok()).map(|s| s.saturating_mul(1000))
}

/// A 2xx answer's body as a JSON object.
fn parse_object(op: &Op, response: &HttpResponse) -> Result<Value, Error> {
    match serde_json::from_str::<Value>(&response.body) {
        Ok(value) if value.is_object() => Ok(value),
        Ok(_) => Err(errors::bad_response(op, Some(response.status), "not a JSON object")),
        Err(e) => Err(errors::bad_response(op, Some(response.status), e)),
    }
}

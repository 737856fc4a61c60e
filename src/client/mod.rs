//! The management API client (connectors.md §1): list, get, find, create,
//! update and delete custom connectors. Plain Rust over a [`Runtime`], so the
//! logic runs natively against a scripted fake and in wasm against `fetch`.
//!
//! Reads (list pages, get, the token request) are retried on 429/502/503/504,
//! timeouts and network failures, with bounded backoff honouring
//! `Retry-After`; writes are sent once, and a write with no answer fails with
//! `outcome-unknown`. Every request has a timeout. Nothing here logs, and no
//! error text holds a secret or a token.

mod config;
mod errors;
mod exchange;
#[cfg(target_arch = "wasm32")]
pub mod gloo;
mod runtime;
mod token;

use serde_json::Value;

pub use config::{resolve_environment_url, Config, Credentials, RetryPolicy, DEFAULT_TIMEOUT_MS};
pub use errors::code_for_status;
pub use runtime::{HttpRequest, HttpResponse, Method, Runtime, TransportError};
/// The JavaScript class over this client, reachable from Rust for the wasm tests.
#[cfg(all(target_arch = "wasm32", feature = "manage-exports"))]
#[doc(hidden)]
pub use crate::wasm::client::ManagementClient;

use crate::error::Error;
use crate::manage::promote::encode;
use crate::manage::update::{strip_server_keys, update_body};
use errors::Op;
use token::TokenCache;

/// `/api/v1/custom-providers/{identifier}`. An empty, `.` or `..` identifier
/// (from a caller, or a list a hostile server returned) is refused: URL parsers
/// resolve such a segment away, and the write would go to the collection or to
/// `/api/v1/` instead of one connector.
fn provider_path(identifier: &str) -> Result<String, Error> {
    if matches!(identifier, "" | "." | "..") {
        return Err(Error::new("invalid-argument", format!("The identifier `{identifier}` cannot name a connector in a URL")).hint("list() shows the identifiers"));
    }
    Ok(format!("/api/v1/custom-providers/{}", encode(identifier)))
}

/// Page size asked of the list endpoint (its maximum).
const PAGE_SIZE: u32 = 100;
/// A bound on paging, against a server that never ends.
const MAX_PAGES: usize = 1_000;

/// A client of one environment. Calls may run concurrently (`&self`); they
/// share one cached token.
pub struct Client<R: Runtime> {
    runtime: R,
    config: Config,
    /// The environment URL, checked, without a trailing slash.
    base: String,
    tokens: TokenCache,
}

impl<R: Runtime> Client<R> {
    /// A client; fails on a URL or credentials that cannot work (nothing is sent).
    pub fn new(runtime: R, config: Config) -> Result<Client<R>, Error> {
        let base = config.base()?;
        Ok(Client { runtime, config, base, tokens: TokenCache::new() })
    }

    /// The runtime, e.g. to inspect a fake in tests.
    pub fn runtime(&self) -> &R {
        &self.runtime
    }

    /// Every custom connector, over all pages, as the server returns them.
    pub async fn list(&self) -> Result<Vec<Value>, Error> {
        self.pages(None).await
    }

    /// The connector with this identifier; `not-found` (status 404) if none.
    pub async fn get(&self, identifier: &str) -> Result<Value, Error> {
        let found = self.pages(Some(identifier)).await?;
        let exact = found.into_iter().find(|c| c.get("identifier").and_then(Value::as_str) == Some(identifier));
        exact.ok_or_else(|| {
            let mut error = Error::new("not-found", format!("There is no custom connector with identifier `{identifier}`")).hint("list() shows the identifiers");
            error.status = Some(404);
            error
        })
    }

    /// The connector whose `display_name` is exactly `display_name`.
    pub async fn find_by_name(&self, display_name: &str) -> Result<Option<Value>, Error> {
        let all = self.list().await?;
        Ok(all.into_iter().find(|c| c.get("display_name").and_then(Value::as_str) == Some(display_name)))
    }

    /// Display names near `display_name` (likely typos of it, or it of them),
    /// closest first; an exact match is not included.
    pub async fn similar_names(&self, display_name: &str) -> Result<Vec<String>, Error> {
        let all = self.list().await?;
        let names: Vec<&str> = all.iter().filter_map(|c| c.get("display_name").and_then(Value::as_str)).collect();
        let best = crate::suggest::did_you_mean(display_name, names.iter().copied());
        let mut near: Vec<String> = best.into_iter().map(str::to_string).collect();
        for name in &names {
            if Some(*name) != best && crate::suggest::did_you_mean(display_name, [*name]).is_some() && !near.iter().any(|n| n == name) {
                near.push(name.to_string());
            }
        }
        Ok(near)
    }

    /// Creates a connector from a payload (server-only keys such as `id` are
    /// dropped, so a connector read elsewhere can be passed); returns it as
    /// the server stored it.
    pub async fn create(&self, payload: &Value) -> Result<Value, Error> {
        require_object(payload)?;
        let name = payload.get("display_name").and_then(Value::as_str).unwrap_or("the connector");
        let op = Op { method: Method::Post, path: "/api/v1/custom-providers".into(), what: format!("the creation of `{name}`"), token: false };
        unwrap_provider(&op, self.call_json(&op, Some(strip_server_keys(payload).to_string())).await?)
    }

    /// Replaces the connector `identifier` with `payload`, done safely: reads
    /// it, refuses a pattern `type`/`is_mcp` change, carries its unknown keys
    /// (see [`update_body`]), then sends the whole body.
    pub async fn update(&self, identifier: &str, payload: &Value) -> Result<Value, Error> {
        require_object(payload)?;
        let current = self.get(identifier).await?;
        self.update_from(&current, payload).await
    }

    /// [`Client::update`] given the `current` connector (as the server
    /// returned it): no read, and a refused change sends nothing at all.
    pub async fn update_from(&self, current: &Value, payload: &Value) -> Result<Value, Error> {
        let Some(identifier) = current.get("identifier").and_then(Value::as_str) else {
            return Err(Error::new("invalid-argument", "The current connector has no `identifier`").hint("pass the connector as the API returned it"));
        };
        let body = update_body(current, &strip_server_keys(payload))?;
        let op = Op { method: Method::Put, path: provider_path(identifier)?, what: format!("the update of `{identifier}`"), token: false };
        unwrap_provider(&op, self.call_json(&op, Some(body.to_string())).await?)
    }

    /// Deletes the connector `identifier`. Refused while it has connections
    /// (the error's hint says what to do).
    pub async fn delete(&self, identifier: &str) -> Result<(), Error> {
        let op = Op { method: Method::Delete, path: provider_path(identifier)?, what: format!("the deletion of `{identifier}`"), token: false };
        let response = self.call(&op, None).await?;
        if response.body.trim().is_empty() || serde_json::from_str::<Value>(&response.body).is_ok_and(|v| v.is_object()) {
            return Ok(());
        }
        Err(errors::bad_response(&op, Some(response.status), "not a JSON object"))
    }

    /// Custom connectors over all pages, optionally filtered by identifier.
    async fn pages(&self, identifier: Option<&str>) -> Result<Vec<Value>, Error> {
        let mut all = Vec::new();
        let mut page_token = String::new();
        for _ in 0..MAX_PAGES {
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.append_pair("filter.provider_type", "CUSTOM").append_pair("page_size", &PAGE_SIZE.to_string());
            if !page_token.is_empty() {
                query.append_pair("page_token", &page_token);
            }
            if let Some(identifier) = identifier {
                query.append_pair("identifier", identifier);
            }
            let op = Op { method: Method::Get, path: format!("/api/v1/providers?{}", query.finish()), what: "the list".into(), token: false };
            let page = self.call_json(&op, None).await?;
            match page.get("providers") {
                Some(Value::Array(providers)) => all.extend(providers.iter().cloned()),
                None | Some(Value::Null) => {}
                Some(_) => return Err(errors::bad_response(&op, None, "`providers` is not a list")),
            }
            let next = page.get("next_page_token").and_then(Value::as_str).unwrap_or_default();
            if next.is_empty() {
                return Ok(all);
            }
            if next == page_token {
                return Err(errors::bad_response(&op, None, "the same `next_page_token` twice"));
            }
            page_token = next.to_string();
        }
        Err(Error::new("bad-response", format!("The list did not end after {MAX_PAGES} pages")))
    }
}

/// Refuses a payload that is not a JSON object, before anything is sent.
fn require_object(payload: &Value) -> Result<(), Error> {
    if payload.is_object() {
        return Ok(());
    }
    Err(Error::new("invalid-argument", "The payload must be a JSON object"))
}

/// The connector inside `{"provider": …}`.
fn unwrap_provider(op: &Op, mut answer: Value) -> Result<Value, Error> {
    match answer.get_mut("provider").map(Value::take) {
        Some(provider) if provider.is_object() => Ok(provider),
        _ => Err(errors::bad_response(op, None, "no `provider` object")),
    }
}

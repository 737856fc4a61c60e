#![cfg(not(target_arch = "wasm32"))]
//! The management client against a scripted fake runtime with a virtual
//! clock: tokens, paging, retries, error mapping, update safety, secrets.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use connector_kit::client::{resolve_environment_url, Client, Config, Credentials, HttpRequest, HttpResponse, Method, Runtime, TransportError};
use connector_kit::error::Error;
use serde_json::{json, Value};

const BASE: &str = "https://acme.scalekit.dev";
const SECRET: &str = "sks_top_secret_value";
const TOKEN: &str = "tok_first_access_token";
const TOKEN_2: &str = "tok_second_access_token";

type Reply = Result<HttpResponse, TransportError>;
/// How the fake server answers a request.
type Handler = Box<dyn FnMut(&HttpRequest) -> Reply>;

/// A fake host: answers come from a handler, `sleep` advances a virtual
/// clock, every request and sleep is recorded. `send` yields once before
/// answering, so concurrent calls interleave.
struct Fake {
    handler: RefCell<Handler>,
    now: Cell<u64>,
    requests: RefCell<Vec<HttpRequest>>,
    sleeps: RefCell<Vec<u32>>,
}

impl Fake {
    fn new(handler: impl FnMut(&HttpRequest) -> Reply + 'static) -> Fake {
        Fake { handler: RefCell::new(Box::new(handler)), now: Cell::new(1_000_000), requests: RefCell::new(Vec::new()), sleeps: RefCell::new(Vec::new()) }
    }
}

impl Runtime for Fake {
    async fn send(&self, request: HttpRequest) -> Reply {
        YieldOnce(false).await;
        self.requests.borrow_mut().push(request.clone());
        let reply = (self.handler.borrow_mut())(&request);
        if reply == Err(TransportError::Timeout) {
            self.now.set(self.now.get() + u64::from(request.timeout_ms));
        }
        reply
    }

    async fn sleep(&self, ms: u32) {
        self.sleeps.borrow_mut().push(ms);
        self.now.set(self.now.get() + u64::from(ms));
    }

    fn now_ms(&self) -> u64 {
        self.now.get()
    }
}

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Polls every future in turn until all are done (the fake never blocks).
fn join_all<T>(futures: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
    let mut futures: Vec<_> = futures.into_iter().map(Some).collect();
    let mut out: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..100_000 {
        for (slot, result) in futures.iter_mut().zip(out.iter_mut()) {
            if let Some(future) = slot {
                if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                    *result = Some(value);
                    *slot = None;
                }
            }
        }
        if futures.iter().all(Option::is_none) {
            return out.into_iter().flatten().collect();
        }
    }
    panic!("futures did not finish: a waiter was never released");
}

/// `n` lists on one client, run together.
fn concurrent_lists(c: &Client<Fake>, n: usize) -> Vec<Result<Vec<Value>, Error>> {
    join_all((0..n).map(|_| Box::pin(c.list()) as Pin<Box<dyn Future<Output = _>>>).collect())
}

fn block_on<T>(future: impl Future<Output = T>) -> T {
    join_all(vec![Box::pin(future)]).pop().expect("one result")
}

// ---- replies -------------------------------------------------------------

fn reply(status: u16, body: Value) -> Reply {
    Ok(HttpResponse { status, headers: vec![("content-type".into(), "application/json".into())], body: body.to_string() })
}

fn with_header(reply: Reply, name: &str, value: &str) -> Reply {
    reply.map(|mut r| {
        r.headers.push((name.into(), value.into()));
        r
    })
}

fn token_reply(token: &str, expires_in: u64) -> Reply {
    reply(200, json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in, "scope": ""}))
}

fn grpc(status: u16, code: u32, message: &str) -> Reply {
    reply(status, json!({"code": code, "message": message, "details": []}))
}

fn page(providers: Value, next: &str) -> Reply {
    reply(200, json!({"providers": providers, "next_page_token": next, "prev_page_token": "", "total_size": 0}))
}

fn is_token(request: &HttpRequest) -> bool {
    request.url.ends_with("/oauth/token")
}

fn connector(identifier: &str, name: &str) -> Value {
    json!({
        "id": format!("prv_{identifier}"), "identifier": identifier, "display_name": name, "description": "d",
        "categories": [], "auth_patterns": [{"type": "BEARER", "fields": [{"field_name": "token", "label": "Token"}]}],
        "icon_src": "", "display_priority": 0, "coming_soon": false, "proxy_url": "https://api.example.com",
        "proxy_enabled": true, "is_custom": true, "is_custom_mcp": false, "metadata": {}
    })
}

fn payload(name: &str) -> Value {
    json!({"display_name": name, "auth_patterns": [{"type": "BEARER", "fields": [{"field_name": "token", "label": "Token"}]}], "proxy_url": "https://api.example.com", "proxy_enabled": true})
}

// ---- clients -------------------------------------------------------------

fn secret_config() -> Config {
    Config::new(BASE, Credentials::ClientSecret { client_id: "skc_123".into(), client_secret: SECRET.into() })
}

fn client(handler: impl FnMut(&HttpRequest) -> Reply + 'static) -> Client<Fake> {
    Client::new(Fake::new(handler), secret_config()).expect("client")
}

/// A client whose token request succeeds and whose API answers `api`.
fn api_client(mut api: impl FnMut(&HttpRequest) -> Reply + 'static) -> Client<Fake> {
    client(move |request| if is_token(request) { token_reply(TOKEN, 3600) } else { api(request) })
}

fn requests(client: &Client<Fake>) -> Vec<HttpRequest> {
    client.runtime().requests.borrow().clone()
}

fn api_requests(client: &Client<Fake>) -> Vec<HttpRequest> {
    requests(client).into_iter().filter(|r| !is_token(r)).collect()
}

fn sleeps(client: &Client<Fake>) -> Vec<u32> {
    client.runtime().sleeps.borrow().clone()
}

fn body(request: &HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap_or("null")).expect("a JSON body")
}

fn err<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    result.expect_err("an error")
}

// ---- credentials and tokens ---------------------------------------------

#[test]
fn token_request_is_form_encoded_client_credentials() {
    let c = api_client(|_| page(json!([]), ""));
    block_on(c.list()).expect("list");
    let all = requests(&c);
    let token = &all[0];
    assert_eq!(token.method, Method::Post);
    assert_eq!(token.url, format!("{BASE}/oauth/token"));
    assert_eq!(token.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(token.body.as_deref(), Some(format!("grant_type=client_credentials&client_id=skc_123&client_secret={SECRET}").as_str()));
    assert_eq!(token.header("authorization"), None);
    assert_eq!(all[1].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[test]
fn token_is_cached_until_a_minute_before_expiry() {
    let issued = Cell::new(0);
    let c = client(move |request| {
        if is_token(request) {
            issued.set(issued.get() + 1);
            return token_reply(if issued.get() == 1 { TOKEN } else { TOKEN_2 }, 3600);
        }
        page(json!([]), "")
    });
    block_on(c.list()).expect("list");
    block_on(c.list()).expect("list");
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 1, "cached");
    c.runtime().now.set(c.runtime().now.get() + 3_600_000 - 61_000);
    block_on(c.list()).expect("list");
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 1, "still fresh 61 s before expiry");
    c.runtime().now.set(c.runtime().now.get() + 2_000);
    block_on(c.list()).expect("list");
    let all = requests(&c);
    assert_eq!(all.iter().filter(|r| is_token(r)).count(), 2, "refetched 59 s before expiry");
    assert_eq!(all.last().and_then(|r| r.header("authorization")), Some(format!("Bearer {TOKEN_2}").as_str()));
}

#[test]
fn a_short_lived_token_is_used_for_half_its_life() {
    let c = client(|request| if is_token(request) { token_reply(TOKEN, 60) } else { page(json!([]), "") });
    block_on(c.list()).expect("list");
    c.runtime().now.set(c.runtime().now.get() + 29_000);
    block_on(c.list()).expect("list");
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 1);
    c.runtime().now.set(c.runtime().now.get() + 2_000);
    block_on(c.list()).expect("list");
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 2);
}

/// An API that refuses `TOKEN` (expired) and accepts `TOKEN_2`.
fn expiring_api(request: &HttpRequest, tokens: &Cell<u32>, ok: Reply) -> Reply {
    if is_token(request) {
        tokens.set(tokens.get() + 1);
        return token_reply(if tokens.get() == 1 { TOKEN } else { TOKEN_2 }, 3600);
    }
    if request.header("authorization") == Some(&format!("Bearer {TOKEN}")) {
        return grpc(401, 16, "access token expired");
    }
    ok
}

#[test]
fn a_401_refreshes_the_token_once_and_retries() {
    let tokens = Cell::new(0);
    let c = client(move |r| expiring_api(r, &tokens, page(json!([connector("a", "A")]), "")));
    let list = block_on(c.list()).expect("list after refresh");
    assert_eq!(list.len(), 1);
    let kinds: Vec<bool> = requests(&c).iter().map(is_token).collect();
    assert_eq!(kinds, [true, false, true, false]);
}

#[test]
fn a_401_on_a_write_is_retried_once_with_a_new_token() {
    let tokens = Cell::new(0);
    let c = client(move |r| expiring_api(r, &tokens, reply(201, json!({"provider": connector("a", "A")}))));
    let created = block_on(c.create(&payload("A"))).expect("create after refresh");
    assert_eq!(created["identifier"], "a");
    let posts: Vec<_> = api_requests(&c);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[1].header("authorization"), Some(format!("Bearer {TOKEN_2}").as_str()));
}

#[test]
fn a_second_401_is_final() {
    let c = api_client(|_| grpc(401, 16, "invalid access token"));
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("unauthenticated", Some(401)));
    assert!(e.hint.as_deref().unwrap_or_default().contains("fresh"), "{e:?}");
    assert_eq!(requests(&c).len(), 4, "token, list, token, list");
}

#[test]
fn a_given_access_token_is_sent_and_a_401_is_final() {
    let fake = Fake::new(|_| grpc(401, 16, "access token expired"));
    let c = Client::new(fake, Config::new(BASE, Credentials::AccessToken("given_token".into()))).expect("client");
    let e = err(block_on(c.list()));
    assert_eq!(e.code, "unauthenticated");
    assert!(e.hint.as_deref().unwrap_or_default().contains("expired"));
    let all = requests(&c);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].header("authorization"), Some("Bearer given_token"));
}

#[test]
fn same_origin_sends_no_authorization() {
    let fake = Fake::new(|_| page(json!([]), ""));
    let c = Client::new(fake, Config::new("https://builder.local/env/dev/", Credentials::SameOrigin)).expect("client");
    block_on(c.list()).expect("list");
    let all = requests(&c);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].header("authorization"), None);
    assert!(all[0].url.starts_with("https://builder.local/env/dev/api/v1/providers?"), "{}", all[0].url);
}

#[test]
fn refused_client_credentials_are_invalid_client() {
    let c = client(|_| reply(401, json!({"error": "invalid_client", "error_description": "client authentication failed"})));
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("invalid-client", Some(401)));
    assert_eq!(e.message, "client authentication failed");
    assert_eq!(requests(&c).len(), 1, "no API request without a token, no retry of a 401");
}

#[test]
fn the_token_request_is_retried_like_a_read() {
    let calls = Cell::new(0);
    let c = client(move |r| {
        calls.set(calls.get() + 1);
        match (is_token(r), calls.get()) {
            (true, 1) => grpc(503, 14, "unavailable"),
            (true, _) => token_reply(TOKEN, 3600),
            _ => page(json!([]), ""),
        }
    });
    block_on(c.list()).expect("list");
    assert_eq!(sleeps(&c), [250]);
}

#[test]
fn concurrent_calls_share_one_token_request() {
    let c = api_client(|_| page(json!([]), ""));
        assert!(concurrent_lists(&c, 10).iter().all(Result::is_ok));
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 1);
    assert_eq!(api_requests(&c).len(), 10);
}

#[test]
fn concurrent_401s_refresh_the_token_once() {
    let tokens = Cell::new(0);
    let c = client(move |r| expiring_api(r, &tokens, page(json!([]), "")));
        assert!(concurrent_lists(&c, 8).iter().all(Result::is_ok));
    assert_eq!(requests(&c).iter().filter(|r| is_token(r)).count(), 2, "first token, then one refresh");
}

#[test]
fn a_failed_token_request_fails_every_waiting_call() {
    let c = client(|_| reply(401, json!({"error": "invalid_client"})));
        let results = concurrent_lists(&c, 5);
    assert!(results.iter().all(|r| r.as_ref().is_err_and(|e| e.code == "invalid-client")));
    assert_eq!(requests(&c).len(), 1, "the waiters shared the one refusal");
}

// ---- list, get, find -----------------------------------------------------

#[test]
fn list_reads_every_page() {
    let c = api_client(|r| {
        let query = r.url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        match query.split('&').find_map(|p| p.strip_prefix("page_token=")) {
            None => page(json!([connector("a", "A"), connector("b", "B")]), "p/2=="),
            Some("p%2F2%3D%3D") => page(json!([connector("c", "C")]), "p3"),
            Some("p3") => reply(200, json!({"providers": [connector("d", "D")]})),
            Some(other) => panic!("unexpected page token {other}"),
        }
    });
    let list = block_on(c.list()).expect("list");
    let ids: Vec<&str> = list.iter().filter_map(|c| c["identifier"].as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let urls: Vec<String> = api_requests(&c).into_iter().map(|r| r.url).collect();
    assert_eq!(urls[0], format!("{BASE}/api/v1/providers?filter.provider_type=CUSTOM&page_size=100"));
    assert_eq!(urls.len(), 3);
    assert!(api_requests(&c).iter().all(|r| r.method == Method::Get && r.body.is_none()));
}

#[test]
fn an_empty_list_may_omit_its_members() {
    let c = api_client(|_| reply(200, json!({})));
    assert_eq!(block_on(c.list()).expect("list"), Vec::<Value>::new());
}

#[test]
fn a_repeated_page_token_is_a_bad_response() {
    let c = api_client(|_| page(json!([connector("a", "A")]), "same"));
    assert_eq!(err(block_on(c.list())).code, "bad-response");
    assert_eq!(api_requests(&c).len(), 2);
}

#[test]
fn get_filters_by_identifier_and_404s_when_absent() {
    let c = api_client(|r| if r.url.contains("identifier=my%3Aodd+id") { page(json!([connector("my:odd id", "Odd")]), "") } else { page(json!([]), "") });
    let found = block_on(c.get("my:odd id")).expect("get");
    assert_eq!(found["display_name"], "Odd");
    let e = err(block_on(c.get("missing")));
    assert_eq!((e.code.as_str(), e.status), ("not-found", Some(404)));
    assert!(api_requests(&c)[1].url.ends_with("&identifier=missing"));
}

#[test]
fn find_by_name_is_exact_and_similar_names_suggest() {
    let c = api_client(|_| page(json!([connector("my_asana", "My Asana"), connector("github_2", "GitHub Issues"), connector("x", "Zendesk")]), ""));
    assert_eq!(block_on(c.find_by_name("My Asana")).expect("find").map(|c| c["identifier"].clone()), Some(json!("my_asana")));
    assert_eq!(block_on(c.find_by_name("my asana")).expect("find"), None, "exact match only");
    assert_eq!(block_on(c.similar_names("my asana")).expect("similar"), ["My Asana"]);
    assert_eq!(block_on(c.similar_names("Github Issue")).expect("similar"), ["GitHub Issues"]);
    assert_eq!(block_on(c.similar_names("My Asana")).expect("similar"), Vec::<String>::new(), "an exact name is no suggestion");
    assert_eq!(block_on(c.similar_names("Salesforce")).expect("similar"), Vec::<String>::new());
}

// ---- retries -------------------------------------------------------------

/// An API that fails the first `n` list requests with `failure`.
fn flaky(n: u32, failure: impl Fn() -> Reply + 'static) -> Client<Fake> {
    let seen = Cell::new(0);
    api_client(move |_| {
        seen.set(seen.get() + 1);
        if seen.get() <= n { failure() } else { page(json!([connector("a", "A")]), "") }
    })
}

#[test]
fn reads_are_retried_on_transient_statuses_with_backoff() {
    for status in [429, 502, 503, 504] {
        let c = flaky(3, move || grpc(status, 14, "try later"));
        assert_eq!(block_on(c.list()).expect("succeeds on the 4th attempt").len(), 1, "status {status}");
        assert_eq!(sleeps(&c), [250, 500, 1000], "status {status}");
    }
}

#[test]
fn retry_after_is_honoured() {
    let c = flaky(2, || with_header(grpc(429, 8, "rate limit exceeded"), "Retry-After", "3"));
    block_on(c.list()).expect("list");
    assert_eq!(sleeps(&c), [3000, 3000]);
    let c = flaky(1, || with_header(grpc(503, 14, "unavailable"), "retry-after", "0"));
    block_on(c.list()).expect("list");
    assert_eq!(sleeps(&c), [0]);
}

#[test]
fn retries_are_bounded() {
    let c = flaky(10, || grpc(503, 14, "unavailable"));
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("server-error", Some(503)));
    assert_eq!(api_requests(&c).len(), 4, "one attempt and three retries");
    let mut config = secret_config();
    config.retry.retries = 6;
    let seen = Cell::new(0);
    let c = Client::new(Fake::new(move |r| if is_token(r) { token_reply(TOKEN, 3600) } else { seen.set(seen.get() + 1); grpc(502, 14, "bad gateway") }), config).expect("client");
    block_on(c.list()).expect_err("fails");
    assert_eq!(sleeps(&c), [250, 500, 1000, 2000, 2000, 2000], "backoff is capped");
}

#[test]
fn a_retry_after_beyond_the_cap_ends_the_retries() {
    let c = flaky(5, || with_header(grpc(429, 8, "rate limit exceeded"), "Retry-After", "60"));
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("rate-limited", Some(429)));
    assert!(e.hint.as_deref().unwrap_or_default().contains("60 s"), "{e:?}");
    assert_eq!(api_requests(&c).len(), 1);
    assert!(sleeps(&c).is_empty());
}

#[test]
fn reads_are_retried_on_timeouts_and_network_failures() {
    let c = flaky(2, || Err(TransportError::Timeout));
    block_on(c.list()).expect("list");
    assert_eq!(sleeps(&c), [250, 500]);
    let c = flaky(1, || Err(TransportError::Network("TypeError: fetch failed".into())));
    block_on(c.list()).expect("list");

    let c = flaky(9, || Err(TransportError::Timeout));
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("timeout", None));
    assert!(e.message.contains("30 s") && e.message.contains("4 attempts"), "{}", e.message);
    let c = flaky(9, || Err(TransportError::Network("TypeError: fetch failed".into())));
    let e = err(block_on(c.list()));
    assert_eq!(e.code, "network");
    assert!(e.message.contains("fetch failed"));
}

#[test]
fn other_failures_of_reads_are_not_retried() {
    for status in [400, 403, 404, 500] {
        let c = flaky(1, move || grpc(status, 3, "no"));
        block_on(c.list()).expect_err("fails");
        assert_eq!(api_requests(&c).len(), 1, "status {status}");
    }
}

#[test]
fn every_request_has_the_configured_timeout() {
    let c = api_client(|_| page(json!([]), ""));
    block_on(c.list()).expect("list");
    assert!(requests(&c).iter().all(|r| r.timeout_ms == 30_000));
    let mut config = secret_config();
    config.timeout_ms = 1_500;
    let c = Client::new(Fake::new(|r| if is_token(r) { token_reply(TOKEN, 3600) } else { Err(TransportError::Timeout) }), config).expect("client");
    let e = err(block_on(c.list()));
    assert!(e.message.contains("1500 ms"), "{}", e.message);
    assert!(requests(&c).iter().all(|r| r.timeout_ms == 1_500));
}

// ---- writes --------------------------------------------------------------

/// A client whose list/get finds `current`, and whose writes answer `write`.
fn writes_client(current: Value, write: impl Fn() -> Reply + 'static) -> Client<Fake> {
    api_client(move |r| if r.method == Method::Get { page(json!([current.clone()]), "") } else { write() })
}

#[test]
fn writes_are_never_retried() {
    for status in [429, 500, 502, 503, 504] {
        let c = writes_client(connector("a", "A"), move || with_header(grpc(status, 14, "no"), "Retry-After", "1"));
        let create = err(block_on(c.create(&payload("A"))));
        let update = err(block_on(c.update("a", &payload("A"))));
        let delete = err(block_on(c.delete("a")));
        for e in [&create, &update, &delete] {
            assert_eq!(e.status, Some(status));
        }
        let writes = api_requests(&c).into_iter().filter(|r| r.method != Method::Get).count();
        assert_eq!(writes, 3, "status {status}: each write sent once");
        assert!(sleeps(&c).is_empty());
        if status >= 500 {
            assert!(create.hint.as_deref().unwrap_or_default().contains("list()"), "{create:?}");
        }
    }
}

#[test]
fn a_write_without_an_answer_is_outcome_unknown() {
    let failures = [TransportError::Timeout, TransportError::Network("TypeError: fetch failed".into())];
    for failure in failures {
        let f = failure.clone();
        let c = writes_client(connector("a", "A"), move || Err(f.clone()));
        for e in [err(block_on(c.create(&payload("A")))), err(block_on(c.update("a", &payload("A")))), err(block_on(c.delete("a")))] {
            assert_eq!((e.code.as_str(), e.status), ("outcome-unknown", None), "{failure:?}");
            assert!(e.hint.as_deref().unwrap_or_default().contains("check before retrying"), "{e:?}");
        }
        assert_eq!(api_requests(&c).iter().filter(|r| r.method != Method::Get).count(), 3);
        assert!(sleeps(&c).is_empty());
    }
}

#[test]
fn create_posts_the_payload_and_unwraps_the_provider() {
    let c = api_client(|_| reply(201, json!({"provider": connector("my_asana", "My Asana")})));
    let created = block_on(c.create(&payload("My Asana"))).expect("create");
    assert_eq!(created["identifier"], "my_asana");
    let post = &api_requests(&c)[0];
    assert_eq!((post.method, post.url.as_str()), (Method::Post, format!("{BASE}/api/v1/custom-providers").as_str()));
    assert_eq!(post.header("content-type"), Some("application/json"));
    assert_eq!(body(post), payload("My Asana"));
    block_on(c.create(&connector("elsewhere", "From Dev"))).expect("create from a served connector");
    let sent = body(&api_requests(&c)[1]);
    assert!(sent.get("id").is_none() && sent.get("identifier").is_none() && sent.get("is_custom").is_none(), "server-only keys dropped: {sent}");
    assert_eq!(sent["display_name"], "From Dev");
}

#[test]
fn a_payload_that_is_not_an_object_sends_nothing() {
    let c = api_client(|_| panic!("nothing may be sent"));
    assert_eq!(err(block_on(c.create(&json!([1])))).code, "invalid-argument");
    assert_eq!(err(block_on(c.update("a", &json!("x")))).code, "invalid-argument");
    assert!(requests(&c).is_empty());
}

#[test]
fn update_refuses_an_immutable_change_before_any_write() {
    let c = writes_client(connector("a", "A"), || panic!("no write may be sent"));
    let mut changed = payload("A");
    changed["auth_patterns"][0]["type"] = json!("API_KEY");
    let e = err(block_on(c.update("a", &changed)));
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("immutable-change", Some("/auth_patterns/0/type")));
    assert!(api_requests(&c).iter().all(|r| r.method == Method::Get), "only the read of the current connector");

    let c = api_client(|_| panic!("nothing may be sent"));
    let mut mcp = payload("A");
    mcp["auth_patterns"][0]["is_mcp"] = json!(true);
    let e = err(block_on(c.update_from(&connector("a", "A"), &mcp)));
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("immutable-change", Some("/auth_patterns/0/is_mcp")));
    assert!(requests(&c).is_empty(), "zero requests, not even a token");
}

#[test]
fn update_carries_unknown_keys_into_the_put() {
    let mut current = connector("my:odd id", "Odd");
    current["future_flag"] = json!({"kept": true});
    current["auth_patterns"][0]["x_server_hint"] = json!("stay");
    current["auth_patterns"][0]["fields"][0]["x_field_extra"] = json!("X-Token");
    current["description"] = json!("old description");
    let updated = connector("my:odd id", "Odd Renamed");
    let c = writes_client(current, move || reply(200, json!({"provider": updated.clone()})));
    let mut proposed = connector("ignored", "Odd Renamed");
    proposed["proxy_enabled"] = json!(false);
    proposed.as_object_mut().expect("object").remove("description");
    let result = block_on(c.update("my:odd id", &proposed)).expect("update");
    assert_eq!(result["display_name"], "Odd Renamed");
    let put = api_requests(&c).into_iter().find(|r| r.method == Method::Put).expect("a PUT");
    assert_eq!(put.url, format!("{BASE}/api/v1/custom-providers/my%3Aodd%20id"));
    let sent = body(&put);
    assert_eq!(sent["future_flag"], json!({"kept": true}));
    assert_eq!(sent["auth_patterns"][0]["x_server_hint"], "stay");
    assert_eq!(sent["auth_patterns"][0]["fields"][0]["x_field_extra"], "X-Token", "matched by field_name");
    assert_eq!(sent["description"], "old description", "kept when omitted");
    assert_eq!(sent["proxy_enabled"], true, "always sent true");
    assert_eq!(sent["display_name"], "Odd Renamed");
    assert!(sent.get("id").is_none() && sent.get("identifier").is_none(), "server keys are not sent");
}

#[test]
fn delete_encodes_the_identifier_and_accepts_an_empty_answer() {
    let c = api_client(|_| reply(200, json!({})));
    block_on(c.delete("a b/c")).expect("delete");
    let c2 = api_client(|_| Ok(HttpResponse { status: 204, headers: vec![], body: String::new() }));
    block_on(c2.delete("x")).expect("delete");
    let request = &api_requests(&c)[0];
    assert_eq!((request.method, request.url.as_str()), (Method::Delete, format!("{BASE}/api/v1/custom-providers/a%20b%2Fc").as_str()));
    assert_eq!(request.body, None);
}

#[test]
fn an_identifier_that_is_a_dot_segment_is_refused_before_any_write() {
    // `DELETE …/custom-providers/.` would be sent as `DELETE …/custom-providers/` (URL parsers
    // resolve dot segments), `..` as `DELETE /api/v1/`: never the one connector meant.
    for identifier in ["", ".", ".."] {
        let c = api_client(|_| reply(200, json!({})));
        let e = err(block_on(c.delete(identifier)));
        assert_eq!(e.code, "invalid-argument", "{identifier:?}");
        let e = err(block_on(c.update_from(&connector(identifier, "Dot"), &payload("Dot"))));
        assert_eq!(e.code, "invalid-argument", "{identifier:?}");
        assert!(api_requests(&c).is_empty(), "{identifier:?}: nothing sent");
    }
    // Dots inside an identifier are fine.
    let c = api_client(|_| reply(200, json!({})));
    block_on(c.delete("...")).expect("delete");
    block_on(c.delete(".a")).expect("delete");
}

// ---- errors --------------------------------------------------------------

#[test]
fn statuses_map_to_codes() {
    let cases = [
        (400, "invalid-argument"), (401, "unauthenticated"), (403, "permission-denied"), (404, "not-found"),
        (409, "already-exists"), (429, "rate-limited"), (500, "server-error"), (503, "server-error"), (418, "http-error"),
    ];
    for (status, code) in cases {
        let c = api_client(move |_| grpc(status, 3, "the server's words"));
        let e = err(block_on(c.create(&payload("A"))));
        assert_eq!((e.code.as_str(), e.status, e.message.as_str()), (code, Some(status), "the server's words"));
    }
    let c = api_client(|_| Ok(HttpResponse { status: 502, headers: vec![], body: "<html>bad gateway</html>".into() }));
    let e = err(block_on(c.delete("a")));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("server-error", "DELETE /api/v1/custom-providers/a failed with HTTP 502"));
}

#[test]
fn field_violations_are_kept() {
    let c = api_client(|_| reply(400, json!({"code": 3, "message": "Validation error", "details": [{
        "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", "error_code": "INVALID_ARGUMENT",
        "validation_error_info": {"field_violations": [
            {"field": "display_name", "description": "must match the pattern", "constraint": "string.pattern"},
            {"field": "proxy_url", "description": "is required"}]}}]})));
    let e = err(block_on(c.create(&payload("Bad-Name"))));
    assert_eq!((e.code.as_str(), e.status, e.message.as_str()), ("invalid-argument", Some(400), "Validation error"));
    assert_eq!(e.violations.len(), 2);
    assert_eq!((e.violations[0].field.as_str(), e.violations[0].constraint.as_str()), ("display_name", "string.pattern"));
    assert_eq!((e.violations[1].field.as_str(), e.violations[1].constraint.as_str()), ("proxy_url", ""));
    let text = e.to_json();
    assert!(text.contains("\"violations\":[{\"field\":\"display_name\""), "{text}");
}

#[test]
fn a_delete_blocked_by_connections_says_what_to_do() {
    let c = api_client(|_| grpc(400, 9, "cannot delete custom provider with existing connections"));
    let e = err(block_on(c.delete("my_asana")));
    assert_eq!((e.code.as_str(), e.status), ("invalid-argument", Some(400)));
    assert_eq!(e.message, "cannot delete custom provider with existing connections");
    assert!(e.hint.as_deref().unwrap_or_default().contains("connections and connected accounts first"), "{e:?}");
}

#[test]
fn an_answer_that_is_not_the_json_expected_is_a_bad_response() {
    let truncated = || Ok(HttpResponse { status: 200, headers: vec![], body: r#"{"provider": {"id": "prv_trunc"#.into() });
    let c = api_client(move |_| truncated());
    let e = err(block_on(c.list()));
    assert_eq!((e.code.as_str(), e.status), ("bad-response", Some(200)));
    assert_eq!(api_requests(&c).len(), 1, "not retried");
    let e = err(block_on(c.create(&payload("A"))));
    assert_eq!(e.code, "bad-response");
    assert!(e.hint.as_deref().unwrap_or_default().contains("list()"));
    assert_eq!(err(block_on(c.delete("a"))).code, "bad-response");
    let c = api_client(|_| reply(201, json!({"connector": {}})));
    assert_eq!(err(block_on(c.create(&payload("A")))).code, "bad-response");
    let c = api_client(|_| reply(200, json!({"providers": "nope"})));
    assert_eq!(err(block_on(c.list())).code, "bad-response");
    let c = client(|_| reply(200, json!({"token_type": "Bearer"})));
    assert_eq!(err(block_on(c.list())).code, "bad-response");
}

// ---- secrets -------------------------------------------------------------

#[test]
fn no_secret_or_token_in_errors_or_other_requests() {
    // A hostile server echoes every credential it sees into its errors.
    let echo = |r: &HttpRequest| format!("saw {} and {}", r.header("authorization").unwrap_or_default(), r.body.as_deref().unwrap_or_default());
    let scenarios: Vec<Handler> = vec![
        Box::new(move |r| if is_token(r) { token_reply(TOKEN, 3600) } else { grpc(400, 3, &echo(r)) }),
        Box::new(move |r| if is_token(r) { token_reply(TOKEN, 3600) } else { grpc(401, 16, &echo(r)) }),
        Box::new(move |r| reply(401, json!({"error": "invalid_client", "error_description": echo(r)}))),
        Box::new(move |r| if is_token(r) { token_reply(TOKEN, 3600) } else { reply(400, json!({"message": "v", "details": [{"validation_error_info": {"field_violations": [{"field": echo(r), "description": echo(r)}]}}]})) }),
        Box::new(move |r| if is_token(r) { token_reply(TOKEN, 3600) } else { Err(TransportError::Network(echo(r))) }),
        Box::new(|r| if is_token(r) { token_reply(TOKEN, 3600) } else { Err(TransportError::Timeout) }),
        Box::new(|r| if is_token(r) { token_reply(TOKEN, 3600) } else { Ok(HttpResponse { status: 200, headers: vec![], body: format!("{{\"{TOKEN}") }) }),
    ];
    for (i, scenario) in scenarios.into_iter().enumerate() {
        let c = client(scenario);
        let mut errors = vec![err(block_on(c.list())), err(block_on(c.create(&payload("A")))), err(block_on(c.delete("a")))];
        errors.push(err(block_on(c.update_from(&connector("a", "A"), &payload("A")))));
        for e in &errors {
            let shown = format!("{} {:?} {}", e.to_json(), e, e);
            for secret in [SECRET, TOKEN] {
                assert!(!shown.contains(secret), "scenario {i}: `{secret}` leaked in {shown}");
            }
        }
        for request in requests(&c) {
            let debug = format!("{request:?}");
            assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "Debug of a request leaks: {debug}");
            if is_token(&request) {
                assert_eq!(request.header("authorization"), None);
                continue;
            }
            let text = format!("{} {:?} {}", request.url, request.headers, request.body.as_deref().unwrap_or_default());
            assert!(!text.contains(SECRET), "scenario {i}: the secret left in a non-token request: {text}");
            let outside_auth = format!("{} {}", request.url, request.body.as_deref().unwrap_or_default());
            assert!(!outside_auth.contains(TOKEN), "scenario {i}: the token outside Authorization");
        }
    }
    let config = format!("{:?} {:?}", secret_config(), Credentials::AccessToken(TOKEN.into()));
    assert!(!config.contains(SECRET) && !config.contains(TOKEN), "{config}");
}

// ---- configuration -------------------------------------------------------

#[test]
fn environment_urls_are_checked() {
    let make = |url: &str, credentials: Credentials| Client::new(Fake::new(|_| panic!("nothing is sent")), Config::new(url, credentials)).map(|_| ()).map_err(Box::new);
    let secret = || Credentials::ClientSecret { client_id: "skc_1".into(), client_secret: SECRET.into() };
    assert_eq!(make("http://acme.example.com", secret()).expect_err("insecure").code, "insecure-url");
    assert_eq!(make("http://acme.example.com", Credentials::AccessToken("t".into())).expect_err("insecure").code, "insecure-url");
    make("http://acme.example.com", Credentials::SameOrigin).expect("no credentials travel");
    for ok in ["http://127.0.0.1:8787", "http://localhost:1/", "http://[::1]:9", "https://acme.scalekit.dev/"] {
        make(ok, secret()).expect(ok);
    }
    for bad in ["acme.scalekit.dev", "ftp://acme", "https://u:p@acme.dev", "https://acme.dev/?x=1", "https://acme.dev/#f"] {
        assert_eq!(make(bad, secret()).expect_err(bad).code, "invalid-argument", "{bad}");
    }
    assert_eq!(make(BASE, Credentials::AccessToken("has space".into())).expect_err("token").code, "invalid-argument");
    let e = make(BASE, Credentials::ClientSecret { client_id: "skc".into(), client_secret: String::new() }).expect_err("empty secret");
    assert!(!e.to_json().contains(SECRET));
}

#[test]
fn a_relative_environment_url_resolves_against_the_page() {
    assert_eq!(resolve_environment_url("/env/dev", Some("http://127.0.0.1:5173/?session=abc")).expect("resolved"), "http://127.0.0.1:5173/env/dev");
    assert_eq!(resolve_environment_url("https://acme.scalekit.dev", Some("http://127.0.0.1:5173/")).expect("absolute"), "https://acme.scalekit.dev");
    let e = resolve_environment_url("/env/dev", None).expect_err("no page in Node");
    assert!(e.hint.as_deref().unwrap_or_default().contains("browser"), "{e:?}");
}

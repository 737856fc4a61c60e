#![cfg(target_arch = "wasm32")]
//! The client in wasm (gloo-net fetch) against two real emulators, in Node
//! and in headless Chromium. Their URLs come from `CK_EMULATOR_URL` and
//! `CK_EMULATOR_URL_2` at compile time: run through `scripts/with-emulators.sh`.

use connector_kit::client::gloo::Gloo;
use connector_kit::client::{Client, Config, Credentials, ManagementClient, RetryPolicy};
use connector_kit::error::Error;
use connector_kit::manage::{diff, promote};
use gloo_net::http::Request;
use js_sys::{Array, Promise, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const MISSING: &str = "CK_EMULATOR_URL / CK_EMULATOR_URL_2 were not set when the tests were compiled: \
                       run them as `scripts/with-emulators.sh cargo test --target wasm32-unknown-unknown --test client_wasm`";

fn dev_url() -> &'static str {
    option_env!("CK_EMULATOR_URL").unwrap_or_else(|| panic!("{MISSING}"))
}

fn prod_url() -> &'static str {
    option_env!("CK_EMULATOR_URL_2").unwrap_or_else(|| panic!("{MISSING}"))
}

fn credentials() -> Credentials {
    Credentials::ClientSecret { client_id: "skc_emulator".into(), client_secret: "sks_emulator".into() }
}

fn client_of(url: &str) -> Client<Gloo> {
    Client::new(Gloo, Config::new(url, credentials())).expect("client")
}

/// A client with a short timeout and quick retries, for fault tests.
fn quick_client(timeout_ms: u32) -> Client<Gloo> {
    let mut config = Config::new(dev_url(), credentials());
    config.timeout_ms = timeout_ms;
    config.retry = RetryPolicy { base_delay_ms: 20, ..RetryPolicy::default() };
    Client::new(Gloo, config).expect("client")
}

/// A display name no other test uses (letters, digits and spaces only).
fn unique(prefix: &str) -> String {
    format!("{prefix} {}", (js_sys::Math::random() * 1e9) as u64)
}

fn payload(name: &str) -> Value {
    json!({
        "display_name": name, "description": "made by client_wasm",
        "auth_patterns": [{"type": "BEARER", "display_name": "Token", "fields": [{"field_name": "token", "label": "Token", "input_type": "password"}], "x_extra": 1}],
        "proxy_url": "https://api.example.com/v1", "proxy_enabled": true
    })
}

/// A control request to an emulator (`/_emulator/…`).
async fn control(base: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{base}{path}");
    let builder = match method {
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    let response = match body {
        Some(body) => builder.header("content-type", "application/json").body(body.to_string()).expect("request").send().await,
        None => builder.send().await,
    };
    let response = response.expect("the emulator answers control requests");
    assert!(response.ok(), "{method} {path} → {}", response.status());
    response.json().await.expect("JSON")
}

async fn fault(spec: Value) {
    control(dev_url(), "POST", "/_emulator/faults", Some(spec)).await;
}

async fn clear_faults() {
    control(dev_url(), "DELETE", "/_emulator/faults", None).await;
}

/// The custom connectors the dev emulator holds, by display name.
async fn stored(name: &str) -> Option<Value> {
    let state = control(dev_url(), "GET", "/_emulator/state", None).await;
    state["providers"].as_array().and_then(|all| all.iter().find(|p| p["display_name"] == name).cloned())
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout: js_sys::Function = Reflect::get(&global, &"setTimeout".into()).expect("setTimeout").unchecked_into();
        set_timeout.call2(&global, &resolve, &ms.into()).expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("sleep");
}

fn code(result: Result<impl std::fmt::Debug, Error>) -> (String, Option<u16>) {
    let e = result.expect_err("an error");
    (e.code, e.status)
}

// ---- the flow ------------------------------------------------------------

#[wasm_bindgen_test]
async fn create_list_find_update_diff_delete() {
    clear_faults().await;
    let client = client_of(dev_url());
    let name = unique("Flow");
    let created = client.create(&payload(&name)).await.expect("create");
    let identifier = created["identifier"].as_str().expect("identifier").to_string();
    assert_eq!(created["is_custom"], true);

    let all = client.list().await.expect("list");
    assert!(all.iter().any(|c| c["identifier"] == identifier.as_str()));
    let found = client.find_by_name(&name).await.expect("find").expect("found by exact name");
    assert_eq!(found["id"], created["id"]);
    assert_eq!(client.find_by_name(&name.to_lowercase()).await.expect("find"), None);
    assert_eq!(client.similar_names(&name.to_lowercase()).await.expect("similar"), std::slice::from_ref(&name));
    assert_eq!(client.get(&identifier).await.expect("get")["display_name"], name.as_str());

    let mut proposed = payload(&name);
    proposed["proxy_url"] = json!("https://api.example.com/v2");
    proposed.as_object_mut().expect("object").remove("description");
    let before = found.clone();
    let updated = client.update(&identifier, &proposed).await.expect("update");
    assert_eq!(updated["proxy_url"], "https://api.example.com/v2");
    assert_eq!(updated["description"], "made by client_wasm", "kept, not cleared by the full replace");
    assert_eq!(updated["auth_patterns"][0]["x_extra"], 1, "the pattern's unknown key survived");
    let changes = diff::diff(&before, &updated);
    assert!(changes.changes.iter().any(|c| c.path == "/proxy_url"), "{:?}", changes.changes);

    let mut flipped = proposed.clone();
    flipped["auth_patterns"][0]["type"] = json!("API_KEY");
    assert_eq!(code(client.update(&identifier, &flipped).await).0, "immutable-change");
    assert_eq!(stored(&name).await.expect("still there")["auth_patterns"][0]["type"], "BEARER");

    client.delete(&identifier).await.expect("delete");
    assert_eq!(code(client.get(&identifier).await), ("not-found".into(), Some(404)));
    assert_eq!(code(client.delete(&identifier).await), ("not-found".into(), Some(404)));
}

#[wasm_bindgen_test]
async fn server_validation_errors_carry_violations() {
    let client = client_of(dev_url());
    let e = client.create(&payload("Not-Valid-Name")).await.expect_err("refused");
    assert_eq!((e.code.as_str(), e.status, e.message.as_str()), ("invalid-argument", Some(400), "Validation error"));
    assert!(e.violations.iter().any(|v| v.field == "display_name" && v.constraint == "string.pattern"), "{:?}", e.violations);
    let name = unique("Twice");
    let first = client.create(&payload(&name)).await.expect("create");
    assert_eq!(code(client.create(&payload(&name)).await), ("already-exists".into(), Some(409)));
    client.delete(first["identifier"].as_str().expect("identifier")).await.expect("delete");
}

#[wasm_bindgen_test]
async fn refused_credentials_are_invalid_client() {
    let config = Config::new(dev_url(), Credentials::ClientSecret { client_id: "skc_emulator".into(), client_secret: "sks_wrong".into() });
    let e = Client::new(Gloo, config).expect("client").list().await.expect_err("refused");
    assert_eq!((e.code.as_str(), e.status), ("invalid-client", Some(401)));
    assert!(!e.to_json().contains("sks_wrong"));
}

// ---- promotion -----------------------------------------------------------

#[wasm_bindgen_test]
async fn promote_from_dev_to_production() {
    clear_faults().await;
    let (dev, prod) = (client_of(dev_url()), client_of(prod_url()));
    let name = unique("Promoted");
    let source = dev.create(&payload(&name)).await.expect("create in dev");

    let plan = promote::plan(&source, prod.find_by_name(&name).await.expect("find").as_ref()).expect("plan");
    assert_eq!(plan.action, promote::Action::Create);
    let request = plan.request.expect("a request");
    let in_prod = prod.create(&request.body).await.expect("create in production");
    assert_eq!(in_prod["display_name"], name.as_str());

    let mut changed = payload(&name);
    changed["proxy_url"] = json!("https://api.example.com/v3");
    let source = dev.update(source["identifier"].as_str().expect("identifier"), &changed).await.expect("update dev");
    let current = prod.find_by_name(&name).await.expect("find").expect("in production");
    let plan = promote::plan(&source, Some(&current)).expect("plan");
    assert_eq!(plan.action, promote::Action::Update);
    assert!(plan.rows.iter().any(|r| r.path == "/proxy_url" && r.production == Some(json!("https://api.example.com/v1"))));
    let request = plan.request.expect("a request");
    assert_eq!(request.method, "PUT");
    let identifier = plan.identifier.expect("production identifier");
    let updated = prod.update(&identifier, &request.body).await.expect("update production");
    assert_eq!(updated["proxy_url"], "https://api.example.com/v3");

    let plan = promote::plan(&source, Some(&updated)).expect("plan");
    assert_eq!(plan.action, promote::Action::None, "{:?}", plan.changes);
    prod.delete(&identifier).await.expect("delete in production");
    dev.delete(source["identifier"].as_str().expect("identifier")).await.expect("delete in dev");
}

// ---- tokens --------------------------------------------------------------

#[wasm_bindgen_test]
async fn expired_tokens_are_refreshed_mid_flow() {
    clear_faults().await;
    let client = client_of(dev_url());
    client.list().await.expect("list fetches a token");
    let expired = control(dev_url(), "POST", "/_emulator/expire-tokens", None).await;
    assert!(expired["expired"].as_u64().unwrap_or_default() >= 1);
    let name = unique("After Expiry");
    let created = client.create(&payload(&name)).await.expect("a write after expiry refreshes and succeeds");
    control(dev_url(), "POST", "/_emulator/expire-tokens", None).await;
    client.delete(created["identifier"].as_str().expect("identifier")).await.expect("delete after expiry");
    assert!(stored(&name).await.is_none());

    let token_client = Client::new(Gloo, Config::new(dev_url(), Credentials::AccessToken("not_a_live_token".into()))).expect("client");
    assert_eq!(code(token_client.list().await), ("unauthenticated".into(), Some(401)));
}

// ---- faults --------------------------------------------------------------

#[wasm_bindgen_test]
async fn latency_beyond_the_timeout() {
    clear_faults().await;
    let client = quick_client(250);
    client.list().await.expect("token and a first list");
    fault(json!({"kind": "latency", "ms": 1500, "method": "GET", "path": "/api/v1/providers", "count": 4})).await;
    let e = client.list().await.expect_err("times out");
    assert_eq!(e.code, "timeout", "{e:?}");
    assert!(e.message.contains("4 attempts"), "{}", e.message);

    let name = unique("Slow Write");
    fault(json!({"kind": "latency", "ms": 600, "method": "POST", "path": "/api/v1/custom-providers"})).await;
    let e = client.create(&payload(&name)).await.expect_err("no answer in time");
    assert_eq!((e.code.as_str(), e.status), ("outcome-unknown", None));
    sleep(900).await;
    let late = stored(&name).await.expect("the slow write did happen: why the outcome was unknown");
    clear_faults().await;
    client.delete(late["identifier"].as_str().expect("identifier")).await.expect("delete");
}

#[wasm_bindgen_test]
async fn transient_read_faults_are_retried() {
    clear_faults().await;
    let client = client_of(dev_url());
    client.list().await.expect("token");
    fault(json!({"kind": "status", "status": 503, "method": "GET", "path": "/api/v1/providers", "count": 2})).await;
    client.list().await.expect("succeeds after two 503s");
    fault(json!({"kind": "rate-limit", "retryAfter": 1, "method": "GET", "path": "/api/v1/providers"})).await;
    let started = js_sys::Date::now();
    client.list().await.expect("succeeds after a 429");
    assert!(js_sys::Date::now() - started >= 950.0, "Retry-After: 1 was honoured");
    let left = control(dev_url(), "GET", "/_emulator/faults", None).await;
    assert_eq!(left["faults"], json!([]), "every fault was consumed");
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_nothing_half_written() {
    clear_faults().await;
    let client = client_of(dev_url());
    let name = unique("Half");
    fault(json!({"kind": "status", "status": 500, "method": "POST", "path": "/api/v1/custom-providers"})).await;
    let e = client.create(&payload(&name)).await.expect_err("500");
    assert_eq!((e.code.as_str(), e.status), ("server-error", Some(500)));
    assert!(stored(&name).await.is_none(), "nothing created");

    let created = client.create(&payload(&name)).await.expect("create");
    let identifier = created["identifier"].as_str().expect("identifier");
    fault(json!({"kind": "status", "status": 500, "method": "PUT"})).await;
    let mut changed = payload(&name);
    changed["proxy_url"] = json!("https://changed.example.com");
    assert_eq!(code(client.update(identifier, &changed).await), ("server-error".into(), Some(500)));
    assert_eq!(stored(&name).await.expect("still there")["proxy_url"], "https://api.example.com/v1", "not half-updated");
    fault(json!({"kind": "status", "status": 503, "method": "DELETE"})).await;
    assert_eq!(code(client.delete(identifier).await), ("server-error".into(), Some(503)), "a write is not retried");
    client.delete(identifier).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_malformed_body_is_a_bad_response() {
    clear_faults().await;
    let client = client_of(dev_url());
    client.list().await.expect("token");
    fault(json!({"kind": "malformed", "method": "GET", "path": "/api/v1/providers"})).await;
    assert_eq!(code(client.list().await), ("bad-response".into(), Some(200)));
    let name = unique("Malformed");
    fault(json!({"kind": "malformed", "method": "POST", "path": "/api/v1/custom-providers"})).await;
    let e = client.create(&payload(&name)).await.expect_err("bad response");
    assert_eq!(e.code, "bad-response");
    assert!(stored(&name).await.is_none(), "the faulted request changed nothing");
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_network_or_outcome_unknown() {
    clear_faults().await;
    let client = quick_client(5_000);
    client.list().await.expect("token");
    // Generous counts: a browser may resend a request whose reused socket dropped.
    fault(json!({"kind": "drop", "method": "GET", "path": "/api/v1/providers", "count": 20})).await;
    assert_eq!(code(client.list().await), ("network".into(), None));
    clear_faults().await;
    let name = unique("Dropped");
    fault(json!({"kind": "drop", "method": "POST", "path": "/api/v1/custom-providers", "count": 5})).await;
    let e = client.create(&payload(&name)).await.expect_err("dropped");
    assert_eq!((e.code.as_str(), e.status), ("outcome-unknown", None));
    assert!(e.hint.as_deref().unwrap_or_default().contains("check before retrying"));
    clear_faults().await;
    assert!(stored(&name).await.is_none());
}

#[wasm_bindgen_test]
async fn a_delete_blocked_by_a_connection_says_what_to_do() {
    clear_faults().await;
    let client = client_of(dev_url());
    let created = client.create(&payload(&unique("Connected"))).await.expect("create");
    let identifier = created["identifier"].as_str().expect("identifier");
    control(dev_url(), "POST", "/_emulator/connections", Some(json!({"identifier": identifier}))).await;
    let e = client.delete(identifier).await.expect_err("blocked");
    assert_eq!((e.code.as_str(), e.status), ("invalid-argument", Some(400)));
    assert_eq!(e.message, "cannot delete custom provider with existing connections");
    assert!(e.hint.as_deref().unwrap_or_default().contains("connections and connected accounts first"), "{e:?}");
    control(dev_url(), "DELETE", &format!("/_emulator/connections/{identifier}"), None).await;
    client.delete(identifier).await.expect("delete once the connections are gone");
}

// ---- the JavaScript class ------------------------------------------------

fn js_options(url: &str) -> JsValue {
    JSON::parse(&json!({"environmentUrl": url, "clientId": "skc_emulator", "clientSecret": "sks_emulator"}).to_string()).expect("options")
}

async fn settle(promise: Promise) -> Result<Value, JsValue> {
    let value = JsFuture::from(promise).await?;
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    let text = JSON::stringify(&value).expect("stringify").as_string().expect("text");
    Ok(serde_json::from_str(&text).expect("JSON"))
}

fn js_code(error: &JsValue) -> String {
    Reflect::get(error, &"code".into()).ok().and_then(|c| c.as_string()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn management_client_runs_50_operations_at_once() {
    clear_faults().await;
    let tokens_before = control(dev_url(), "GET", "/_emulator/state", None).await["active_tokens"].as_u64();
    let client = ManagementClient::new(js_options(dev_url())).expect("ManagementClient");
    let prefix = unique("Batch");
    let creates: Array = (0..50).map(|i| JsValue::from(client.create(JSON::parse(&payload(&format!("{prefix} {i}")).to_string()).expect("payload")))).collect();
    let created = settle(Promise::all(&creates)).await.expect("50 creates at once");
    assert_eq!(created.as_array().map(Vec::len), Some(50));
    let tokens_after = control(dev_url(), "GET", "/_emulator/state", None).await["active_tokens"].as_u64();
    assert_eq!(tokens_after, tokens_before.map(|n| n + 1), "the 50 calls shared one token request");

    let mixed: Array = (0..50).map(|i| JsValue::from(if i % 2 == 0 { client.list() } else { client.find_by_name(JsValue::from(format!("{prefix} {i}"))) })).collect();
    let results = settle(Promise::all(&mixed)).await.expect("50 reads at once");
    let lists = results.as_array().expect("array");
    assert_eq!(lists[0].as_array().expect("list").iter().filter(|c| c["display_name"].as_str().is_some_and(|n| n.starts_with(&prefix))).count(), 50);
    assert_eq!(lists[1]["display_name"], format!("{prefix} 1"));

    let identifiers: Vec<String> = created.as_array().expect("array").iter().filter_map(|c| c["identifier"].as_str().map(str::to_string)).collect();
    let deletes: Array = identifiers.iter().map(|id| JsValue::from(client.delete(JsValue::from(id.as_str())))).collect();
    settle(Promise::all(&deletes)).await.expect("50 deletes at once");
    assert_eq!(settle(client.find_by_name(JsValue::from(format!("{prefix} 7")))).await.expect("find"), Value::Null);
}

#[wasm_bindgen_test]
async fn management_client_round_trip_and_errors() {
    clear_faults().await;
    let client = ManagementClient::new(js_options(dev_url())).expect("ManagementClient");
    let name = unique("Js");
    let text = payload(&name).to_string();
    let created = settle(client.create(JsValue::from(text.as_str()))).await.expect("create from JSON text");
    let identifier = created["identifier"].as_str().expect("identifier").to_string();
    let similar = settle(client.similar_names(JsValue::from(name.to_uppercase()))).await.expect("similar");
    assert_eq!(similar, json!([name]));
    let mut changed = payload(&name);
    changed["description"] = json!("changed from JS");
    let updated = settle(client.update(JsValue::from(identifier.as_str()), JSON::parse(&changed.to_string()).expect("payload"))).await.expect("update");
    assert_eq!(updated["description"], "changed from JS");
    assert_eq!(settle(client.get(JsValue::from(identifier.as_str()))).await.expect("get")["description"], "changed from JS");
    assert_eq!(settle(client.delete(JsValue::from(identifier.as_str()))).await.expect("delete"), Value::Null);

    let missing = settle(client.get(JsValue::from(identifier.as_str()))).await.expect_err("gone");
    assert_eq!(js_code(&missing), "not-found");
    assert_eq!(Reflect::get(&missing, &"status".into()).ok().and_then(|s| s.as_f64()), Some(404.0));
    assert!(missing.is_instance_of::<js_sys::Error>());
    let bad = settle(client.get(JsValue::from(7))).await.expect_err("not a string");
    assert_eq!(js_code(&bad), "invalid-argument");

    let typo = JSON::parse(&json!({"environmentUrl": dev_url(), "clientID": "skc_emulator"}).to_string()).expect("options");
    let refused = ManagementClient::new(typo).err().expect("unknown option");
    assert!(Reflect::get(&refused, &"hint".into()).ok().and_then(|h| h.as_string()).unwrap_or_default().contains("clientId"));
    let half = JSON::parse(&json!({"environmentUrl": dev_url(), "clientId": "skc_emulator"}).to_string()).expect("options");
    assert_eq!(js_code(&ManagementClient::new(half).err().expect("secret missing")), "invalid-argument");
}

#[wasm_bindgen_test]
fn a_relative_environment_url_needs_a_page() {
    let options = JSON::parse(r#"{"environmentUrl": "/env/dev"}"#).expect("options");
    let in_page = Reflect::get(&js_sys::global(), &"location".into()).is_ok_and(|l| l.is_object());
    match ManagementClient::new(options) {
        Ok(_) => assert!(in_page, "resolved against the page's location"),
        Err(e) => {
            assert!(!in_page, "a page location exists, yet /env/dev was refused");
            assert_eq!(js_code(&e), "invalid-argument");
        }
    }
}

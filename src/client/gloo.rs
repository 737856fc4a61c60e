//! The runtime in WebAssembly: `fetch` through gloo-net, `setTimeout` for
//! sleeps and timeouts, `Date.now` for the clock. All are bound as globals,
//! so the same module works in Node and in browsers. URLs must be absolute
//! (Node has no base URL).

use gloo_net::http::{Headers, Method as HttpMethod, RequestBuilder, Response};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache};

use super::runtime::{HttpRequest, HttpResponse, Method, Runtime, TransportError};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// `fetch` and timers of the JavaScript host.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gloo;

impl Runtime for Gloo {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(|e| network(&e))?;
        let built = build(&request, &controller)?;
        let abort = Reflect::get(&controller, &"abort".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()).map(|f| f.bind0(&controller));
        let timer = abort.map(|abort| set_timeout(&abort, f64::from(request.timeout_ms)));
        let result = exchange(built).await;
        if let Some(timer) = &timer {
            clear_timeout(timer);
        }
        result.map_err(|e| if controller.signal().aborted() { TransportError::Timeout } else { TransportError::Network(e) })
    }

    async fn sleep(&self, ms: u32) {
        let promise = Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, f64::from(ms));
        });
        let _ = JsFuture::from(promise).await;
    }

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }
}

fn build(request: &HttpRequest, controller: &AbortController) -> Result<gloo_net::http::Request, TransportError> {
    let headers = web_sys::Headers::new().map_err(|e| network(&e))?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(|_| TransportError::Network(format!("the header `{name}` has a value fetch refuses")))?;
    }
    let method = match request.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
    };
    let builder = RequestBuilder::new(&request.url)
        .method(method)
        .headers(Headers::from_raw(headers))
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&controller.signal()));
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    };
    built.map_err(|e| TransportError::Network(e.to_string()))
}

/// Sends and reads the whole answer (the abort signal covers both).
async fn exchange(request: gloo_net::http::Request) -> Result<HttpResponse, String> {
    let response: Response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response.text().await.map_err(|e| e.to_string())?;
    Ok(HttpResponse { status, headers, body })
}

fn network(error: &JsValue) -> TransportError {
    TransportError::Network(error.as_string().or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_else(|| "fetch is unavailable".into()))
}

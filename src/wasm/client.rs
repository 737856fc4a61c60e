//! `ManagementClient`: the API client for JavaScript. Every method returns a
//! Promise at once; the state sits behind an `Rc`, so many calls on one
//! client can be in flight together (an `async fn(&self)` export would hold a
//! borrow across awaits and throw under `Promise.all`).

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::interop::{client_config, error, json_value, string_arg, to_js};
use crate::client::gloo::Gloo;
use crate::client::Client;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &str = r#"
/** Options of `new ManagementClient(…)`: client credentials, an access token, or neither (same origin). */
export type ManagementClientOptions = {
    /** The environment URL, e.g. `https://acme.scalekit.dev`; in a browser also a same-origin path such as `/env/dev`. */
    environmentUrl: string;
    /** Per-request timeout in milliseconds (default 30000). */
    timeoutMs?: number;
} & (
    | { clientId: string; clientSecret: string; accessToken?: never }
    | { accessToken: string; clientId?: never; clientSecret?: never }
    | { clientId?: never; clientSecret?: never; accessToken?: never }
);
"#;

/// A client of one environment's management API (custom connectors).
/// Failures reject with a `ConnectorError` (`code`, `status`, `message`,
/// `hint`, `violations`).
#[wasm_bindgen]
pub struct ManagementClient {
    client: Rc<Client<Gloo>>,
}

#[wasm_bindgen]
impl ManagementClient {
    /// `{ environmentUrl, clientId, clientSecret }`, `{ environmentUrl, accessToken }`
    /// or `{ environmentUrl }` (the page's own server adds auth); `timeoutMs` optional.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ManagementClientOptions")] options: JsValue) -> Result<ManagementClient, JsValue> {
        let client = Client::new(Gloo, client_config(&options)?).map_err(error)?;
        Ok(ManagementClient { client: Rc::new(client) })
    }

    /// Every custom connector (all pages), as the server returns them.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector[]>")]
    pub fn list(&self) -> Promise {
        let client = self.client.clone();
        future_to_promise(async move { to_js(&client.list().await.map_err(error)?) })
    }

    /// The connector with this identifier; rejects with `not-found` (404) if none.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn get(&self, #[wasm_bindgen(unchecked_param_type = "string")] identifier: JsValue) -> Promise {
        let (client, identifier) = (self.client.clone(), string_arg(&identifier, "identifier"));
        future_to_promise(async move { to_js(&client.get(&identifier?).await.map_err(error)?) })
    }

    /// The connector whose display name is exactly `displayName`, or `null`.
    #[wasm_bindgen(js_name = findByName, unchecked_return_type = "Promise<Connector | null>")]
    pub fn find_by_name(&self, #[wasm_bindgen(js_name = displayName, unchecked_param_type = "string")] display_name: JsValue) -> Promise {
        let (client, name) = (self.client.clone(), string_arg(&display_name, "displayName"));
        future_to_promise(async move { to_js(&client.find_by_name(&name?).await.map_err(error)?) })
    }

    /// Display names near `displayName` (did you mean…?), closest first.
    #[wasm_bindgen(js_name = similarNames, unchecked_return_type = "Promise<string[]>")]
    pub fn similar_names(&self, #[wasm_bindgen(js_name = displayName, unchecked_param_type = "string")] display_name: JsValue) -> Promise {
        let (client, name) = (self.client.clone(), string_arg(&display_name, "displayName"));
        future_to_promise(async move { to_js(&client.similar_names(&name?).await.map_err(error)?) })
    }

    /// Creates a connector from a payload (object or JSON text); resolves to
    /// the connector the server stored. Never retried: a lost answer rejects
    /// with `outcome-unknown`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn create(&self, #[wasm_bindgen(unchecked_param_type = "string | Payload")] payload: JsValue) -> Promise {
        let (client, payload) = (self.client.clone(), json_value(&payload, "payload"));
        future_to_promise(async move { to_js(&client.create(&payload?).await.map_err(error)?) })
    }

    /// Replaces a connector with a payload, safely: keeps the unknown keys the
    /// server returned, sends `proxy_enabled: true`, and refuses a change of a
    /// pattern's `type` or `is_mcp` before sending anything that writes.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] identifier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Payload")] payload: JsValue,
    ) -> Promise {
        let (client, identifier, payload) = (self.client.clone(), string_arg(&identifier, "identifier"), json_value(&payload, "payload"));
        future_to_promise(async move { to_js(&client.update(&identifier?, &payload?).await.map_err(error)?) })
    }

    /// Deletes a connector. Rejects while it has connections; the error's
    /// `hint` says what to do first.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, #[wasm_bindgen(unchecked_param_type = "string")] identifier: JsValue) -> Promise {
        let (client, identifier) = (self.client.clone(), string_arg(&identifier, "identifier"));
        future_to_promise(async move { client.delete(&identifier?).await.map(|()| JsValue::UNDEFINED).map_err(error) })
    }
}

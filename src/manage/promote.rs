//! Dev → Production. The Dev connector is the source of truth; against what
//! Production holds now, the plan is a create or an update, shown in three
//! columns (Dev | Production now | proposed) with the exact request to send.

use serde::Serialize;
use serde_json::Value;

use super::diff::{diff, Change, Summary};
use super::update::{strip_server_keys, update_body};
use crate::error::Error;
use crate::json::{too_deep, TOO_DEEP};

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Production has no such connector.
    Create,
    /// Production has it, and it differs.
    Update,
    /// Production already matches Dev.
    None,
}

/// One row of the three-column view.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub dev: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub production: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub proposed: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

/// The request that carries the plan out, for a person to run.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Request {
    pub method: String,
    /// Path under the environment URL, identifier URL-encoded.
    pub path: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Payload"))]
    pub body: Value,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub action: Action,
    /// Production's identifier, for an update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    pub changes: Vec<Change>,
    pub rows: Vec<Row>,
    pub summary: Summary,
    /// Absent when there is nothing to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
}

/// Plans promoting `dev` to an environment that holds `production` (or not).
pub fn plan(dev: &Value, production: Option<&Value>) -> Result<Plan, Error> {
    if too_deep(dev) || production.is_some_and(too_deep) {
        return Err(Error::new("invalid-argument", TOO_DEEP));
    }
    let source = strip_server_keys(dev);
    let Some(production) = production.filter(|p| !p.is_null()) else {
        let changes = diff(&Value::Object(Default::default()), &source);
        let rows = rows(&source, None, &source, &changes.changes);
        let request = Request { method: "POST".into(), path: "/api/v1/custom-providers".into(), body: source };
        return Ok(Plan { action: Action::Create, identifier: None, changes: changes.changes, rows, summary: changes.summary, request: Some(request) });
    };
    let identifier = production.get("identifier").and_then(Value::as_str).map(str::to_string);
    let body = update_body(production, &source)?;
    let changes = diff(production, &body);
    let rows = rows(&source, Some(production), &body, &changes.changes);
    let request = match (&identifier, changes.changes.is_empty()) {
        (_, true) => None,
        (Some(id), false) => Some(Request { method: "PUT".into(), path: format!("/api/v1/custom-providers/{}", encode(id)), body }),
        (None, false) => return Err(Error::new("invalid-argument", "The Production connector has no identifier").hint("pass the connector as the API returned it")),
    };
    let action = if request.is_some() { Action::Update } else { Action::None };
    Ok(Plan { action, identifier, changes: changes.changes, rows, summary: changes.summary, request })
}

fn rows(dev: &Value, production: Option<&Value>, proposed: &Value, changes: &[Change]) -> Vec<Row> {
    changes
        .iter()
        .map(|change| Row {
            path: change.path.clone(),
            dev: change.after.as_ref().and_then(|_| dev.pointer(&change.path)).cloned(),
            production: production.and(change.before.clone()),
            proposed: proposed.pointer(&change.path).cloned().filter(|_| change.after.is_some()),
            impact: change.impact.clone(),
        })
        .collect()
}

/// Percent-encodes an identifier for a path segment.
pub fn encode(identifier: &str) -> String {
    crate::template::encode(identifier).into_owned()
}

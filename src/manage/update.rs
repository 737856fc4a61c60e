//! The body of an update. The API replaces the whole connector, so the body
//! must be complete: unknown keys the server returned are carried over,
//! `description`, `icon_src` and `metadata` are kept unless given (send an
//! empty value to clear one), `proxy_enabled` is always true, and a change of
//! a pattern's `type` or `is_mcp` is refused before anything is sent.

use serde_json::{Map, Value};

use super::SERVER_KEYS;
use crate::error::Error;
use crate::json::{too_deep, Lookup, TOO_DEEP};
use crate::model::{AuthPattern, Field, OAuthConfig, Payload};

/// Members an update would clear (or may clear) when omitted.
const KEPT_WHEN_OMITTED: &[&str] = &["description", "icon_src", "metadata"];

/// The complete body to `PUT` for `proposed`, given the `current` connector
/// as the server returned it.
pub fn update_body(current: &Value, proposed: &Value) -> Result<Value, Error> {
    let Some(proposed_map) = proposed.as_object() else {
        return Err(Error::new("invalid-argument", "The proposed payload must be a JSON object"));
    };
    if too_deep(current) || too_deep(proposed) {
        return Err(Error::new("invalid-argument", TOO_DEEP));
    }
    check_immutable(current, proposed)?;
    let mut body = proposed_map.clone();
    if let Some(current) = current.as_object() {
        for (key, value) in current {
            let unknown = !Payload::KEYS.contains(&key.as_str()) && !SERVER_KEYS.contains(&key.as_str());
            let kept = KEPT_WHEN_OMITTED.contains(&key.as_str()) && !value.is_null();
            if (unknown || kept) && !body.contains_key(key) {
                body.insert(key.clone(), value.clone());
            }
        }
    }
    body.insert("proxy_enabled".into(), Value::Bool(true));
    let current_patterns = current.get("auth_patterns").and_then(Value::as_array);
    if let (Some(Value::Array(patterns)), Some(current_patterns)) = (body.get_mut("auth_patterns"), current_patterns) {
        for (pattern, old) in patterns.iter_mut().zip(current_patterns) {
            carry_pattern(pattern, old);
        }
    }
    Ok(Value::Object(body))
}

/// Carries a pattern's unknown keys, and those of its OAuth config and of
/// its fields (matched by `field_name`).
fn carry_pattern(pattern: &mut Value, old: &Value) {
    carry_unknown(pattern, old, AuthPattern::KEYS);
    if let (Some(config), Some(old_config)) = (pattern.get_mut("oauth_config"), old.get("oauth_config")) {
        carry_unknown(config, old_config, OAuthConfig::KEYS);
    }
    for list in ["fields", "account_fields"] {
        let Some(old_fields) = old.get(list).and_then(Value::as_array) else { continue };
        let Some(Value::Array(fields)) = pattern.get_mut(list) else { continue };
        // The first old field of each name (an index keeps long lists linear).
        let mut by_name = Lookup::default();
        for (i, old_field) in old_fields.iter().enumerate() {
            if let Some(name) = old_field.get("field_name") {
                by_name.push(&name.to_string(), i);
            }
        }
        for field in fields.iter_mut() {
            let old_field = field.get("field_name").and_then(|name| by_name.first(&name.to_string())).and_then(|i| old_fields.get(i));
            if let Some(old_field) = old_field {
                carry_unknown(field, old_field, Field::KEYS);
            }
        }
    }
}

fn carry_unknown(target: &mut Value, source: &Value, known: &[&str]) {
    let (Some(target), Some(source)) = (target.as_object_mut(), source.as_object()) else { return };
    let carried: Map<String, Value> = source.iter().filter(|(k, _)| !known.contains(&k.as_str()) && !target.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())).collect();
    target.extend(carried);
}

/// Refuses a change of a pattern's `type` or `is_mcp` (absent `is_mcp` is false).
pub fn check_immutable(current: &Value, proposed: &Value) -> Result<(), Error> {
    let patterns = |v| Value::get(v, "auth_patterns").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, (old, new)) in patterns(current).iter().zip(patterns(proposed).iter()).enumerate() {
        let old_type = old.get("type").and_then(Value::as_str).unwrap_or("");
        let new_type = new.get("type").and_then(Value::as_str).unwrap_or("");
        if old_type != new_type {
            return Err(Error::new("immutable-change", format!("The auth pattern's type cannot change on update (it is {old_type}, the update says {new_type})"))
                .path(format!("/auth_patterns/{i}/type"))
                .hint("keep the type, or delete the connector and create it again (its connections must be recreated)"));
        }
        let mcp = |p: &Value| p.get("is_mcp").and_then(Value::as_bool).unwrap_or(false);
        if mcp(old) != mcp(new) {
            return Err(Error::new("immutable-change", format!("The auth pattern's is_mcp cannot change on update (it is {}, the update says {})", mcp(old), mcp(new)))
                .path(format!("/auth_patterns/{i}/is_mcp"))
                .hint("keep is_mcp, or delete the connector and create it again"));
        }
    }
    Ok(())
}

/// A served connector as a payload to send: the server-only keys removed.
pub fn strip_server_keys(connector: &Value) -> Value {
    match connector.as_object() {
        Some(map) => Value::Object(map.iter().filter(|(k, _)| !SERVER_KEYS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()),
        None => connector.clone(),
    }
}

#![cfg(not(target_arch = "wasm32"))]
//! Diff, update body and promotion: fields and scopes matched by name, impacts,
//! unknown keys carried, immutable type and is_mcp, three-column plans.

use connector_kit::manage::diff::{diff, ChangeKind};
use connector_kit::manage::promote::{encode, plan, Action};
use connector_kit::manage::update::{check_immutable, update_body};
use connector_kit::presets;
use serde_json::{json, Value};

fn asana() -> Value {
    serde_json::from_str(presets::find("oauth-asana").unwrap().json).unwrap()
}

fn served(mut payload: Value) -> Value {
    let map = payload.as_object_mut().unwrap();
    map.insert("id".into(), json!("prv_1"));
    map.insert("identifier".into(), json!("my_asana"));
    map.insert("is_custom".into(), json!(true));
    map.insert("is_custom_mcp".into(), json!(false));
    map.insert("categories".into(), json!([]));
    map.insert("metadata".into(), json!({}));
    payload
}

#[test]
fn identical_payloads_have_no_changes() {
    let d = diff(&served(asana()), &asana());
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    assert!(d.summary.changed.is_empty());
    assert!(d.summary.text.contains("proxy_url: unchanged"));
}

#[test]
fn scopes_are_matched_by_name_and_called_out() {
    let current = asana();
    let mut proposed = asana();
    let scopes = proposed["auth_patterns"][0]["oauth_config"]["available_scopes"].as_array_mut().unwrap();
    scopes.reverse(); // reordering alone is no change
    scopes.retain(|s| s["scope"] != "profile");
    scopes.push(json!({"scope": "tasks:read", "display_name": "Tasks", "description": "Read tasks", "required": false}));
    let d = diff(&current, &proposed);
    assert_eq!(d.summary.scopes_added, ["tasks:read"]);
    assert_eq!(d.summary.scopes_removed, ["profile"]);
    assert!(d.summary.reauthorize);
    assert_eq!(d.summary.changed, ["auth_patterns"]);
    let added = d.changes.iter().find(|c| c.kind == ChangeKind::Added).unwrap();
    assert_eq!(added.path, "/auth_patterns/0/oauth_config/available_scopes/1");
    assert!(added.before.is_none());
    assert!(added.impact.as_deref().unwrap().contains("re-authorize"));
    let removed = d.changes.iter().find(|c| c.kind == ChangeKind::Removed).unwrap();
    assert_eq!(removed.path, "/auth_patterns/0/oauth_config/available_scopes/0");
    assert!(removed.after.is_none());
}

#[test]
fn fields_are_matched_by_field_name() {
    let current: Value = serde_json::from_str(presets::find("basic-freshdesk").unwrap().json).unwrap();
    let mut proposed = current.clone();
    let fields = proposed["auth_patterns"][0]["fields"].as_array_mut().unwrap();
    fields.swap(0, 1);
    fields[0]["label"] = json!("Freshdesk API Key");
    fields.push(json!({"field_name": "region", "label": "Region", "input_type": "text", "required": true}));
    let d = diff(&current, &proposed);
    let paths: Vec<(&str, ChangeKind)> = d.changes.iter().map(|c| (c.path.as_str(), c.kind)).collect();
    assert_eq!(paths, [("/auth_patterns/0/fields/0/label", ChangeKind::Changed), ("/auth_patterns/0/fields/2", ChangeKind::Added)]);
    assert_eq!(d.changes[0].before, Some(json!("API Key")));
    assert_eq!(d.changes[0].impact, None, "a label is cosmetic");
    assert!(d.changes[1].impact.as_deref().unwrap().contains("required"));
}

#[test]
fn host_changes_header_and_mutation_changes_have_impacts() {
    let current: Value = serde_json::from_str(presets::find("bearer-token").unwrap().json).unwrap();
    let mut proposed = current.clone();
    proposed["proxy_url"] = json!("https://api.other.com");
    proposed["auth_patterns"][0]["auth_header_key_override"] = json!("X-Token");
    proposed["auth_patterns"][0]["auth_field_mutations"] = json!({"token": {"prefix": "tok "}});
    let d = diff(&current, &proposed);
    let impact = |p: &str| d.changes.iter().find(|c| c.path.starts_with(p)).and_then(|c| c.impact.clone()).unwrap();
    assert!(impact("/proxy_url").contains("different host"));
    assert!(impact("/auth_patterns/0/auth_header_key_override").contains("different header"));
    assert!(impact("/auth_patterns/0/auth_field_mutations").contains("changes form"));
    assert!(d.summary.recreate_connections);
    assert!(d.summary.text.contains("proxy_url: \"https://api.example.com\" → \"https://api.other.com\""));
    let mut same_host = current.clone();
    same_host["proxy_url"] = json!("https://api.example.com/v2");
    assert!(diff(&current, &same_host).changes[0].impact.as_deref().unwrap().contains("base URL"));
}

#[test]
fn null_absent_and_empty_lists_are_the_same() {
    let current = json!({"display_name": "A", "auth_patterns": [{"type": "OAUTH", "fields": null, "account_fields": null, "oauth_config": {"authorize_uri": "https://a", "token_uri": "https://t", "available_scopes": null}}], "description": null});
    let proposed = json!({"display_name": "A", "auth_patterns": [{"type": "OAUTH", "fields": [], "oauth_config": {"authorize_uri": "https://a", "token_uri": "https://t", "available_scopes": []}}]});
    assert_eq!(diff(&current, &proposed).changes, vec![]);
}

#[test]
fn update_body_is_complete_and_keeps_unknown_keys() {
    let mut current = served(asana());
    current["metadata"] = json!({"team": "crm"});
    current["x_server_extra"] = json!({"kept": true});
    current["auth_patterns"][0]["x_pattern_extra"] = json!(1);
    current["auth_patterns"][0]["oauth_config"]["allowed_redirects"] = json!(["a"]);
    let mut proposed = asana();
    proposed.as_object_mut().unwrap().remove("description");
    proposed.as_object_mut().unwrap().remove("proxy_enabled");
    let body = update_body(&current, &proposed).unwrap();
    assert_eq!(body["x_server_extra"], json!({"kept": true}));
    assert_eq!(body["auth_patterns"][0]["x_pattern_extra"], json!(1));
    assert_eq!(body["auth_patterns"][0]["oauth_config"]["allowed_redirects"], json!(["a"]));
    assert_eq!(body["metadata"], json!({"team": "crm"}), "omitted metadata would be cleared");
    assert_eq!(body["description"], current["description"], "omitted description is kept");
    assert_eq!(body["proxy_enabled"], json!(true));
    for key in ["id", "identifier", "is_custom", "is_custom_mcp", "categories"] {
        assert!(body.get(key).is_none(), "{key} is the server's");
    }
    let mut clear = asana();
    clear["metadata"] = json!({});
    assert_eq!(update_body(&current, &clear).unwrap()["metadata"], json!({}), "an explicit empty value clears");
}

#[test]
fn type_and_is_mcp_cannot_change() {
    let current = served(asana());
    let mut proposed = asana();
    proposed["auth_patterns"][0]["type"] = json!("BEARER");
    let err = update_body(&current, &proposed).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_deref()), ("immutable-change", Some("/auth_patterns/0/type")));
    let mut proposed = asana();
    proposed["auth_patterns"][0]["is_mcp"] = json!(true);
    let err = check_immutable(&current, &proposed).unwrap_err();
    assert_eq!(err.path.as_deref(), Some("/auth_patterns/0/is_mcp"));
    let mut same = asana();
    same["auth_patterns"][0]["is_mcp"] = json!(false);
    assert!(check_immutable(&current, &same).is_ok(), "absent is_mcp is false");
}

#[test]
fn promotion_creates_updates_or_does_nothing() {
    let dev = served(asana());
    let create = plan(&dev, None).unwrap();
    assert_eq!(create.action, Action::Create);
    let request = create.request.unwrap();
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/api/v1/custom-providers"));
    assert!(request.body.get("id").is_none());
    assert!(create.rows.iter().all(|r| r.production.is_none() && r.proposed.is_some()));

    let mut production = served(asana());
    production["identifier"] = json!("my:asana prod");
    assert_eq!(plan(&dev, Some(&production)).unwrap().action, Action::None);

    production["proxy_url"] = json!("https://old.asana.com/api");
    let update = plan(&dev, Some(&production)).unwrap();
    assert_eq!(update.action, Action::Update);
    let request = update.request.unwrap();
    assert_eq!(request.path, "/api/v1/custom-providers/my%3Aasana%20prod");
    let row = update.rows.iter().find(|r| r.path == "/proxy_url").unwrap();
    assert_eq!(row.dev, Some(json!("https://app.asana.com/api")));
    assert_eq!(row.production, Some(json!("https://old.asana.com/api")));
    assert_eq!(row.proposed, Some(json!("https://app.asana.com/api")));

    let mut other_type = production.clone();
    other_type["auth_patterns"][0]["type"] = json!("BEARER");
    assert_eq!(plan(&dev, Some(&other_type)).unwrap_err().code, "immutable-change");
    assert_eq!(encode("a/b c"), "a%2Fb%20c");
}

#[test]
fn an_empty_string_the_server_fills_in_is_no_change() {
    let mut current = served(asana());
    current["icon_src"] = json!("");
    assert!(diff(&current, &asana()).changes.is_empty());
}

#[test]
fn a_repeated_field_name_pairs_with_its_own_copy() {
    // Found by fuzz/manage: with two fields named `token`, both copies were
    // compared with the first, so a payload differed from itself.
    let mut payload: Value = serde_json::from_str(presets::find("mcp-bearer-apify").unwrap().json).unwrap();
    let fields = payload["auth_patterns"][0]["fields"].as_array_mut().unwrap();
    let mut copy = fields[0].clone();
    copy["required"] = Value::Null;
    fields.push(copy);
    assert_eq!(diff(&payload, &payload).changes, []);
    // Against one copy, the second is the one added (and removed the other way).
    let mut one = payload.clone();
    one["auth_patterns"][0]["fields"].as_array_mut().unwrap().pop();
    let added = diff(&one, &payload).changes;
    assert_eq!((added.len(), added[0].path.as_str(), added[0].kind), (1, "/auth_patterns/0/fields/1", ChangeKind::Added));
    let removed = diff(&payload, &one).changes;
    assert_eq!((removed.len(), removed[0].path.as_str(), removed[0].kind), (1, "/auth_patterns/0/fields/1", ChangeKind::Removed));
}

/// A served BEARER connector with `n` fields, reordered when `reversed`.
fn with_fields(n: usize, reversed: bool) -> Value {
    let mut fields: Vec<Value> = (0..n).map(|i| json!({"field_name": format!("f{i}"), "label": "F", "input_type": "text", "x_served": i})).collect();
    if reversed {
        fields.reverse();
    }
    served(json!({"display_name": "Acme", "auth_patterns": [{"type": "BEARER", "fields": fields}], "proxy_url": "https://a.com", "categories": (0..n).map(|i| i.to_string()).collect::<Vec<_>>()}))
}

#[test]
fn long_lists_are_compared_in_linear_time() {
    // Found by the 10 MB input test: fields were paired, and unknown keys
    // carried, by a search through the other list for each one.
    let (current, proposed) = (with_fields(100_000, false), with_fields(100_000, true));
    let started = std::time::Instant::now();
    assert_eq!(diff(&current, &proposed).changes, []);
    let body = update_body(&current, &proposed).unwrap();
    assert_eq!(body["auth_patterns"][0]["fields"][0]["x_served"], 99_999);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
}

#[test]
fn values_nested_deeper_than_a_parser_allows_are_refused() {
    // A `Value` built in code can nest 10,000 levels; walking or cloning it
    // overflowed the stack. Refused first, like the JSON text would be.
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut deep = json!(1);
            for _ in 0..10_000 {
                deep = Value::Array(vec![deep]);
            }
            let mut proposed = asana();
            proposed.as_object_mut().unwrap().insert("metadata".into(), deep);
            let d = diff(&asana(), &proposed);
            assert_eq!(d.changes.len(), 1);
            assert!(d.summary.text.contains("deeper than 127 levels"), "{}", d.summary.text);
            assert_eq!(update_body(&served(asana()), &proposed).unwrap_err().code, "invalid-argument");
            assert!(plan(&proposed, None).unwrap_err().message.contains("deeper than 127 levels"));
            // Dropped level by level: `Value`'s own drop recurses too.
            let mut stack = vec![proposed];
            while let Some(value) = stack.pop() {
                match value {
                    Value::Array(items) => stack.extend(items),
                    Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
                    _ => {}
                }
            }
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
}

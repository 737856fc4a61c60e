#![cfg(not(target_arch = "wasm32"))]
//! Presets are the provider's documented examples (verbatim) plus NO_AUTH
//! MCP, and every one is valid; the builder makes complete, valid payloads.

use connector_kit::builder::{build, Blueprint};
use connector_kit::diagnostics::Severity;
use connector_kit::presets::{self, PRESETS};
use connector_kit::validate::{validate, Options};
use serde_json::{json, Value};

fn problems(text: &str) -> Vec<String> {
    validate(text, &Options::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| format!("{} {} {}", d.code, d.path, d.message))
        .collect()
}

#[test]
fn every_preset_is_valid_without_warnings() {
    assert_eq!(PRESETS.len(), 9);
    for preset in PRESETS {
        assert_eq!(problems(preset.json), Vec::<String>::new(), "{}", preset.name);
        let value: Value = serde_json::from_str(preset.json).unwrap();
        let pattern = &value["auth_patterns"][0];
        assert_eq!(pattern["type"], preset.auth_type, "{}", preset.name);
        assert_eq!(pattern["is_mcp"].as_bool().unwrap_or(false), preset.mcp, "{}", preset.name);
    }
}

#[test]
fn presets_are_the_documented_examples_verbatim() {
    for entry in std::fs::read_dir("tests/fixtures/examples").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let preset = presets::find(&name).unwrap_or_else(|| panic!("no preset {name}"));
        assert_eq!(preset.json, std::fs::read_to_string(&path).unwrap(), "{name}");
    }
    assert!(presets::find("nope").is_none());
}

fn built(blueprint: Value) -> Value {
    let blueprint = Blueprint::from_json(&blueprint).unwrap();
    let payload = build(&blueprint).unwrap();
    let text = serde_json::to_string_pretty(&payload).unwrap();
    assert_eq!(problems(&text), Vec::<String>::new(), "{text}");
    payload
}

#[test]
fn builds_each_auth_type() {
    let bearer = built(json!({"name": "Acme", "type": "BEARER", "baseUrl": "https://api.acme.com"}));
    assert_eq!(bearer["auth_patterns"][0]["fields"][0]["field_name"], "token");
    assert_eq!(bearer["auth_patterns"][0]["fields"][0]["input_type"], "password");
    assert_eq!(bearer["proxy_enabled"], true);

    let basic = built(json!({"name": "Acme", "type": "basic", "baseUrl": "https://api.acme.com"}));
    let names: Vec<&str> = basic["auth_patterns"][0]["fields"].as_array().unwrap().iter().map(|f| f["field_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["username", "password"]);

    let key = built(json!({"name": "Klaviyo", "type": "API_KEY", "baseUrl": "https://a.klaviyo.com/api",
        "mutations": {"api_key": {"prefix": "Klaviyo-API-Key "}}, "headerOverride": "Authorization"}));
    assert_eq!(key["auth_patterns"][0]["auth_field_mutations"]["api_key"]["prefix"], "Klaviyo-API-Key ");

    let none = built(json!({"name": "Docs", "type": "NO_AUTH", "mcp": true, "baseUrl": "https://mcp.example.com/mcp"}));
    assert_eq!(none["auth_patterns"][0]["fields"], json!([]));
    assert_eq!(none["auth_patterns"][0]["is_mcp"], true);
}

#[test]
fn builds_rest_and_mcp_oauth() {
    let rest = built(json!({"name": "Asana", "type": "OAUTH", "baseUrl": "https://app.asana.com/api",
        "authorizeUri": "https://app.asana.com/-/oauth_authorize", "tokenUri": "https://app.asana.com/-/oauth_token",
        "scopes": ["profile", {"scope": "email", "required": true}]}));
    let config = &rest["auth_patterns"][0]["oauth_config"];
    assert_eq!(config["available_scopes"][0]["scope"], "profile");
    assert_eq!(config["available_scopes"][1]["required"], true);
    let mcp = built(json!({"name": "Github MCP", "type": "OAUTH", "mcp": true, "baseUrl": "https://api.githubcopilot.com/mcp/"}));
    assert_eq!(mcp["auth_patterns"][0]["oauth_config"], json!({"pkce_enabled": true}));
}

#[test]
fn url_placeholders_become_inputs_in_the_right_list() {
    let freshdesk = built(json!({"name": "Freshdesk", "type": "BASIC", "baseUrl": "https://{{domain}}/api",
        "mutations": {"password": {"default": "X"}}}));
    let fields = freshdesk["auth_patterns"][0]["fields"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f["field_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["username", "domain"], "password comes from the default");
    assert!(fields[1].get("is_path_param").is_none(), "domain is filled by name");

    let jira = built(json!({"name": "Jira", "type": "OAUTH", "baseUrl": "https://api.atlassian.com/ex/{{cloud_id}}",
        "authorizeUri": "https://auth.atlassian.com/authorize", "tokenUri": "https://auth.atlassian.com/oauth/token"}));
    let pattern = &jira["auth_patterns"][0];
    assert_eq!(pattern["fields"], json!([]));
    assert_eq!(pattern["account_fields"][0]["field_name"], "cloud_id");
    assert_eq!(pattern["account_fields"][0]["label"], "Cloud Id");
    assert_eq!(pattern["account_fields"][0]["is_path_param"], true);

    let select = built(json!({"name": "Acme", "type": "BEARER", "baseUrl": "https://{{region}}.acme.com",
        "inputs": [{"name": "region", "options": ["us=United States", "eu=Europe"]}]}));
    let region = &select["auth_patterns"][0]["fields"][1];
    assert_eq!(region["input_type"], "select");
    assert_eq!(region["options"][1], json!({"value": "eu", "display_name": "Europe"}));
}

#[test]
fn bad_blueprints_are_errors() {
    let bad = Blueprint::from_json(&json!({"name": "A", "type": "OAUTH2", "baseUrl": "https://a.com"})).unwrap();
    let err = build(&bad).unwrap_err();
    assert_eq!(err.code, "auth-type-unknown");
    let bad = Blueprint::from_json(&json!({"name": "A", "type": "BEARER", "baseUrl": "https://{{ x }}"})).unwrap();
    assert_eq!(build(&bad).unwrap_err().code, "template-syntax");
    let err = Blueprint::from_json(&json!({"name": "A", "type": "BEARER", "baseUrl": "x", "inputs": [{"name": "a", "lable": "A"}]})).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_deref(), err.hint.as_deref()), ("invalid-blueprint", Some("/inputs/0/lable"), Some("did you mean `label`?")));
    let err = Blueprint::from_json(&json!({"name": "A", "type": "BEARER", "baseUrl": "x", "mcp": "yes"})).unwrap_err();
    assert_eq!((err.path.as_deref(), err.message.as_str()), (Some("/mcp"), "`/mcp` must be true or false"));
    assert_eq!(Blueprint::from_json(&json!({"name": "A", "type": "BEARER"})).unwrap_err().path.as_deref(), Some("/baseUrl"));
}

#[test]
fn many_inputs_and_placeholders_build_in_linear_time() {
    // Found by a 10 MB input: each input was looked up among the URL's
    // placeholders and each placeholder among the inputs, so a blueprint with
    // 100,000 of each took minutes.
    let n = 50_000;
    let url: String = std::iter::once("https://api.example.com/".to_string()).chain((0..n).map(|i| format!("{{{{v{i}}}}}/"))).collect();
    let inputs: Vec<Value> = (0..n).map(|i| json!({"name": format!("v{}", i * 2)})).collect();
    let blueprint = Blueprint::from_json(&json!({"name": "Acme", "type": "BEARER", "baseUrl": url, "inputs": inputs})).unwrap();
    let started = std::time::Instant::now();
    let payload = build(&blueprint).unwrap();
    let fields = payload["auth_patterns"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1 + n + n / 2, "token, the inputs, then the placeholders without one");
    assert_eq!(fields[1]["is_path_param"], true, "v0 is in the URL");
    assert!(fields[n]["is_path_param"].is_null(), "v{} is not", (n - 1) * 2);
    assert_eq!(fields[n + 1]["field_name"], "v1");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
}

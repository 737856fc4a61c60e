#![cfg(not(target_arch = "wasm32"))]
//! OpenAPI import: realistic documents (tests/fixtures/openapi/) become payloads
//! that validate cleanly, and whatever a connector cannot express is a note. The
//! MCP decision picks the connector that fits from discovery findings. Nothing
//! panics on any input.

use connector_kit::builder::{build, Blueprint};
use connector_kit::diagnostics::Severity;
use connector_kit::openapi::{import, import_text, mcp, Import, Options, Server};
use connector_kit::validate::{validate, Options as ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/openapi/{name}")).unwrap()
}

fn run(name: &str, options: &Options) -> Import {
    import_text(&fixture(name), options).unwrap()
}

fn default(name: &str) -> Import {
    run(name, &Options::default())
}

/// `severity code path` of every note.
fn notes(result: &Import) -> Vec<String> {
    result.notes.iter().map(|n| format!("{:?} {} {}", n.severity, n.code, n.path)).collect()
}

fn message(result: &Import, code: &str) -> String {
    result.notes.iter().find(|n| n.code == code).map(|n| n.message.clone()).unwrap_or_else(|| panic!("no note {code} in {:?}", notes(result)))
}

/// Every diagnostic of the payload, as `code path`.
fn diagnostics(payload: &Value) -> Vec<String> {
    validate(&payload.to_string(), &ValidateOptions::default()).diagnostics.into_iter().map(|d| format!("{} {}", d.code, d.path)).collect()
}

fn payload(result: &Import) -> &Value {
    result.payload.as_ref().unwrap_or_else(|| panic!("no payload: {:?}", notes(result)))
}

fn pattern(result: &Import) -> &Value {
    &payload(result)["auth_patterns"][0]
}

#[test]
fn swagger2_api_key_header() {
    let result = default("petstore-swagger2.json");
    let p = payload(&result);
    assert_eq!(p["display_name"], "Swagger Petstore");
    assert_eq!(p["proxy_url"], "https://petstore.swagger.io/v2");
    assert_eq!(pattern(&result)["type"], "API_KEY");
    assert_eq!(pattern(&result)["auth_header_key_override"], "api_key");
    assert_eq!(pattern(&result)["fields"][0]["field_name"], "api_key");
    assert_eq!(result.scheme.as_deref(), Some("api_key"));
    // The implicit flow is said, not dropped.
    assert_eq!(notes(&result), ["Info security-unsupported /securityDefinitions/petstore_auth"]);
    assert!(message(&result, "security-unsupported").contains("`implicit` flow"));
    assert_eq!(diagnostics(p), Vec::<String>::new());
}

#[test]
fn openapi30_oauth_with_server_variables() {
    let result = default("oauth-server-variables-3.0.json");
    let p = payload(&result);
    assert_eq!(p["proxy_url"], "https://{{region}}.api.acme-crm.com/{{version}}");
    let pattern = pattern(&result);
    assert_eq!(pattern["type"], "OAUTH");
    assert_eq!(pattern["oauth_config"]["authorize_uri"], "https://login.acme-crm.com/oauth2/authorize");
    assert_eq!(pattern["oauth_config"]["token_uri"], "https://login.acme-crm.com/oauth2/token");
    let scopes: Vec<(&str, &str, bool)> = pattern["oauth_config"]["available_scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["scope"].as_str().unwrap(), s["description"].as_str().unwrap(), s["required"].as_bool().unwrap()))
        .collect();
    assert_eq!(scopes, [("contacts.read", "Read contacts", true), ("contacts.write", "Create and update contacts", false), ("deals.read", "Read deals", false)]);
    // Server variables are account fields of an OAUTH pattern; the enum is a select with its default.
    let region = &pattern["account_fields"][0];
    assert_eq!(region["field_name"], "region");
    assert_eq!(region["input_type"], "select");
    assert_eq!(region["is_path_param"], true);
    assert_eq!(region["hint"], "Data residency region of your account (default: us)");
    assert_eq!(region["options"], json!([{"value": "us", "display_name": "us", "default": true}, {"value": "eu", "display_name": "eu"}, {"value": "ap", "display_name": "ap"}]));
    let version = &pattern["account_fields"][1];
    assert_eq!((version["field_name"].as_str(), version["input_type"].as_str(), version.get("is_path_param")), (Some("version"), Some("text"), None));
    assert_eq!(version["hint"], "API version (default: v2)");
    assert_eq!(notes(&result), ["Info server-choice /servers"]);
    assert!(message(&result, "server-choice").contains("1: https://sandbox.acme-crm.com/v2"));
    assert_eq!(diagnostics(p), Vec::<String>::new());
}

#[test]
fn choosing_a_server() {
    let sandbox = run("oauth-server-variables-3.0.json", &Options { server: Some(Server::Index(1)), ..Options::default() });
    assert_eq!(payload(&sandbox)["proxy_url"], "https://sandbox.acme-crm.com/v2");
    assert_eq!(pattern(&sandbox).get("account_fields"), None);
    assert_eq!(notes(&sandbox), Vec::<String>::new());
    let given = run("oauth-server-variables-3.0.json", &Options { server: Some(Server::Url("https://eu.api.acme-crm.com/v3/".into())), ..Options::default() });
    assert_eq!(payload(&given)["proxy_url"], "https://eu.api.acme-crm.com/v3");
    // A URL that is one of the document's servers keeps its variables.
    let listed = run("oauth-server-variables-3.0.json", &Options { server: Some(Server::Url("https://{region}.api.acme-crm.com/{version}".into())), ..Options::default() });
    assert_eq!(payload(&listed)["proxy_url"], "https://{{region}}.api.acme-crm.com/{{version}}");
    let err = import_text(&fixture("oauth-server-variables-3.0.json"), &Options { server: Some(Server::Index(2)), ..Options::default() }).unwrap_err();
    assert_eq!((err.code.as_str(), err.hint.as_deref()), ("unknown-server", Some("choose 0 to 1, or pass a URL")));
    let err = import_text(&fixture("petstore-swagger2.json"), &Options { server: Some(Server::Index(1)), ..Options::default() }).unwrap_err();
    assert_eq!(err.code, "unknown-server");
}

#[test]
fn openapi31_http_bearer() {
    let result = default("bearer-3.1.json");
    let p = payload(&result);
    assert_eq!(pattern(&result)["type"], "BEARER");
    assert_eq!(pattern(&result)["fields"][0]["field_name"], "token");
    assert_eq!(p["proxy_url"], "https://api.taskboard.dev/v1", "the trailing slash is dropped");
    assert_eq!(p["description"], "Projects and tasks for small teams", "info.summary");
    assert_eq!(notes(&result), Vec::<String>::new());
    assert_eq!(diagnostics(p), Vec::<String>::new());
}

#[test]
fn api_key_in_query_is_refused_plainly() {
    let result = default("apikey-query-3.0.json");
    assert!(result.payload.is_none());
    assert_eq!(notes(&result), ["Error security-unsupported /components/securitySchemes/appid", "Error security-unsupported /components/securitySchemes"]);
    assert!(message(&result, "security-unsupported").contains("query parameter `appid`"));
    // In a cookie, too.
    let mut doc: Value = serde_json::from_str(&fixture("apikey-query-3.0.json")).unwrap();
    doc["components"]["securitySchemes"]["appid"]["in"] = json!("cookie");
    let result = import(&doc, &Options::default()).unwrap();
    assert!(result.payload.is_none() && message(&result, "security-unsupported").contains("cookie `appid`"));
}

#[test]
fn several_schemes_pick_one_and_list_the_others() {
    let result = default("several-schemes-3.0.json");
    assert_eq!(pattern(&result)["type"], "API_KEY");
    assert_eq!(pattern(&result)["auth_header_key_override"], "x-api-key");
    assert_eq!(
        notes(&result),
        [
            "Info openapi-name /info/title",
            "Info security-alternative /components/securitySchemes/oauth",
            "Info security-alternative /components/securitySchemes/basicAuth",
            "Info security-unsupported /components/securitySchemes/queryToken",
        ]
    );
    assert_eq!(payload(&result)["display_name"], "Harvest style Time Tracking API");
    assert_eq!(diagnostics(payload(&result)), Vec::<String>::new());

    let oauth = run("several-schemes-3.0.json", &Options { security_scheme: Some("oauth".into()), ..Options::default() });
    let config = &pattern(&oauth)["oauth_config"];
    assert_eq!(config["token_uri"], "https://id.timetrack.example/api/v2/oauth2/token");
    assert_eq!(config["available_scopes"][0]["required"], true, "time:read is required by `security`");
    assert_eq!(config["available_scopes"][1]["required"], false);
    assert!(message(&oauth, "oauth-flows").contains("clientCredentials"));
    assert_eq!(diagnostics(payload(&oauth)), Vec::<String>::new());

    let basic = run("several-schemes-3.0.json", &Options { security_scheme: Some("basicAuth".into()), ..Options::default() });
    assert_eq!(pattern(&basic)["type"], "BASIC");
    assert_eq!(diagnostics(payload(&basic)), Vec::<String>::new());

    let query = run("several-schemes-3.0.json", &Options { security_scheme: Some("queryToken".into()), ..Options::default() });
    assert!(query.payload.is_none() && query.has_errors());

    let err = import_text(&fixture("several-schemes-3.0.json"), &Options { security_scheme: Some("oaut".into()), ..Options::default() }).unwrap_err();
    assert_eq!((err.code.as_str(), err.hint.as_deref()), ("unknown-security-scheme", Some("did you mean `oauth`?")));
    let err = import_text(&fixture("several-schemes-3.0.json"), &Options { security_scheme: Some("zzz".into()), ..Options::default() }).unwrap_err();
    assert_eq!(err.hint.as_deref(), Some("the document's schemes: apiKeyHeader, oauth, basicAuth, queryToken"));
}

#[test]
fn openid_connect_needs_and_uses_its_discovery_document() {
    let without = default("openid-3.0.json");
    assert_eq!(without.discovery_url.as_deref(), Some("https://login.northwind.example/.well-known/openid-configuration"));
    assert_eq!(notes(&without), ["Error oidc-discovery-needed /components/securitySchemes/oidc/openIdConnectUrl"]);
    assert!(message(&without, "oidc-discovery-needed").contains("as `discovery`"));

    let discovery: Value = serde_json::from_str(&fixture("openid-discovery.json")).unwrap();
    let with = run("openid-3.0.json", &Options { discovery: Some(discovery), ..Options::default() });
    assert_eq!(with.discovery_url, None);
    assert_eq!(notes(&with), Vec::<String>::new());
    let config = &pattern(&with)["oauth_config"];
    assert_eq!(config["authorize_uri"], "https://login.northwind.example/oauth2/v1/authorize");
    assert_eq!(config["token_uri"], "https://login.northwind.example/oauth2/v1/token");
    assert_eq!(config["user_info_uri"], "https://login.northwind.example/oauth2/v1/userinfo");
    assert_eq!(config["pkce_enabled"], true, "S256 is advertised");
    let required: Vec<&str> = config["available_scopes"].as_array().unwrap().iter().filter(|s| s["required"] == true).map(|s| s["scope"].as_str().unwrap()).collect();
    assert_eq!(required, ["openid", "payroll.read"]);
    assert_eq!(config["available_scopes"].as_array().unwrap().len(), 6);
    assert_eq!(diagnostics(payload(&with)), Vec::<String>::new());

    let incomplete = run("openid-3.0.json", &Options { discovery: Some(json!({"issuer": "https://login.northwind.example"})), ..Options::default() });
    assert_eq!(incomplete.notes.iter().filter(|n| n.code == "oidc-discovery-incomplete").count(), 2);
}

#[test]
fn broken_documents_are_clear_errors() {
    let broken = default("broken.json");
    assert!(broken.payload.is_none());
    assert_eq!(notes(&broken), ["Error openapi-invalid "]);
    assert!(message(&broken, "openapi-invalid").starts_with("The document is not valid JSON: EOF while parsing"), "{}", message(&broken, "openapi-invalid"));

    let other = default("not-openapi.json");
    assert_eq!(message(&other, "openapi-invalid"), "Not an OpenAPI document: it has neither `openapi` (3.x) nor `swagger` (2.0)");

    let yaml = import_text("openapi: 3.0.0\ninfo:\n  title: x\n", &Options::default()).unwrap();
    assert!(message(&yaml, "openapi-invalid").contains("YAML"));
    let array = import(&json!([1, 2]), &Options::default()).unwrap();
    assert_eq!(message(&array, "openapi-invalid"), "An OpenAPI document is a JSON object");
    let future = import(&json!({"openapi": "4.0.0"}), &Options::default()).unwrap();
    assert_eq!(notes(&future), ["Error openapi-version /openapi"]);
    let swagger1 = import(&json!({"swagger": "1.2"}), &Options::default()).unwrap();
    assert_eq!(notes(&swagger1), ["Error openapi-version /swagger"]);
}

/// A 3.0 document with one bearer scheme around the given members.
fn doc3(extra: Value) -> Value {
    let mut doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    });
    for (key, value) in extra.as_object().unwrap() {
        doc[key] = value.clone();
    }
    doc
}

fn import3(extra: Value) -> Import {
    import(&doc3(extra), &Options::default()).unwrap()
}

#[test]
fn servers_that_need_a_word() {
    let http = import3(json!({"servers": [{"url": "http://api.example.com/v1"}]}));
    assert_eq!(payload(&http)["proxy_url"], "https://api.example.com/v1");
    assert_eq!(notes(&http), ["Warning server-not-https /servers/0/url"]);

    let none = import3(json!({"servers": []}));
    assert_eq!(payload(&none)["proxy_url"], "");
    assert_eq!(notes(&none), ["Error server-missing /servers"]);

    let relative = import3(json!({"servers": [{"url": "/api/v2"}]}));
    assert_eq!(notes(&relative), ["Error server-relative /servers/0/url"]);
    let resolved = import(&doc3(json!({"servers": [{"url": "/api/v2"}]})), &Options { document_url: Some("https://docs.example.com/specs/openapi.json".into()), ..Options::default() }).unwrap();
    assert_eq!(payload(&resolved)["proxy_url"], "https://docs.example.com/api/v2");
    let beside = import(&doc3(json!({"servers": [{"url": "v2"}]})), &Options { document_url: Some("https://docs.example.com/specs/openapi.json".into()), ..Options::default() }).unwrap();
    assert_eq!(payload(&beside)["proxy_url"], "https://docs.example.com/specs/v2");

    let ftp = import3(json!({"servers": [{"url": "ftp://files.example.com"}]}));
    assert_eq!(notes(&ftp), ["Error server-not-https /servers/0/url"]);

    // A variable in the port (or scheme) takes its default: a connector fills hosts, paths and queries only.
    let port = import3(json!({"servers": [{"url": "{scheme}://{tenant}.example.com:{port}/api", "variables": {
        "scheme": {"default": "https", "enum": ["https", "http"]}, "tenant": {"default": "demo"}, "port": {"default": "8443"}
    }}]}));
    assert_eq!(payload(&port)["proxy_url"], "https://{{tenant}}.example.com:8443/api");
    assert_eq!(notes(&port), ["Info server-variable /servers/0/variables/scheme", "Info server-variable /servers/0/variables/port"]);
    assert_eq!(diagnostics(payload(&port)), Vec::<String>::new());

    // Names a field cannot take, or a credential's name, become other names.
    let names = import3(json!({"servers": [{"url": "https://{my host}.example.com/{token}", "variables": {"my host": {"default": "a"}, "token": {"default": "b"}}}]}));
    assert_eq!(payload(&names)["proxy_url"], "https://{{my_host}}.example.com/{{token_param}}");
    assert_eq!(pattern(&names)["fields"][0]["field_name"], "token", "the credential stays");
    assert_eq!(diagnostics(payload(&names)), Vec::<String>::new());

    let undefined = import3(json!({"servers": [{"url": "https://api.example.com/{version}", "variables": {}}]}));
    assert_eq!(notes(&undefined), ["Warning server-variable /servers/0/url"]);
}

#[test]
fn swagger2_servers() {
    let base = json!({"swagger": "2.0", "info": {"title": "Old API", "version": "1"}, "host": "old.example.com", "basePath": "/api/",
        "securityDefinitions": {"basic": {"type": "basic"}}});
    let only_http = import(&json!({"schemes": ["http"]}).as_object().unwrap().iter().fold(base.clone(), |mut d, (k, v)| { d[k] = v.clone(); d }), &Options::default()).unwrap();
    assert_eq!(payload(&only_http)["proxy_url"], "https://old.example.com/api");
    assert_eq!(notes(&only_http), ["Warning server-not-https /schemes"]);
    assert_eq!(pattern(&only_http)["type"], "BASIC");
    let unsaid = import(&base, &Options::default()).unwrap();
    assert_eq!(notes(&unsaid), ["Info server-scheme /schemes"]);
    let mut hostless = base.clone();
    hostless.as_object_mut().unwrap().remove("host");
    assert_eq!(notes(&import(&hostless, &Options::default()).unwrap()), ["Error server-missing /host"]);
    let from_url = import(&hostless, &Options { document_url: Some("https://old.example.com:8443/docs/swagger.json".into()), ..Options::default() }).unwrap();
    assert_eq!(payload(&from_url)["proxy_url"], "https://old.example.com:8443/api");
    let accesscode = json!({"swagger": "2.0", "info": {"title": "Old API", "version": "1"}, "host": "old.example.com", "schemes": ["https"],
        "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://old.example.com/oauth/authorize", "tokenUrl": "https://old.example.com/oauth/token", "scopes": {"read": "Read"}}}});
    let result = import(&accesscode, &Options::default()).unwrap();
    assert_eq!(pattern(&result)["oauth_config"]["authorize_uri"], "https://old.example.com/oauth/authorize");
    assert_eq!(notes(&result), Vec::<String>::new());
    assert_eq!(diagnostics(payload(&result)), Vec::<String>::new());
}

#[test]
fn schemes_a_connector_cannot_express() {
    let schemes = |s: Value| import3(json!({"components": {"securitySchemes": s}}));
    for (scheme, words) in [
        (json!({"type": "mutualTLS"}), "mutual TLS"),
        (json!({"type": "http", "scheme": "digest"}), "HTTP `digest`"),
        (json!({"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a.example/auth", "scopes": {}}, "password": {"tokenUrl": "https://a.example/t", "scopes": {}}}}), "only the implicit, password flow"),
        (json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example/t", "scopes": {}}}}), "clientCredentials"),
        (json!({"type": "openIdConnect"}), "no `openIdConnectUrl`"),
        (json!({"type": "apiKey", "in": "header"}), "no `name`"),
        (json!({"$ref": "https://elsewhere.example/schemes.json#/key"}), "could not be resolved"),
        (json!({"type": "saml"}), "`saml`"),
    ] {
        let result = schemes(json!({"only": scheme}));
        assert!(result.payload.is_none(), "{words}");
        assert!(message(&result, "security-unsupported").contains(words), "{words}: {}", message(&result, "security-unsupported"));
    }
    let nothing = schemes(json!({}));
    assert_eq!(notes(&nothing), ["Error security-missing /components/securitySchemes"]);
    assert!(nothing.payload.is_none());
}

#[test]
fn security_requirements() {
    // Required together: a connector sends one credential.
    let both = import3(json!({"components": {"securitySchemes": {
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"}, "app": {"type": "apiKey", "in": "header", "name": "X-App-Id"}}},
        "security": [{"key": [], "app": []}]}));
    assert_eq!(pattern(&both)["auth_header_key_override"], "X-Key");
    assert!(notes(&both).contains(&"Error security-combined /security/0".to_string()));
    assert!(message(&both, "security-combined").contains("lack `app`"));
    // A scheme required alone comes before one listed first in the components.
    let alone = import3(json!({"components": {"securitySchemes": {
        "basic": {"type": "http", "scheme": "basic"}, "key": {"type": "apiKey", "in": "header", "name": "Authorization"}}},
        "security": [{"key": []}]}));
    assert_eq!(pattern(&alone)["type"], "API_KEY");
    assert_eq!(pattern(&alone).get("auth_header_key_override"), None, "Authorization is the default header");
    // A $ref inside the document is followed; a relative token URL resolves against the server.
    let referenced = import3(json!({"components": {"securitySchemes": {
        "oauth": {"$ref": "#/components/x-shared/oauth"}}, "x-shared": {"oauth": {"type": "oauth2", "flows": {"authorizationCode": {
        "authorizationUrl": "https://auth.example.com/authorize", "tokenUrl": "/oauth/token", "scopes": {}}}}}}}));
    assert_eq!(pattern(&referenced)["oauth_config"]["token_uri"], "https://api.example.com/oauth/token");
    let undefined = import3(json!({"security": [{"nope": []}]}));
    assert_eq!(notes(&undefined), ["Warning security-undefined /security/0/nope"]);
    let plain_http = import3(json!({"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"authorizationCode": {
        "authorizationUrl": "http://auth.example.com/authorize", "scopes": {}}}}}}}));
    assert_eq!(notes(&plain_http), ["Error oauth-not-https /components/securitySchemes/oauth/flows/authorizationCode/authorizationUrl", "Error oauth-incomplete /components/securitySchemes/oauth/flows/authorizationCode/tokenUrl"]);
}

#[test]
fn names_and_descriptions() {
    let named = import(&doc3(json!({})), &Options { name: Some("My API".into()), ..Options::default() }).unwrap();
    assert_eq!(payload(&named)["display_name"], "My API");
    let symbols = import3(json!({"info": {"title": "—", "version": "1"}}));
    assert_eq!(notes(&symbols), ["Error openapi-name /info/title"]);
    let untitled = import3(json!({"info": {"version": "1"}}));
    assert_eq!(notes(&untitled), ["Error openapi-name /info/title"]);
    let long = import3(json!({"info": {"title": "x".repeat(300), "description": format!("{}\n\nmore", "word ".repeat(100))}}));
    assert_eq!(payload(&long)["display_name"].as_str().unwrap().len(), 200);
    let description = payload(&long)["description"].as_str().unwrap();
    assert!(description.chars().count() <= 300 && description.ends_with("word…"), "{description}");
}

#[test]
fn server_choice_from_text() {
    assert_eq!(Server::parse("1"), Server::Index(1));
    assert_eq!(Server::parse(" 0 "), Server::Index(0));
    assert_eq!(Server::parse("https://a.example/v1"), Server::Url("https://a.example/v1".into()));
}

// ---- MCP: which connector fits ----

fn as_metadata(extra: Value) -> Value {
    let mut m = json!({"issuer": "https://auth.example.com", "authorization_endpoint": "https://auth.example.com/authorize", "token_endpoint": "https://auth.example.com/token",
        "response_types_supported": ["code"]});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

fn fits(findings: Value) -> Value {
    mcp::connector(&findings).unwrap()
}

fn built(decision: &Value) -> Value {
    build(&Blueprint::from_json(&decision["blueprint"]).unwrap()).unwrap()
}

fn codes(decision: &Value) -> Vec<String> {
    decision["notes"].as_array().unwrap().iter().map(|n| format!("{} {}", n["severity"].as_str().unwrap(), n["code"].as_str().unwrap())).collect()
}

#[test]
fn mcp_oauth_with_dcr_and_pkce() {
    let d = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"",
        "resourceMetadata": {"resource": "https://mcp.example.com/mcp", "authorization_servers": ["https://auth.example.com"]},
        "authorizationServer": as_metadata(json!({"registration_endpoint": "https://auth.example.com/register", "code_challenge_methods_supported": ["S256"]})),
        "issuer": "https://auth.example.com"}));
    assert_eq!(d["type"], "OAUTH");
    assert_eq!(codes(&d), Vec::<String>::new());
    assert_eq!(d["capabilities"], json!({"publicAccess": false, "protectedResourceMetadata": true, "authorizationServerMetadata": true, "pkceS256": true,
        "dynamicClientRegistration": true, "clientIdMetadataDocument": false, "preRegisteredClientNeeded": false}));
    let payload = built(&d);
    assert_eq!(payload["auth_patterns"][0]["oauth_config"], json!({"pkce_enabled": true}));
    assert_eq!(payload["auth_patterns"][0]["is_mcp"], true);
    assert_eq!(payload["display_name"], "mcp example com");
    assert_eq!(diagnostics(&payload), Vec::<String>::new());
}

#[test]
fn mcp_public_bearer_basic() {
    let public = fits(json!({"url": "https://docs.example.com/mcp", "name": "Docs-Search", "publicAccess": true, "status": 200}));
    assert_eq!(public["type"], "NO_AUTH");
    let payload = built(&public);
    assert_eq!((payload["display_name"].as_str(), payload["auth_patterns"][0]["type"].as_str()), (Some("Docs Search"), Some("NO_AUTH")));
    assert_eq!(diagnostics(&payload), Vec::<String>::new());

    let bearer = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Bearer realm=\"mcp\""}));
    assert_eq!((bearer["type"].as_str(), codes(&bearer)), (Some("BEARER"), vec!["info bearer-only".to_string()]));
    assert_eq!(diagnostics(&built(&bearer)), Vec::<String>::new());
    let basic = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Basic realm=\"x\""}));
    assert_eq!(basic["type"], "BASIC");
    let local = fits(json!({"url": "http://127.0.0.1:9/mcp", "publicAccess": true, "sessionId": true}));
    assert_eq!(codes(&local), ["warning stateful-server", "warning not-https"]);
}

#[test]
fn mcp_without_dcr_or_pkce_fits_nothing_and_says_why() {
    let d = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Bearer",
        "resourceMetadata": {"resource": "https://mcp.example.com/mcp", "authorization_servers": ["https://auth.example.com"]},
        "authorizationServer": as_metadata(json!({"code_challenge_methods_supported": ["plain"]}))}));
    assert_eq!(d["type"], Value::Null);
    assert_eq!(d["blueprint"], Value::Null);
    assert_eq!(codes(&d), ["error mcp-oauth-unfit", "info pre-registration", "info bearer-fallback"]);
    let why = d["notes"][0]["message"].as_str().unwrap();
    assert!(why.contains("no `registration_endpoint`") && why.contains("code_challenge_methods_supported`: plain"), "{why}");
    assert_eq!(d["capabilities"]["preRegisteredClientNeeded"], true);

    let cimd = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401,
        "authorizationServer": as_metadata(json!({"client_id_metadata_document_supported": true, "code_challenge_methods_supported": ["S256"]}))}));
    assert_eq!(cimd["type"], Value::Null);
    assert_eq!((cimd["capabilities"]["clientIdMetadataDocument"].as_bool(), cimd["capabilities"]["preRegisteredClientNeeded"].as_bool()), (Some(true), Some(false)));
    assert!(cimd["notes"][1]["message"].as_str().unwrap().contains("client ID metadata documents"));

    let dcr_only = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "authorizationServer": as_metadata(json!({"registration_endpoint": "https://auth.example.com/reg"}))}));
    assert!(dcr_only["notes"][0]["message"].as_str().unwrap().contains("none advertised"));
}

#[test]
fn mcp_odd_findings() {
    let lost = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "resourceMetadata": {"resource": "https://other.example.com/", "authorization_servers": []}}));
    assert_eq!(codes(&lost), ["warning resource-mismatch", "error no-authorization-server", "error no-authorization-server"]);
    let refused = fits(json!({"url": "https://mcp.example.com/mcp", "status": 403}));
    assert_eq!(codes(&refused), ["error no-auth-method"]);
    let not_mcp = fits(json!({"url": "https://mcp.example.com/mcp", "status": 404}));
    assert_eq!(codes(&not_mcp), ["error not-mcp"]);
    let issuer = fits(json!({"url": "https://mcp.example.com/mcp", "status": 401, "issuer": "https://elsewhere.example.com",
        "authorizationServer": as_metadata(json!({"registration_endpoint": "https://auth.example.com/r", "code_challenge_methods_supported": ["S256"]}))}));
    assert_eq!((issuer["type"].as_str(), codes(&issuer)), (Some("OAUTH"), vec!["warning issuer-mismatch".to_string()]));
    for bad in [json!(null), json!({}), json!({"url": 1}), json!([])] {
        assert_eq!(mcp::connector(&bad).unwrap_err().code, "invalid-argument", "{bad}");
    }
    // Members of the wrong type count as absent.
    let odd = fits(json!({"url": "https://mcp.example.com/mcp", "status": "401", "authorizationServer": [], "publicAccess": "yes"}));
    assert_eq!(codes(&odd), ["error not-mcp"]);
}

// ---- No panics on any input ----

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            "[a-zA-Z0-9 _./:{}~-]{0,24}",
            Just("https://{a}.example.com:{p}/{b}".to_string()),
            Just("header".to_string()),
            Just("apiKey".to_string()),
            Just("oauth2".to_string()),
            Just("authorizationCode".to_string()),
            Just("#/components".to_string()),
            ".{0,8}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            "[a-z]{1,6}",
            Just("type".to_string()),
            Just("in".to_string()),
            Just("name".to_string()),
            Just("flows".to_string()),
            Just("authorizationCode".to_string()),
            Just("scopes".to_string()),
            Just("url".to_string()),
            Just("variables".to_string()),
            Just("enum".to_string()),
            Just("default".to_string()),
            Just("$ref".to_string()),
            Just("scheme".to_string()),
        ];
        prop_oneof![prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array), prop::collection::vec((keys, inner), 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_json_never_panics(doc in arbitrary_json()) {
        let _ = import(&doc, &Options::default());
        let _ = mcp::connector(&doc);
    }

    #[test]
    fn any_members_of_a_document_never_panic(servers in arbitrary_json(), schemes in arbitrary_json(), security in arbitrary_json(), v2 in any::<bool>(), discovery in arbitrary_json()) {
        let doc = if v2 {
            json!({"swagger": "2.0", "info": {"title": "T"}, "host": servers, "basePath": security.clone(), "securityDefinitions": schemes, "security": security})
        } else {
            json!({"openapi": "3.1.0", "info": {"title": "T"}, "servers": [servers], "components": {"securitySchemes": schemes}, "security": security})
        };
        let options = Options { discovery: Some(discovery), document_url: Some("https://docs.example.com/a/spec.json".into()), ..Options::default() };
        if let Ok(result) = import(&doc, &options) {
            if let Some(payload) = result.payload {
                prop_assert!(payload["auth_patterns"].is_array());
            }
        }
    }

    #[test]
    fn any_server_url_never_panics(url in ".{0,40}", name in ".{0,12}", default in ".{0,12}") {
        let doc = json!({"openapi": "3.0.0", "info": {"title": "T"}, "servers": [{"url": url, "variables": {name: {"default": default, "enum": [default]}}}],
            "components": {"securitySchemes": {"b": {"type": "http", "scheme": "bearer"}}}});
        let _ = import(&doc, &Options::default());
        let _ = import_text(&url, &Options::default());
    }

    #[test]
    fn any_findings_never_panic(url in ".{0,30}", challenge in ".{0,20}", server in arbitrary_json(), resource in arbitrary_json(), public in any::<bool>()) {
        let _ = mcp::connector(&json!({"url": url, "challenge": challenge, "authorizationServer": server, "resourceMetadata": resource, "publicAccess": public, "status": 401}));
    }
}

#[test]
fn severities_of_notes() {
    // Error notes make has_errors; info alone does not.
    assert!(!default("several-schemes-3.0.json").has_errors());
    assert!(default("apikey-query-3.0.json").has_errors());
    assert_eq!(default("apikey-query-3.0.json").notes[0].severity, Severity::Error);
}

#[test]
fn an_oauth_endpoint_that_is_not_a_url_is_an_error_note() {
    // Found by fuzz/openapi: an `authorizationUrl` with an invalid host
    // became a payload that does not validate, without an error note.
    let mut doc: Value = serde_json::from_str(&fixture("oauth-server-variables-3.0.json")).unwrap();
    let flow = doc.pointer_mut("/components/securitySchemes/acmeOAuth/flows/authorizationCode").unwrap();
    flow["authorizationUrl"] = json!("https://login.a\u{fffd}\u{fffd}cme-crm.com/oauth2/authorize");
    let result = import(&doc, &Options::default()).unwrap();
    let note = result.notes.iter().find(|n| n.code == "oauth-invalid-url").expect("a note");
    assert_eq!((note.severity, note.path.as_str()), (Severity::Error, "/components/securitySchemes/acmeOAuth/flows/authorizationCode/authorizationUrl"));
    // The same for OpenID Connect's userinfo endpoint, from the discovery document.
    let mut discovery: Value = serde_json::from_str(&fixture("openid-discovery.json")).unwrap();
    discovery["userinfo_endpoint"] = json!("http://login.example.com/userinfo");
    let oidc = run("openid-3.0.json", &Options { discovery: Some(discovery), ..Options::default() });
    assert!(oidc.notes.iter().any(|n| n.code == "oauth-not-https" && n.message.contains("userinfo_endpoint")), "{:?}", oidc.notes);
    let report = validate(&oidc.payload.unwrap().to_string(), &ValidateOptions::default());
    assert!(!report.valid);
}

#[test]
fn deep_documents_are_refused_with_a_clear_note() {
    let deep = format!("{{\"openapi\": \"3.1.0\", \"info\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let result = import_text(&deep, &Options::default()).unwrap();
    assert!(result.payload.is_none());
    assert_eq!(result.notes.len(), 1);
    assert_eq!(result.notes[0].code, "openapi-invalid");
    assert!(result.notes[0].message.starts_with("The document is nested deeper than 127 levels (line 1, column"), "{}", result.notes[0].message);
}

#[test]
fn an_api_key_header_that_is_no_header_name_cannot_be_used() {
    // Found by fuzz/openapi: `"name": "x-api-k\u{fffd}ey"` became the
    // `auth_header_key_override` of a payload that does not validate.
    let mut doc: Value = serde_json::from_str(&fixture("several-schemes-3.0.json")).unwrap();
    doc["components"]["securitySchemes"]["apiKeyHeader"]["name"] = json!("x-api-k\u{fffd}ey");
    let result = import(&doc, &Options { security_scheme: Some("apiKeyHeader".into()), ..Options::default() }).unwrap();
    assert!(result.payload.is_none());
    let note = result.notes.iter().find(|n| n.code == "security-unsupported").expect("a note");
    assert_eq!(note.severity, Severity::Error);
    assert!(note.message.contains("is not a valid HTTP header name"), "{}", note.message);
}

#[test]
fn a_server_url_that_is_not_a_url_is_an_error_note() {
    // Found by fuzz/openapi: a server URL whose host is not a valid
    // (international) domain name became a `proxy_url` the validator refuses
    // (url-invalid), with no error note.
    let mut doc: Value = serde_json::from_str(&fixture("bearer-3.1.json")).unwrap();
    doc["servers"] = json!([{"url": "https://api.timetr\u{fffd}\u{fffd}k.example/v2"}]);
    let result = import(&doc, &Options::default()).unwrap();
    let note = result.notes.iter().find(|n| n.code == "server-invalid-url").expect("a note");
    assert_eq!((note.severity, note.path.as_str()), (Severity::Error, "/servers/0/url"));
    // With placeholders, as the validator checks it: a sample value in each.
    doc["servers"] = json!([{"url": "https://{tenant}.api example.com/v2", "variables": {"tenant": {"default": "acme"}}}]);
    let result = import(&doc, &Options::default()).unwrap();
    assert!(result.notes.iter().any(|n| n.code == "server-invalid-url"), "{:?}", result.notes);
    doc["servers"] = json!([{"url": "https://{tenant}.api.example.com/v2", "variables": {"tenant": {"default": "acme"}}}]);
    assert!(!import(&doc, &Options::default()).unwrap().has_errors());
}

#[test]
fn long_lists_in_a_document_import_in_linear_time() {
    // Found by 10 MB inputs: schemes, scopes, server variables and their
    // options were each looked up in the list of those seen so far.
    let n = 20_000;
    let started = std::time::Instant::now();
    let schemes: serde_json::Map<String, Value> = (0..n).map(|i| (format!("s{i}"), json!({"type": "http", "scheme": "digest"}))).collect();
    let security: Vec<Value> = (0..n).map(|i| json!({format!("s{i}"): []})).collect();
    let doc = json!({"openapi": "3.1.0", "info": {"title": "A"}, "servers": [{"url": "https://a.com"}], "components": {"securitySchemes": schemes}, "security": security});
    let result = import(&doc, &Options::default()).unwrap();
    assert_eq!(result.notes.iter().filter(|n| n.code == "security-unsupported").count(), n + 1);

    let scopes: serde_json::Map<String, Value> = (0..n).map(|i| (format!("scope{i}"), json!("d"))).collect();
    let required: Vec<Value> = (0..n).map(|i| json!(format!("scope{}", i * 2))).collect();
    let flow = json!({"authorizationUrl": "https://a.com/a", "tokenUrl": "https://a.com/t", "scopes": scopes});
    let doc = json!({"openapi": "3.1.0", "info": {"title": "A"}, "servers": [{"url": "https://a.com"}],
        "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": flow}}}}, "security": [{"o": required}]});
    let payload = import(&doc, &Options::default()).unwrap().payload.unwrap();
    let listed = payload["auth_patterns"][0]["oauth_config"]["available_scopes"].as_array().unwrap();
    assert_eq!(listed.len(), n + n / 2);
    assert_eq!((listed[0]["required"].clone(), listed[1]["required"].clone(), listed[n]["scope"].clone()), (json!(true), json!(false), json!(format!("scope{n}"))));

    // Variables: distinct, colliding once made field names, with options, and in the fragment.
    let mut url = String::from("https://a.com/");
    let mut variables = serde_json::Map::new();
    for i in 0..n {
        url.push_str(&format!("{{v{i}}}/{{a{}}}/", char::from_u32(0x4e00 + i as u32).unwrap()));
        variables.insert(format!("v{i}"), json!({"default": "x", "enum": ["x", "y"]}));
    }
    url.push_str("#{f1}{f2}");
    variables.insert("f1".into(), json!({"default": "top"}));
    let doc = json!({"openapi": "3.1.0", "info": {"title": "A"}, "servers": [{"url": url, "variables": variables}], "components": {"securitySchemes": {"b": {"type": "http", "scheme": "bearer"}}}});
    let result = import(&doc, &Options::default()).unwrap();
    let payload = result.payload.unwrap();
    let proxy_url = payload["proxy_url"].as_str().unwrap();
    assert!(proxy_url.starts_with("https://a.com/{{v0}}/{{a_}}/{{v1}}/{{a__2}}/"), "{}", &proxy_url[..60]);
    assert!(proxy_url.ends_with("#top{{f2}}"), "{}", &proxy_url[proxy_url.len() - 30..]);
    let fields = payload["auth_patterns"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2 + 2 * n, "token, the variables, and f2 (no default, still in the URL)");
    assert_eq!(fields[1]["options"][0], json!({"value": "x", "display_name": "x", "default": true}));
    assert!(result.notes.iter().any(|n| n.code == "server-variable" && n.path == "/servers/0/variables/f2" && n.severity == Severity::Error));
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
}

#[test]
fn an_oauth_endpoint_with_a_placeholder_is_an_error_note() {
    // Found by fuzz/openapi: `"tokenUrl": "https://login.opti{{domain}}m.com/…"`
    // became a `token_uri` whose `{{domain}}` no field fills (the validator's
    // template-unknown-variable), with no error note.
    let mut doc: Value = serde_json::from_str(&fixture("oauth-server-variables-3.0.json")).unwrap();
    let flow = doc.pointer_mut("/components/securitySchemes/acmeOAuth/flows/authorizationCode").unwrap();
    flow["tokenUrl"] = json!("https://login.opti{{domain}}m.com/oauth2/token");
    let result = import(&doc, &Options::default()).unwrap();
    let note = result.notes.iter().find(|n| n.code == "oauth-invalid-url").expect("a note");
    assert_eq!((note.severity, note.path.as_str()), (Severity::Error, "/components/securitySchemes/acmeOAuth/flows/authorizationCode/tokenUrl"));
    flow_url(&mut doc, "https://login.acme-crm.com/oauth2/token}}");
    assert!(import(&doc, &Options::default()).unwrap().notes.iter().any(|n| n.code == "oauth-invalid-url"));
}

fn flow_url(doc: &mut Value, url: &str) {
    if let Some(token_url) = doc.pointer_mut("/components/securitySchemes/acmeOAuth/flows/authorizationCode/tokenUrl") {
        *token_url = json!(url);
    }
}

#[test]
fn what_the_validator_refuses_in_a_server_or_flow_is_a_note_or_fixed() {
    // The same gap as the fuzzer's findings above, closed where the validator
    // is stricter than the import was: an upper-case scheme, a proxy_url over
    // 2048 characters, a blank scope.
    let mut doc: Value = serde_json::from_str(&fixture("oauth-server-variables-3.0.json")).unwrap();
    doc["servers"] = json!([{"url": "HTTPS://api.acme-crm.com/v2"}]);
    let flow = doc.pointer_mut("/components/securitySchemes/acmeOAuth/flows/authorizationCode").unwrap();
    flow["scopes"] = json!({" ": "blank", "contacts.read": "Read contacts"});
    flow["tokenUrl"] = json!("Https://login.acme-crm.com/oauth2/token");
    let result = import(&doc, &Options::default()).unwrap();
    let payload = result.payload.clone().unwrap();
    assert_eq!(payload["proxy_url"], "https://api.acme-crm.com/v2");
    let scopes: Vec<&str> = payload["auth_patterns"][0]["oauth_config"]["available_scopes"].as_array().unwrap().iter().map(|s| s["scope"].as_str().unwrap()).collect();
    assert!(!scopes.contains(&" "), "{scopes:?}");
    let note = result.notes.iter().find(|n| n.code == "oauth-not-https").expect("a note");
    assert!(note.message.contains("lowercase"), "{}", note.message);

    doc["servers"] = json!([{"url": format!("https://api.acme-crm.com/{}", "v".repeat(2100))}]);
    let result = import(&doc, &Options::default()).unwrap();
    assert!(result.notes.iter().any(|n| n.code == "server-url-too-long" && n.severity == Severity::Error), "{:?}", result.notes);
}

//! The blueprint a payload is built from, read from JSON by hand: the
//! errors name the exact member and suggest the key meant, and the wasm
//! module carries no serde derive for it.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::suggest::did_you_mean;

/// What a connector should be; everything else is filled in.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
#[derive(Clone, Debug, Default)]
pub struct Blueprint {
    /// The connector's display name.
    pub name: String,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// OAUTH, BASIC, BEARER, API_KEY or NO_AUTH.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "type"), tsify(type = "AuthType"))]
    pub auth_type: String,
    /// The upstream is an MCP server (default false).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mcp: bool,
    /// The `proxy_url`; its `{{placeholders}}` become inputs.
    pub base_url: String,
    /// Inputs beyond the credential (and beyond the URL's placeholders).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub inputs: Vec<Input>,
    /// OAuth scopes (REST OAUTH only).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Vec<ScopeSpec>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub authorize_uri: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_uri: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub user_info_uri: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pkce: Option<bool>,
    /// `auth_header_key_override`, e.g. `X-API-Key`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub header_override: Option<String>,
    /// `auth_field_mutations`, keyed by credential.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mutations: BTreeMap<String, MutationSpec>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub icon_src: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub metadata: BTreeMap<String, String>,
}

/// An input to collect.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub name: String,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    /// text, password, select or textarea (default text, or password for a secret-looking name).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub input_type: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hint: Option<String>,
    /// Default true.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required: Option<bool>,
    /// Options of a select input: values, or `value=Display name`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub options: Vec<String>,
}

/// A scope: a name, or the name with details.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(untagged))]
#[derive(Clone, Debug)]
pub enum ScopeSpec {
    Name(String),
    Full {
        scope: String,
        #[cfg_attr(target_arch = "wasm32", serde(rename = "displayName"), tsify(optional))]
        display_name: Option<String>,
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        description: Option<String>,
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        required: Option<bool>,
    },
}

/// How to rewrite one credential (see `auth_field_mutations`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default)]
pub struct MutationSpec {
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub prefix: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub suffix: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub default: Option<String>,
}

impl Blueprint {
    /// Reads a blueprint; unknown keys and wrong types are errors naming the member.
    pub fn from_json(value: &Value) -> Result<Blueprint, Error> {
        const KEYS: &[&str] = &[
            "name", "description", "type", "mcp", "baseUrl", "inputs", "scopes", "authorizeUri", "tokenUri", "userInfoUri", "pkce", "headerOverride", "mutations", "iconSrc", "metadata",
        ];
        let r = Reader::new(value, String::new(), KEYS)?;
        let mut inputs = Vec::new();
        for (path, item) in r.list("inputs")? {
            inputs.push(Input::read(item, path)?);
        }
        let mut scopes = Vec::new();
        for (path, item) in r.list("scopes")? {
            scopes.push(ScopeSpec::read(item, path)?);
        }
        let mut mutations = BTreeMap::new();
        for (path, key, item) in r.map("mutations")? {
            mutations.insert(key.to_string(), MutationSpec::read(item, path)?);
        }
        let mut metadata = BTreeMap::new();
        for (path, key, item) in r.map("metadata")? {
            let text = item.as_str().ok_or_else(|| wrong(&path, "a string"))?;
            metadata.insert(key.to_string(), text.to_string());
        }
        Ok(Blueprint {
            name: r.required("name")?,
            description: r.string("description")?,
            auth_type: r.required("type")?,
            mcp: r.boolean("mcp")?.unwrap_or(false),
            base_url: r.required("baseUrl")?,
            inputs,
            scopes,
            authorize_uri: r.string("authorizeUri")?,
            token_uri: r.string("tokenUri")?,
            user_info_uri: r.string("userInfoUri")?,
            pkce: r.boolean("pkce")?,
            header_override: r.string("headerOverride")?,
            mutations,
            icon_src: r.string("iconSrc")?,
            metadata,
        })
    }
}

impl Input {
    fn read(value: &Value, path: String) -> Result<Input, Error> {
        let r = Reader::new(value, path, &["name", "label", "inputType", "hint", "required", "options"])?;
        let mut options = Vec::new();
        for (path, item) in r.list("options")? {
            options.push(item.as_str().ok_or_else(|| wrong(&path, "a string"))?.to_string());
        }
        Ok(Input { name: r.required("name")?, label: r.string("label")?, input_type: r.string("inputType")?, hint: r.string("hint")?, required: r.boolean("required")?, options })
    }
}

impl ScopeSpec {
    fn read(value: &Value, path: String) -> Result<ScopeSpec, Error> {
        if let Some(name) = value.as_str() {
            return Ok(ScopeSpec::Name(name.to_string()));
        }
        let r = Reader::new(value, path, &["scope", "displayName", "description", "required"])?;
        Ok(ScopeSpec::Full { scope: r.required("scope")?, display_name: r.string("displayName")?, description: r.string("description")?, required: r.boolean("required")? })
    }
}

impl MutationSpec {
    fn read(value: &Value, path: String) -> Result<MutationSpec, Error> {
        let r = Reader::new(value, path, &["prefix", "suffix", "default"])?;
        Ok(MutationSpec { prefix: r.string("prefix")?, suffix: r.string("suffix")?, default: r.string("default")? })
    }
}

/// Typed, path-aware access to one JSON object of the blueprint.
struct Reader<'v> {
    map: &'v Map<String, Value>,
    path: String,
}

impl<'v> Reader<'v> {
    fn new(value: &'v Value, path: String, keys: &[&str]) -> Result<Reader<'v>, Error> {
        let map = value.as_object().ok_or_else(|| wrong(&path, "an object"))?;
        if let Some(key) = map.keys().find(|k| !keys.contains(&k.as_str())) {
            let hint = match did_you_mean(key, keys.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known keys: {}", keys.join(", ")),
            };
            return Err(Error::new("invalid-blueprint", format!("Unknown key `{key}` in the blueprint")).path(format!("{path}/{key}")).hint(hint));
        }
        Ok(Reader { map, path })
    }

    fn at(&self, key: &str) -> String {
        format!("{}/{key}", self.path)
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn string(&self, key: &str) -> Result<Option<String>, Error> {
        self.get(key).map(|v| v.as_str().map(str::to_string).ok_or_else(|| wrong(&self.at(key), "a string"))).transpose()
    }

    fn required(&self, key: &str) -> Result<String, Error> {
        self.string(key)?.ok_or_else(|| Error::new("invalid-blueprint", format!("The blueprint needs `{key}`")).path(self.at(key)))
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, Error> {
        self.get(key).map(|v| v.as_bool().ok_or_else(|| wrong(&self.at(key), "true or false"))).transpose()
    }

    fn list(&self, key: &str) -> Result<Vec<(String, &'v Value)>, Error> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items.iter().enumerate().map(|(i, v)| (format!("{}/{i}", self.at(key)), v)).collect()),
            Some(_) => Err(wrong(&self.at(key), "an array")),
        }
    }

    fn map(&self, key: &str) -> Result<Vec<(String, &'v str, &'v Value)>, Error> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Object(map)) => Ok(map.iter().map(|(k, v)| (format!("{}/{k}", self.at(key)), k.as_str(), v)).collect()),
            Some(_) => Err(wrong(&self.at(key), "an object")),
        }
    }
}

fn wrong(path: &str, expected: &str) -> Error {
    let shown = if path.is_empty() { "The blueprint".to_string() } else { format!("`{path}`") };
    Error::new("invalid-blueprint", format!("{shown} must be {expected}")).path(path.to_string())
}

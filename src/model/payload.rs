use serde_json::Value;

use super::node::{node, object, set, write_object, Entries, Extra, FromJson, List, Member, Text};
use crate::json::{Kind, Scanner, Span, SyntaxError};

object! {
    /// A custom connector: the body of create and update, and (with the
    /// server's extra keys) what list returns.
    Payload {
        display_name: Text<'a> = "display_name",
        description: Text<'a> = "description",
        auth_patterns: List<AuthPattern<'a>> = "auth_patterns",
        proxy_url: Text<'a> = "proxy_url",
        proxy_enabled: bool = "proxy_enabled",
        icon_src: Text<'a> = "icon_src",
        metadata: Entries<'a, Text<'a>> = "metadata",
        /// Served by the server, ignored when sent.
        id: Text<'a> = "id",
        identifier: Text<'a> = "identifier",
        categories: List<Text<'a>> = "categories",
        display_priority: Value = "display_priority",
        coming_soon: bool = "coming_soon",
        is_custom: bool = "is_custom",
        is_custom_mcp: bool = "is_custom_mcp",
    }
}

object! {
    /// One way to authenticate (today a connector has exactly one).
    AuthPattern {
        kind: Text<'a> = "type",
        display_name: Text<'a> = "display_name",
        description: Text<'a> = "description",
        fields: List<Field<'a>> = "fields",
        account_fields: List<Field<'a>> = "account_fields",
        oauth_config: OAuthConfig<'a> = "oauth_config",
        auth_header_key_override: Text<'a> = "auth_header_key_override",
        auth_field_mutations: Entries<'a, Mutation<'a>> = "auth_field_mutations",
        is_mcp: bool = "is_mcp",
        allowed_proxy_domains: List<Text<'a>> = "allowed_proxy_domains",
    }
}

object! {
    /// An input collected from the user connecting an account.
    Field {
        field_name: Text<'a> = "field_name",
        label: Text<'a> = "label",
        input_type: Text<'a> = "input_type",
        hint: Text<'a> = "hint",
        required: bool = "required",
        is_path_param: bool = "is_path_param",
        options: List<SelectOption<'a>> = "options",
        header_name: Text<'a> = "header_name",
    }
}

object! {
    /// A choice of a `select` field.
    SelectOption {
        value: Text<'a> = "value",
        display_name: Text<'a> = "display_name",
        description: Text<'a> = "description",
        default: bool = "default",
    }
}

object! {
    /// OAuth settings (REST: endpoints and scopes; MCP: `{"pkce_enabled": true}`).
    OAuthConfig {
        authorize_uri: Text<'a> = "authorize_uri",
        token_uri: Text<'a> = "token_uri",
        user_info_uri: Text<'a> = "user_info_uri",
        available_scopes: List<Scope<'a>> = "available_scopes",
        pkce_enabled: bool = "pkce_enabled",
        allow_use_scalekit_credentials: bool = "allow_use_scalekit_credentials",
        custom_scope_name: Text<'a> = "custom_scope_name",
    }
}

object! {
    /// An OAuth scope a connection may ask for.
    Scope {
        scope: Text<'a> = "scope",
        display_name: Text<'a> = "display_name",
        description: Text<'a> = "description",
        required: bool = "required",
    }
}

object! {
    /// How the proxy rewrites one credential before sending it.
    Mutation {
        prefix: Text<'a> = "prefix",
        suffix: Text<'a> = "suffix",
        default: Text<'a> = "default",
    }
}

/// `display_priority` may be any JSON; it is kept as a value.
impl<'a> FromJson<'a> for Value {
    const KIND: Kind = Kind::Number;
    fn scan(s: &mut Scanner<'a>) -> Result<Self, SyntaxError> {
        let (text, _) = s.number()?;
        Ok(serde_json::from_str(text).unwrap_or(Value::Null))
    }
    fn to_json(&self, _: &str) -> Value {
        self.clone()
    }
}

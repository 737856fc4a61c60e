// Built-in (DEFAULT) providers: listed for filter.provider_type DEFAULT and ALL, never editable
// through /api/v1/custom-providers. Their patterns deliberately hold `null` where a list or object
// is absent, as served patterns may (connectors.md §1), so clients get to see that shape.

function oauth({ authorize, token, scopes, accountFields = null }) {
  return {
    type: "OAUTH",
    display_name: "OAuth 2.0",
    description: "Sign in with OAuth 2.0",
    fields: null,
    account_fields: accountFields,
    oauth_config: {
      authorize_uri: authorize,
      token_uri: token,
      user_info_uri: "",
      available_scopes: scopes.map((scope) => ({ scope, display_name: scope, description: "", required: false })),
      pkce_enabled: false,
    },
    auth_header_key_override: "",
    auth_field_mutations: null,
    is_mcp: false,
    allowed_proxy_domains: null,
  };
}

function builtin(n, identifier, display_name, description, category, pattern, proxy_url) {
  return {
    id: `prv_builtin_${String(n).padStart(4, "0")}`,
    identifier,
    display_name,
    description,
    categories: [category],
    auth_patterns: [pattern],
    icon_src: `https://icons.emulator.invalid/${identifier}.svg`,
    display_priority: n,
    coming_soon: false,
    proxy_url,
    proxy_enabled: true,
    is_custom: false,
    is_custom_mcp: false,
    metadata: {},
  };
}

const BUILTINS = [
  builtin(1, "github", "GitHub", "Repositories, issues and pull requests", "developer tools",
    oauth({
      authorize: "https://github.com/login/oauth/authorize",
      token: "https://github.com/login/oauth/access_token",
      scopes: ["repo", "read:user"],
    }),
    "https://api.github.com"),
  builtin(2, "slack", "Slack", "Channels, messages and users", "communication",
    oauth({
      authorize: "https://slack.com/oauth/v2/authorize",
      token: "https://slack.com/api/oauth.v2.access",
      scopes: ["channels:read", "chat:write"],
    }),
    "https://slack.com/api"),
  builtin(3, "salesforce", "Salesforce", "Accounts, contacts and opportunities", "crm",
    oauth({
      authorize: "https://login.salesforce.com/services/oauth2/authorize",
      token: "https://login.salesforce.com/services/oauth2/token",
      scopes: ["api", "refresh_token"],
      accountFields: [{
        field_name: "domain", label: "Instance domain", input_type: "text",
        hint: "e.g. acme.my.salesforce.com", required: true, is_path_param: true, options: null,
      }],
    }),
    "https://{{domain}}/services/data"),
  builtin(4, "google_drive", "Google Drive", "Files and folders", "storage",
    oauth({
      authorize: "https://accounts.google.com/o/oauth2/v2/auth",
      token: "https://oauth2.googleapis.com/token",
      scopes: ["https://www.googleapis.com/auth/drive.readonly"],
    }),
    "https://www.googleapis.com/drive/v3"),
];

/** Fresh copies of the built-in providers, in display order. */
export function builtinProviders() {
  return structuredClone(BUILTINS);
}

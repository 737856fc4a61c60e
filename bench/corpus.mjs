// A deterministic corpus of realistic connector payloads for the benchmarks.
//
//   import { corpus } from "./corpus.mjs";   // [{ name, text, intent, mistake? }]
//   node bench/corpus.mjs [--write] [--seed N]
//
// Each entry is pretty-printed JSON (2 spaces, like the presets and like files people keep in
// a repository), 600–900 bytes. Most are valid; a few carry a typical mistake. `intent` is
// "valid" (no error expected; some carry an info or warning, as real payloads do) or
// "invalid" (`mistake` names the error code the mistake should produce). The same seed gives
// the same bytes on every machine; `--write` writes them to bench/corpus/*.json (git-ignored).

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SEED = 20261125;
export const SIZE = 40;
const MIN_BYTES = 600;
const MAX_BYTES = 900;

/** mulberry32: a small, fast, seeded PRNG (same sequence everywhere). */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  const sample = (list, n) => {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(int(copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, chance, sample };
}

// Providers people actually connect, with what their APIs look like. `tenant` is the
// placeholder a multi-tenant API puts in its host ({{subdomain}}.zendesk.com).
const PROVIDERS = [
  { name: "Zendesk", host: "{{subdomain}}.zendesk.com", base: "/api/v2", tenant: "subdomain", kinds: ["OAUTH", "BASIC", "BEARER"], area: "tickets, users, organizations and help center articles", scopes: ["read", "write", "tickets:read", "tickets:write", "users:read"] },
  { name: "Jira Cloud", host: "api.atlassian.com", base: "/ex/jira/{{cloud_id}}", tenant: "cloud_id", kinds: ["OAUTH"], area: "issues, projects, sprints and workflows", scopes: ["read:jira-work", "write:jira-work", "read:jira-user", "manage:jira-project", "offline_access"] },
  { name: "Linear", host: "api.linear.app", base: "", kinds: ["OAUTH", "BEARER"], area: "issues, cycles, projects and teams", scopes: ["read", "write", "issues:create", "comments:create"] },
  { name: "Notion", host: "api.notion.com", base: "/v1", kinds: ["OAUTH", "BEARER"], area: "pages, databases, blocks and comments", scopes: [] },
  { name: "HubSpot", host: "api.hubapi.com", base: "", kinds: ["OAUTH", "BEARER"], area: "contacts, companies, deals and tickets", scopes: ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.deals.read", "oauth"] },
  { name: "Salesforce", host: "{{instance}}.my.salesforce.com", base: "/services/data/v60.0", tenant: "instance", kinds: ["OAUTH"], area: "accounts, leads, opportunities and reports", scopes: ["api", "refresh_token", "id", "profile", "email"] },
  { name: "Stripe", host: "api.stripe.com", base: "/v1", kinds: ["BEARER", "BASIC"], area: "payments, customers, invoices and subscriptions", scopes: [] },
  { name: "Twilio", host: "api.twilio.com", base: "/2010-04-01", kinds: ["BASIC"], area: "messages, calls and phone numbers", scopes: [] },
  { name: "Airtable", host: "api.airtable.com", base: "/v0", kinds: ["OAUTH", "BEARER"], area: "bases, tables and records", scopes: ["data.records:read", "data.records:write", "schema.bases:read"] },
  { name: "GitLab", host: "{{domain}}", base: "/api/v4", tenant: "domain", kinds: ["OAUTH", "BEARER"], area: "projects, merge requests, pipelines and issues", scopes: ["api", "read_api", "read_user", "read_repository"] },
  { name: "Intercom", host: "api.intercom.io", base: "", kinds: ["OAUTH", "BEARER"], area: "conversations, contacts and articles", scopes: [] },
  { name: "Mailchimp", host: "{{dc}}.api.mailchimp.com", base: "/3.0", tenant: "dc", kinds: ["BASIC", "OAUTH"], area: "audiences, campaigns and automations", scopes: [] },
  { name: "Pipedrive", host: "api.pipedrive.com", base: "/v1", kinds: ["OAUTH", "API_KEY"], area: "deals, persons, activities and pipelines", scopes: ["deals:read", "deals:full", "contacts:read", "activities:read"] },
  { name: "Monday", host: "api.monday.com", base: "/v2", kinds: ["OAUTH", "API_KEY"], area: "boards, items, updates and workspaces", scopes: ["boards:read", "boards:write", "me:read", "workspaces:read"] },
  { name: "ClickUp", host: "api.clickup.com", base: "/api/v2", kinds: ["OAUTH", "API_KEY"], area: "tasks, lists, spaces and goals", scopes: [] },
  { name: "ServiceNow", host: "{{instance}}.service-now.com", base: "/api/now", tenant: "instance", kinds: ["BASIC", "OAUTH"], area: "incidents, changes, problems and the CMDB", scopes: ["useraccount"] },
  { name: "Datadog", host: "api.{{site}}", base: "/api/v2", tenant: "site", kinds: ["API_KEY"], area: "monitors, dashboards, logs and incidents", scopes: [] },
  { name: "PagerDuty", host: "api.pagerduty.com", base: "", kinds: ["API_KEY", "OAUTH"], area: "incidents, services, schedules and on-call", scopes: ["read", "write"] },
  { name: "Sentry", host: "sentry.io", base: "/api/0", kinds: ["BEARER"], area: "issues, events, releases and projects", scopes: [] },
  { name: "Confluence", host: "api.atlassian.com", base: "/ex/confluence/{{cloud_id}}", tenant: "cloud_id", kinds: ["OAUTH"], area: "spaces, pages, blog posts and comments", scopes: ["read:confluence-content.all", "write:confluence-content", "search:confluence", "offline_access"] },
  { name: "Shopify", host: "{{shop}}.myshopify.com", base: "/admin/api/2025-01", tenant: "shop", kinds: ["API_KEY"], area: "products, orders, customers and inventory", header: "X-Shopify-Access-Token", scopes: [] },
  { name: "Okta", host: "{{domain}}", base: "/api/v1", tenant: "domain", kinds: ["API_KEY", "OAUTH"], area: "users, groups, applications and policies", prefix: "SSWS ", scopes: ["okta.users.read", "okta.groups.read", "okta.apps.read"] },
  { name: "Box", host: "api.box.com", base: "/2.0", kinds: ["OAUTH"], area: "files, folders, collaborations and metadata", scopes: ["root_readwrite", "manage_groups"] },
  { name: "Calendly", host: "api.calendly.com", base: "", kinds: ["OAUTH", "BEARER"], area: "event types, scheduled events and invitees", scopes: [] },
  { name: "Freshservice", host: "{{domain}}", base: "/api/v2", tenant: "domain", kinds: ["BASIC"], area: "tickets, assets, changes and service requests", scopes: [] },
  { name: "Contentful", host: "api.contentful.com", base: "/spaces/{{space_id}}", tenant: "space_id", kinds: ["BEARER"], area: "entries, assets and content types", scopes: [] },
  { name: "Webflow", host: "api.webflow.com", base: "/v2", kinds: ["OAUTH", "BEARER"], area: "sites, collections, items and forms", scopes: ["sites:read", "cms:read", "cms:write", "forms:read"] },
  { name: "Mixpanel", host: "{{region}}mixpanel.com", base: "/api", tenant: "region", kinds: ["BASIC"], area: "events, funnels, cohorts and exports", scopes: [] },
];

const MCP_SERVERS = [
  { name: "Apify", host: "mcp.apify.com", area: "web scraping, browser automation and data extraction Actors" },
  { name: "GitHub", host: "api.githubcopilot.com", base: "/mcp", area: "repositories, pull requests, issues and code search" },
  { name: "Context7", host: "mcp.context7.com", base: "/mcp", area: "up-to-date library documentation and code examples" },
  { name: "Sentry", host: "mcp.sentry.dev", base: "/mcp", area: "issues, stack traces and releases" },
  { name: "Cloudflare Docs", host: "docs.mcp.cloudflare.com", base: "/sse", area: "Cloudflare developer documentation" },
  { name: "Internal Tools", host: "mcp.{{domain}}", tenant: "domain", area: "internal runbooks, deploys and feature flags" },
];

const PREFIXES = ["", "", "My ", "Acme ", "Team ", "Prod ", "Sandbox "];
const TEAMS = ["platform", "support", "growth", "sales-ops", "data", "security", "it"];
const OWNERS = ["alice@acme.io", "bob@acme.io", "ops@acme.io", "it-admins@acme.io"];

/** A hint for a tenant placeholder: where users find the value. */
function tenantField(name, provider) {
  const labels = {
    subdomain: ["Subdomain", `The part before .${provider.host.split("}}.")[1] ?? "example.com"} in your ${provider.name} URL`],
    cloud_id: ["Cloud ID", "Your Atlassian site's cloud ID (Admin → Products → Cloud ID)"],
    instance: ["Instance", `Your ${provider.name} instance name, e.g. acme or acme-dev`],
    domain: ["Domain", `Your ${provider.name} domain, e.g. acme.${provider.name.toLowerCase().replace(/\s/g, "")}.com`],
    dc: ["Data Center", "The data center suffix of your API key, e.g. us21"],
    site: ["Site", "Your Datadog site, e.g. datadoghq.com or datadoghq.eu"],
    shop: ["Shop", "Your store's name, as in <shop>.myshopify.com"],
    space_id: ["Space ID", "Settings → General settings → Space ID"],
    region: ["Region", "Leave empty for US, or eu. for the EU data residency"],
  };
  const [label, hint] = labels[name] ?? ["Tenant", "Your tenant name"];
  return { field_name: name, label, input_type: "text", hint, required: true, is_path_param: true };
}

function credentialField(kind, provider, r) {
  switch (kind) {
    case "BEARER":
      return [{ field_name: "token", label: r.pick(["Access Token", "API Token", "Personal Access Token"]), input_type: "password", hint: `Your ${provider.name} ${r.pick(["token", "personal access token", "integration token"])}`, required: true }];
    case "API_KEY":
      return [{ field_name: "api_key", label: "API Key", input_type: "password", hint: `${provider.name} → ${r.pick(["Settings", "Admin", "Developer"])} → API keys`, required: true }];
    case "BASIC":
      return r.chance(0.5)
        ? [
            { field_name: "username", label: r.pick(["Username", "Email", "Account SID"]), input_type: "text", hint: `The user ${provider.name} calls are made as`, required: true },
            { field_name: "password", label: r.pick(["Password", "API Token", "Auth Token"]), input_type: "password", hint: "Stored encrypted; never shown again", required: true },
          ]
        : [{ field_name: "username", label: "API Key", input_type: "password", hint: `Your ${provider.name} API key (sent as the username)`, required: true }];
    default:
      return [];
  }
}

function restPattern(provider, kind, r) {
  const pattern = {
    type: kind,
    display_name: { OAUTH: "OAuth 2.0", BASIC: "Basic Auth", BEARER: "Bearer Token", API_KEY: "API Key" }[kind],
    description: `Authenticate with ${provider.name} using ${{ OAUTH: "OAuth 2.0", BASIC: "a username and password", BEARER: "a bearer token", API_KEY: "an API key" }[kind]}`,
  };
  const tenant = provider.tenant ? [tenantField(provider.tenant, provider)] : [];
  if (kind === "OAUTH") {
    pattern.fields = [];
    if (tenant.length) pattern.account_fields = tenant;
    const auth = provider.host.includes("{{") ? `https://${provider.host}` : `https://${r.pick(["auth", "app", "login"])}.${provider.host.replace(/^api\./, "")}`;
    const scopes = r.sample(provider.scopes.length ? provider.scopes : ["read", "write"], 1 + r.int(3));
    pattern.oauth_config = {
      authorize_uri: `${auth}/oauth/authorize`,
      token_uri: `${auth}/oauth/token`,
      ...(r.chance(0.5) ? { user_info_uri: `https://${provider.host.includes("{{") ? "api.example.com" : provider.host}/me` } : {}),
      available_scopes: scopes.map((scope, i) => ({
        scope,
        display_name: scope.split(/[:._-]/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(" "),
        description: `Allows ${scope.includes("write") ? "changes to" : "read access to"} ${provider.area.split(",")[0]}`,
        required: i === 0,
      })),
      ...(r.chance(0.4) ? { pkce_enabled: true } : {}),
    };
  } else {
    pattern.fields = [...tenant, ...credentialField(kind, provider, r)];
    if (kind === "API_KEY") {
      pattern.auth_header_key_override = provider.header ?? r.pick(["X-API-Key", "X-Api-Key", "Api-Key", "Authorization"]);
      if (provider.prefix) pattern.auth_field_mutations = { api_key: { prefix: provider.prefix } };
    }
    if (kind === "BASIC" && pattern.fields.length === tenant.length + 1) {
      pattern.auth_field_mutations = { password: { default: "X" } };
    }
  }
  return pattern;
}

function mcpPattern(server, r) {
  const kind = server.tenant ? r.pick(["BASIC", "BEARER", "API_KEY"]) : r.pick(["OAUTH", "BEARER", "API_KEY", "NO_AUTH"]);
  const pattern = {
    type: kind,
    display_name: { OAUTH: "OAuth 2.0", BASIC: "Basic Auth", BEARER: `${server.name} Token`, API_KEY: "API Key", NO_AUTH: "No Authentication" }[kind],
    description: kind === "NO_AUTH" ? `${server.name}'s public MCP server needs no credentials` : `Authenticate with the ${server.name} MCP server`,
    is_mcp: true,
  };
  if (kind === "OAUTH") {
    pattern.oauth_config = { pkce_enabled: true };
  } else if (kind !== "NO_AUTH") {
    pattern.fields = [...(server.tenant ? [tenantField(server.tenant, server)] : []), ...credentialField(kind, server, r)];
  }
  return pattern;
}

/** One payload (before size fitting and mistakes). */
function payload(r, i) {
  const mcp = i % 5 === 4; // one in five is an MCP server, as in the presets
  const source = mcp ? r.pick(MCP_SERVERS) : r.pick(PROVIDERS);
  const kind = mcp ? null : r.pick(source.kinds);
  const name = `${r.pick(PREFIXES)}${source.name}${mcp ? " MCP" : ""}`.trim();
  const p = {
    display_name: name,
    description: `Connect to ${source.name}${mcp ? " MCP" : ""}. ${r.pick(["Manage", "Work with", "Read and update", "Automate"])} ${source.area}`,
    auth_patterns: [mcp ? mcpPattern(source, r) : restPattern(source, kind, r)],
    proxy_url: `https://${source.host}${source.base ?? ""}`,
    proxy_enabled: true,
  };
  return p;
}

/** Optional members real payloads carry, added until the text is long enough. */
const GROW = [
  (p, r) => { p.icon_src ??= `https://cdn.acme.io/icons/${p.display_name.toLowerCase().replace(/\s+/g, "-")}.svg`; },
  (p, r) => { p.metadata = { ...p.metadata, team: r.pick(TEAMS) }; },
  (p, r) => { p.metadata = { ...p.metadata, owner: r.pick(OWNERS) }; },
  (p, r) => { p.description += r.pick([" from your AI agents", ", with every call logged", " for the whole workspace", " through the Scalekit proxy"]); },
  (p, r) => { p.metadata = { ...p.metadata, ticket: `OPS-${1000 + r.int(9000)}` }; },
  (p, r) => {
    const f = p.auth_patterns[0].fields;
    if (f && p.auth_patterns[0].type !== "NO_AUTH" && !f.some((x) => x.field_name === "environment")) {
      f.push({ field_name: "environment", label: "Environment", input_type: "select", hint: "Which environment calls go to", required: false, options: [{ value: "production", display_name: "Production" }, { value: "sandbox", display_name: "Sandbox" }] });
    }
  },
];

/** Ways to cut a payload that came out too long. */
const SHRINK = [
  (p) => { const s = p.auth_patterns[0].oauth_config?.available_scopes; if (s && s.length > 1) s.pop(); else return false; },
  (p) => { if (p.auth_patterns[0].oauth_config?.user_info_uri) delete p.auth_patterns[0].oauth_config.user_info_uri; else return false; },
  (p) => { const s = p.auth_patterns[0].oauth_config?.available_scopes; if (s?.length && s.some((x) => x.description)) s.forEach((x) => delete x.description); else return false; },
  (p) => { if (p.metadata) delete p.metadata; else return false; },
  (p) => { if (p.icon_src) delete p.icon_src; else return false; },
  (p) => { const f = p.auth_patterns[0].fields; if (f?.at(-1)?.field_name === "environment") f.pop(); else return false; },
  (p) => { const a = p.auth_patterns[0]; if (a.fields?.length === 0) delete a.fields; else return false; },
  (p) => { const c = p.auth_patterns[0].oauth_config; if (c?.pkce_enabled && c.authorize_uri) delete c.pkce_enabled; else return false; },
  (p) => { const s = p.auth_patterns[0].oauth_config?.available_scopes; if (s?.some((x) => x.display_name)) s.forEach((x) => delete x.display_name); else return false; },
  (p) => { const short = p.description.split(".")[0] + "."; if (short !== p.description) p.description = short; else return false; },
];

const pretty = (p) => `${JSON.stringify(p, null, 2)}\n`;

// Typical mistakes, each with the error code validate should give. Applied to a few entries.
const MISTAKES = [
  ["display-name-charset", (p) => { p.display_name = p.display_name.replace(/ /g, "-") + (p.display_name.includes(" ") ? "" : "-API"); }],
  ["wrong-type", (p) => { p.proxy_enabled = "true"; }],
  ["url-not-https", (p) => { p.proxy_url = p.proxy_url.replace("https://", "http://"); }],
  ["input-type-unknown", (p) => { const f = p.auth_patterns[0].fields?.find((x) => x.input_type === "password"); if (!f) return false; f.input_type = "secret"; }],
  ["oauth-endpoint-missing", (p) => { const c = p.auth_patterns[0].oauth_config; if (!c?.token_uri) return false; delete c.token_uri; }],
  ["template-unknown-variable", (p) => { if (p.proxy_url.includes("{{")) return false; p.proxy_url = p.proxy_url.replace("https://", "https://{{tenant}}."); }],
  ["auth-type-unknown", (p) => { if (p.auth_patterns[0].type !== "OAUTH") return false; p.auth_patterns[0].type = "OAUTH2"; }],
];

// Harmless slips that leave a payload valid but draw an info or a warning.
const SLIPS = [
  ["unknown-key", (p) => { p.logo_url = p.icon_src ?? "https://cdn.acme.io/logo.svg"; }],
  ["missing-hint", (p) => { const f = p.auth_patterns[0].fields?.[0]; if (!f) return false; delete f.hint; }],
  ["missing-description", (p) => { delete p.auth_patterns[0].description; }],
];

/** The corpus: `size` entries from `seed`, each `{ name, text, intent, mistake? }`. */
export function corpus({ seed = SEED, size = SIZE } = {}) {
  const r = rng(seed);
  const out = [];
  const invalidAt = new Set(r.sample([...Array(size).keys()], Math.round(size * 0.15)));
  const slipAt = new Set(r.sample([...Array(size).keys()].filter((i) => !invalidAt.has(i)), Math.round(size * 0.1)));
  let unused = []; // mistakes not used yet in this cycle, so that every kind occurs
  for (let i = 0; i < size; i++) {
    // Fit to 600–900 bytes: grow with optional members, shrink if over, and draw another
    // payload when neither lands it in the band (a few providers are long by nature).
    let p;
    for (let attempt = 0; ; attempt++) {
      p = payload(r, i);
      for (const grow of r.sample(GROW, GROW.length)) {
        if (pretty(p).length >= MIN_BYTES + 60) break;
        grow(p, r);
      }
      for (const shrink of SHRINK) {
        while (pretty(p).length > MAX_BYTES - 30 && shrink(p) !== false);
      }
      const length = pretty(p).length;
      if ((length >= MIN_BYTES + 20 && length <= MAX_BYTES - 30) || attempt === 50) break;
    }
    let intent = "valid";
    let mistake;
    if (invalidAt.has(i)) {
      // The first unused mistake that applies to this payload.
      if (unused.length === 0) unused = r.sample(MISTAKES, MISTAKES.length);
      // When none of the unused ones applies, any that does (display-name-charset always does).
      const order = [...unused, ...MISTAKES.filter((m) => !unused.includes(m))];
      for (const [code, apply] of order) {
        const k = unused.findIndex(([c]) => c === code);
        if (apply(p) !== false) {
          intent = "invalid";
          mistake = code;
          if (k >= 0) unused.splice(k, 1);
          break;
        }
      }
    } else if (slipAt.has(i)) {
      for (const [code, apply] of r.sample(SLIPS, SLIPS.length)) {
        if (apply(p) !== false) {
          mistake = code;
          break;
        }
      }
    }
    const slug = p.display_name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    out.push({ name: `${String(i).padStart(2, "0")}-${slug}`, text: pretty(p), intent, ...(mistake ? { mistake } : {}) });
  }
  return out;
}

// CLI: print a summary; --write puts the files in bench/corpus/.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seedArg = process.argv.indexOf("--seed");
  const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : SEED;
  const entries = corpus({ seed });
  const sizes = entries.map((e) => Buffer.byteLength(e.text));
  for (const [i, e] of entries.entries()) {
    console.log(`${e.name.padEnd(34)} ${String(sizes[i]).padStart(4)} B  ${e.intent.padEnd(7)} ${e.mistake ?? ""}`);
  }
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  console.log(`\n${entries.length} payloads, ${Math.min(...sizes)}–${Math.max(...sizes)} bytes (mean ${mean.toFixed(0)}), ` +
    `${entries.filter((e) => e.intent === "invalid").length} invalid, seed ${seed}`);
  if (process.argv.includes("--write")) {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "corpus");
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith(".json")) rmSync(join(dir, f));
    for (const e of entries) writeFileSync(join(dir, `${e.name}.json`), e.text);
    console.log(`wrote ${entries.length} files to ${dir}`);
  }
}

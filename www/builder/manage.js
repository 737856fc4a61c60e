// Manage: the environments the page's server offers (/api/session), the custom connectors of the
// chosen one, and the writes — each only after the user has seen what it does: create (with
// similar names), update (after the diff), delete (after typing the name), promote Dev →
// Production (after the three-column view). Production writes are armed first through
// POST /api/confirm-production. The browser holds no credentials: the server adds them.

import { h, replace, button, uid, errorBlock, openDialog, describeError } from "./dom.js";
import { summaryView, changesView, promotionView } from "./diff-views.js";

/** Members the server adds to a connector; the editor shows the payload without them. */
const SERVER_FIELDS = ["id", "identifier", "categories", "display_priority", "coming_soon", "is_custom", "is_custom_mcp"];

export function payloadOf(connector) {
  const out = {};
  for (const [k, v] of Object.entries(connector ?? {})) if (!SERVER_FIELDS.includes(k)) out[k] = v;
  return out;
}

/** The few facts that identify a payload, for a confirmation. */
function facts(payload) {
  const pattern = Array.isArray(payload.auth_patterns) ? payload.auth_patterns[0] : null;
  const scopes = pattern?.oauth_config?.available_scopes;
  const inputs = [...(Array.isArray(pattern?.fields) ? pattern.fields : []), ...(Array.isArray(pattern?.account_fields) ? pattern.account_fields : [])];
  const rows = [
    ["Display name", String(payload.display_name ?? "")],
    ["Auth", `${pattern?.type ?? "—"}${pattern?.is_mcp ? " · MCP server" : ""}`],
    ["Proxy URL", String(payload.proxy_url ?? "")],
    ["Inputs", inputs.length ? inputs.map((f) => f?.field_name).filter(Boolean).join(", ") : "none"],
    Array.isArray(scopes) ? ["Scopes", scopes.length ? scopes.map((x) => x?.scope).filter(Boolean).join(", ") : "none"] : null,
  ].filter(Boolean);
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
}

/**
 * A failed write that may still have happened: no answer or an unreadable one, a server error,
 * or the module trapping while it was in flight. Its error must not say it was not done.
 */
function uncertain(error) {
  return ["outcome-unknown", "bad-response", "internal-error"].includes(error?.code)
    || (typeof error?.status === "number" && error.status >= 500);
}

/** What the page shows for a failed write: the client's `list()` advice in the page's terms. */
function writeFailure(error) {
  const e = describeError(error);
  if (!uncertain(error)) return e;
  const hint = /list\(\)/.test(e.hint) || !e.hint ? "Refresh the list to see whether it happened before trying again." : e.hint;
  return { ...e, hint };
}

export class Manage {
  /**
   * @param {{ ck: object, builder: { payload, report, origin, dialogRoot, notify, emit, open } , apiBase: string, onEnvironment: (name) => void }} options
   */
  constructor({ ck, builder, apiBase = "", onEnvironment }) {
    this.ck = ck;
    this.b = builder;
    this.apiBase = apiBase;
    this.onEnvironment = onEnvironment;
    this.envs = [];
    this.clients = new Map();
    this.connectors = [];
    this.wanted = null;
    const envId = uid("env");
    this.envSelect = h("select", { id: envId, "data-action": "environment", on: { change: (e) => this.select(e.target.value) } });
    this.envBadge = h("span", { class: "env-badge", hidden: true });
    this.refreshBtn = button("Refresh", () => this.refresh(), { kind: "secondary small", "data-action": "refresh" });
    this.promoteBtn = button("Promote to Production…", () => this.promote(), { kind: "secondary", "data-action": "promote", "data-write": "", hidden: true });
    this.listEl = h("div", { class: "connector-list", part: "connector-list", "aria-live": "polite", "aria-busy": "false" });
    this.el = h("section", { class: "panel manage", part: "manage", "aria-label": "Manage connectors" },
      h("div", { class: "panel-head" }, h("h3", { text: "Connectors" }), this.envBadge),
      h("div", { class: "env-row" },
        h("div", { class: "ctl grow" }, h("label", { for: envId, text: "Environment" }), this.envSelect),
        this.refreshBtn),
      this.listEl,
      h("div", { class: "manage-actions" }, this.promoteBtn));
  }

  get env() { return this.envs.find((e) => e.name === this.envSelect.value) ?? null; }
  get production() { return this.envs.find((e) => e.production) ?? null; }
  get devEnv() { const cur = this.env; return cur && !cur.production ? cur : this.envs.find((e) => !e.production) ?? null; }

  client(name) {
    if (!this.clients.has(name)) this.clients.set(name, new this.ck.ManagementClient({ environmentUrl: `${this.apiBase}/env/${encodeURIComponent(name)}` }));
    return this.clients.get(name);
  }

  /** Loads the session's environments; `wanted` picks one by name. */
  async init(wanted, { allowProduction = true } = {}) {
    this.wanted = wanted ?? null;
    replace(this.listEl, h("p", { class: "muted", text: "Connecting…" }));
    try {
      const res = await fetch(`${this.apiBase}/api/session`, { headers: { accept: "application/json" } });
      if (!res.ok) throw Object.assign(new Error(`The page's server answered ${res.status} to /api/session`), { code: "no-session", status: res.status, hint: "open the page through the URL `connector-kit serve` printed (it carries the session token)" });
      const session = await res.json();
      this.envs = Array.isArray(session.environments) ? session.environments : [];
    } catch (error) {
      this.envs = [];
      this.envSelect.disabled = true;
      this.refreshBtn.disabled = true;
      replace(this.listEl, errorBlock(error.code ? error : { message: "No environments: the page's server did not answer /api/session.", hint: "run `connector-kit serve` and open the URL it prints", code: "no-session" }));
      return;
    }
    replace(this.envSelect, this.envs.map((e) => h("option", { value: e.name, text: e.production ? `${e.name} — Production` : e.name })));
    const pick = this.envs.find((e) => e.name === this.wanted && (allowProduction || !e.production))
      ?? this.envs.find((e) => !e.production) ?? this.envs[0];
    if (pick) this.envSelect.value = pick.name;
    this.#envChanged();
    await this.refresh();
  }

  select(name) {
    if (!this.envs.some((e) => e.name === name)) { this.wanted = name; return; }
    this.envSelect.value = name;
    this.#envChanged();
    this.refresh();
  }

  #envChanged() {
    const env = this.env;
    this.envBadge.hidden = !env;
    if (env) {
      this.envBadge.textContent = `${env.production ? "Production" : "Development"}${env.emulated ? " · emulated" : env.host ? ` · ${env.host}` : ""}`;
      this.envBadge.title = env.host ? `${env.name}: ${env.host}` : env.name;
      this.envBadge.dataset.production = String(!!env.production);
    }
    this.promoteBtn.hidden = !(this.production && this.envs.some((e) => !e.production));
    this.onEnvironment?.(env?.name ?? null);
  }

  async refresh() {
    const env = this.env;
    if (!env) return;
    this.listEl.setAttribute("aria-busy", "true");
    this.refreshBtn.disabled = true;
    try {
      const all = await this.client(env.name).list();
      if (this.env !== env) return;
      this.connectors = all;
      this.#renderList();
    } catch (error) {
      replace(this.listEl, errorBlock(error, { title: `Could not list ${env.name}'s connectors` }), button("Try again", () => this.refresh(), { kind: "secondary small" }));
      this.b.emit("error", { error, action: "list", environment: env.name });
    } finally {
      this.listEl.setAttribute("aria-busy", "false");
      this.refreshBtn.disabled = false;
    }
  }

  /** Re-draws the list (e.g. when another connector is opened in the editor). */
  redraw() {
    if (this.env && this.listEl.querySelector(".connectors, .empty")) this.#renderList();
  }

  #renderList() {
    const env = this.env;
    if (!this.connectors.length) {
      replace(this.listEl, h("div", { class: "empty" },
        h("p", { class: "empty-title", text: `No custom connectors in ${env.name} yet.` }),
        h("p", { class: "muted", text: `Build one, then “Save to ${env.name}”.` })));
      return;
    }
    const origin = this.b.origin;
    replace(this.listEl,
      h("p", { class: "list-count", text: `${this.connectors.length} custom connector${this.connectors.length === 1 ? "" : "s"} in ${env.name}` }),
      h("ul", { class: "connectors", "aria-label": `Connectors in ${env.name}` },
        this.connectors.map((c) => {
          const pattern = Array.isArray(c.auth_patterns) ? c.auth_patterns[0] : null;
          const name = typeof c.display_name === "string" ? c.display_name : String(c.identifier);
          const current = origin && origin.environment === env.name && origin.identifier === c.identifier;
          return h("li", { class: `connector${current ? " current" : ""}`, "data-identifier": c.identifier },
            h("div", { class: "connector-main" },
              h("span", { class: "connector-name", text: name }),
              h("span", { class: "connector-meta" },
                h("code", { text: c.identifier }),
                pattern?.type ? h("span", { class: "badge", text: String(pattern.type) }) : null,
                c.is_custom_mcp ? h("span", { class: "badge accent", text: "MCP" }) : null,
                current ? h("span", { class: "badge ok", text: "in the editor" }) : null)),
            h("div", { class: "connector-actions" },
              button("Open", () => this.b.open(c, env.name), { kind: "secondary small", aria: `Open ${name} in the editor`, "data-action": "open" }),
              button("Delete…", () => this.remove(c), { kind: "ghost danger small", aria: `Delete ${name}`, "data-action": "delete", "data-write": "" })));
        })));
  }

  async #confirmProduction(env) {
    if (!env.production) return;
    const res = await fetch(`${this.apiBase}/api/confirm-production`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ environment: env.name }),
    });
    if (!res.ok) {
      let body = {};
      try { body = await res.json(); } catch { /* not JSON */ }
      throw Object.assign(new Error(body.message ?? `Production confirmation refused (${res.status})`), { code: body.code ?? "confirmation-refused", status: res.status, hint: body.hint });
    }
  }

  /** A confirm checkbox for Production writes; returns [node, isChecked]. */
  #productionGate(env, text, onToggle) {
    if (!env.production) return [null, () => true];
    const id = uid("pg");
    const box = h("input", { type: "checkbox", id, "data-action": "confirm-production", on: { change: onToggle } });
    return [h("div", { class: "callout warning prod-gate" },
      h("p", { class: "callout-title", text: `${env.name} is Production` }),
      h("div", { class: "ctl check" }, box, h("label", { for: id, text }))), () => box.checked];
  }

  /** Create or update in the chosen environment, after showing what it does. */
  async save() {
    const env = this.env;
    const payload = this.b.payload;
    if (!env) { this.b.notify("No environment: open the page through `connector-kit serve`.", "danger"); return; }
    if (!payload) { this.b.notify("Fix the JSON first: it does not parse.", "danger"); return; }
    const client = this.client(env.name);
    const origin = this.b.origin;
    let existing = null;
    try {
      if (origin && origin.environment === env.name) {
        try { existing = await client.get(origin.identifier); } catch (error) { if (error?.status !== 404 && error?.code !== "not-found") throw error; }
      }
      if (!existing && typeof payload.display_name === "string" && payload.display_name) existing = await client.findByName(payload.display_name);
    } catch (error) {
      this.#failed(error, "save", env);
      return;
    }
    if (existing) await this.#updateDialog(env, existing, payload);
    else await this.#createDialog(env, payload);
  }

  async #createDialog(env, payload) {
    const client = this.client(env.name);
    let similar = [];
    try { similar = await client.similarNames(String(payload.display_name ?? "")); } catch { /* a hint only */ }
    const errorSlot = h("div", { class: "error-slot" });
    const go = button(`Create in ${env.name}`, () => run(), { kind: "primary", "data-action": "confirm-create" });
    const [gate, armed] = this.#productionGate(env, `I want to create this connector in ${env.name}`, () => { go.disabled = !armed(); });
    go.disabled = !armed();
    const dlg = openDialog(this.b.dialogRoot, {
      title: `Create “${payload.display_name}” in ${env.name}`,
      label: "create",
      body: h("div", {},
        h("p", {}, "A new connector: ", h("code", { text: "POST /api/v1/custom-providers" }), ` on ${env.name}. The server derives its identifier from the display name.`),
        facts(payload),
        h("details", { class: "request" }, h("summary", { text: "Request body" }), h("pre", {}, h("code", { text: JSON.stringify(payload, null, 2) }))),
        similar.length ? h("div", { class: "callout info" },
          h("p", { class: "callout-title", text: "Similar names already exist" }),
          h("p", { text: "Did you mean to update one of these instead?" }),
          h("ul", {}, similar.map((n) => h("li", {}, h("span", { text: n }), " ",
            button("Open it", async () => { dlg.close(); await this.#openByName(env, n); }, { kind: "ghost small" }))))) : null,
        gate, errorSlot),
      actions: [button("Cancel", () => dlg.close(), { kind: "secondary" }), go],
    });
    const run = async () => {
      go.disabled = true;
      replace(errorSlot);
      try {
        await this.#confirmProduction(env);
        const connector = await client.create(payload);
        dlg.close();
        this.b.saved(connector, env.name, "create");
        await this.refresh();
      } catch (error) {
        replace(errorSlot, errorBlock(writeFailure(error), { title: uncertain(error) ? "It is not known whether it was created" : "The server refused to create it" }));
        go.disabled = !armed();
        this.b.emit("error", { error, action: "create", environment: env.name });
        if (uncertain(error)) this.refresh();
      }
    };
    await dlg.closed;
  }

  async #updateDialog(env, existing, payload) {
    let diff;
    try { diff = this.ck.diffPayloads(existing, payload); } catch (error) { this.#failed(error, "diff", env); return; }
    const client = this.client(env.name);
    const errorSlot = h("div", { class: "error-slot" });
    const none = !diff.changes.length;
    const go = button(`Update in ${env.name}`, () => run(), { kind: "primary", "data-action": "confirm-update", disabled: none });
    const [gate, armed] = this.#productionGate(env, `I reviewed the changes and want to update ${env.name}`, () => { go.disabled = none || !armed(); });
    go.disabled = none || !armed();
    const dlg = openDialog(this.b.dialogRoot, {
      title: `Update “${existing.display_name}” in ${env.name}`,
      label: "update",
      wide: true,
      body: h("div", {},
        h("p", {}, "Review before anything is sent: ", h("code", { text: `PUT /api/v1/custom-providers/${encodeURIComponent(existing.identifier)}` }),
          " replaces the whole connector."),
        none ? null : summaryView(diff.summary),
        changesView(diff.changes),
        gate, errorSlot),
      actions: [button("Cancel", () => dlg.close(), { kind: "secondary" }), go],
    });
    const run = async () => {
      go.disabled = true;
      replace(errorSlot);
      try {
        await this.#confirmProduction(env);
        const connector = await client.update(existing.identifier, payload);
        dlg.close();
        this.b.saved(connector, env.name, "update");
        await this.refresh();
      } catch (error) {
        replace(errorSlot, errorBlock(writeFailure(error), { title: uncertain(error) ? "It is not known whether the update was applied" : "The update was not applied" }));
        go.disabled = none || !armed();
        this.b.emit("error", { error, action: "update", environment: env.name });
        if (uncertain(error)) this.refresh();
      }
    };
    await dlg.closed;
  }

  async #openByName(env, name) {
    try {
      const c = await this.client(env.name).findByName(name);
      if (c) this.b.open(c, env.name);
    } catch (error) { this.#failed(error, "open", env); }
  }

  /** Delete, only once the user has typed the connector's name. */
  async remove(connector) {
    const env = this.env;
    const name = String(connector.display_name ?? connector.identifier);
    const id = uid("del");
    const errorSlot = h("div", { class: "error-slot" });
    const go = button(`Delete from ${env.name}`, () => run(), { kind: "danger", disabled: true, "data-action": "confirm-delete" });
    const input = h("input", {
      id, autocomplete: "off", spellcheck: "false", "data-action": "type-name",
      on: { input: (e) => { go.disabled = e.target.value !== name; } },
    });
    const dlg = openDialog(this.b.dialogRoot, {
      title: `Delete “${name}” from ${env.name}`,
      label: "delete",
      body: h("div", {},
        env.production ? h("p", { class: "callout warning", text: `${env.name} is Production.` }) : null,
        h("p", {}, "This removes ", h("code", { text: connector.identifier }), ` from ${env.name}. It cannot be undone, and the server refuses while connections still use it.`),
        h("div", { class: "ctl" }, h("label", { for: id }, "Type ", h("strong", { class: "name-to-type", text: name }), " to confirm"), input),
        errorSlot),
      actions: [button("Cancel", () => dlg.close(), { kind: "secondary" }), go],
    });
    input.focus();
    const run = async () => {
      if (input.value !== name) return;
      go.disabled = true;
      replace(errorSlot);
      try {
        await this.#confirmProduction(env);
        await this.client(env.name).delete(connector.identifier);
        dlg.close();
        this.b.deleted(connector, env.name);
        await this.refresh();
      } catch (error) {
        replace(errorSlot, errorBlock(writeFailure(error), { title: uncertain(error) ? "It is not known whether it was deleted" : "The connector was not deleted" }));
        go.disabled = input.value !== name;
        this.b.emit("error", { error, action: "delete", environment: env.name });
        if (uncertain(error)) this.refresh();
      }
    };
    await dlg.closed;
  }

  /** Promote Dev → Production: Dev's stored connector is the source of truth. */
  async promote() {
    const prod = this.production;
    const dev = this.devEnv;
    const payload = this.b.payload;
    if (!prod || !dev) return;
    const origin = this.b.origin;
    let devConnector = null;
    let prodConnector = null;
    let plan;
    try {
      if (origin && origin.environment === dev.name) {
        try { devConnector = await this.client(dev.name).get(origin.identifier); } catch (error) { if (error?.status !== 404 && error?.code !== "not-found") throw error; }
      }
      if (!devConnector && payload?.display_name) devConnector = await this.client(dev.name).findByName(String(payload.display_name));
      if (!devConnector) {
        const dlg = openDialog(this.b.dialogRoot, {
          title: "Nothing to promote yet",
          label: "promote",
          body: h("p", {}, `${dev.name} has no connector named “${payload?.display_name ?? ""}”. Save it to ${dev.name} first: promotion copies what ${dev.name} holds.`),
          actions: [button("Close", () => dlg.close(), { kind: "secondary" })],
        });
        return;
      }
      prodConnector = await this.client(prod.name).findByName(String(devConnector.display_name));
      plan = this.ck.planPromotion(devConnector, prodConnector);
    } catch (error) {
      this.#failed(error, "promote", prod);
      return;
    }
    let unsaved = false;
    try { unsaved = !!payload && this.ck.diffPayloads(devConnector, payload).changes.length > 0; } catch { /* the editor may hold anything */ }
    const errorSlot = h("div", { class: "error-slot" });
    const act = plan.action;
    const go = button(act === "create" ? `Create in ${prod.name}` : `Update ${prod.name}`, () => run(), { kind: "primary", disabled: true, "data-action": "confirm-promote" });
    const [gate, armed] = this.#productionGate(prod, `I reviewed the three columns and want to ${act} the connector in ${prod.name}`, () => { go.disabled = !armed(); });
    const dlg = openDialog(this.b.dialogRoot, {
      title: `Promote “${devConnector.display_name}”: ${dev.name} → ${prod.name}`,
      label: "promote",
      wide: true,
      body: h("div", {},
        unsaved ? h("div", { class: "callout warning" },
          h("p", { class: "callout-title", text: `The editor differs from ${dev.name}` }),
          h("p", { text: `Promotion copies what ${dev.name} stores, not the editor. Save to ${dev.name} first to include your edits.` })) : null,
        promotionView(plan, { dev: dev.name, production: prod.name }),
        act !== "none" ? gate : null,
        errorSlot),
      actions: act === "none"
        ? [button("Close", () => dlg.close(), { kind: "secondary" })]
        : [button("Cancel", () => dlg.close(), { kind: "secondary" }), go],
    });
    const run = async () => {
      go.disabled = true;
      replace(errorSlot);
      try {
        await this.#confirmProduction(prod);
        const client = this.client(prod.name);
        const connector = act === "create" ? await client.create(plan.request.body) : await client.update(plan.identifier, plan.request.body);
        dlg.close();
        this.b.saved(connector, prod.name, "promote");
        if (this.env?.name === prod.name) await this.refresh();
      } catch (error) {
        replace(errorSlot, errorBlock(writeFailure(error), { title: uncertain(error) ? `It is not known whether ${prod.name} was changed` : `${prod.name} was not changed` }));
        go.disabled = !armed();
        this.b.emit("error", { error, action: "promote", environment: prod.name });
        if (uncertain(error) && this.env?.name === prod.name) this.refresh();
      }
    };
    await dlg.closed;
  }

  #failed(error, action, env) {
    const e = describeError(error);
    this.b.notify(`${e.message}${e.hint ? ` — ${e.hint}` : ""}`, "danger");
    this.b.emit("error", { error, action, environment: env?.name ?? null });
  }
}

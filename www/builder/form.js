// The form: one control for every payload member, bound to the payload object by JSON Pointer.
// Typing edits the object in place (no re-render, so focus and caret stay put); adding, removing,
// reordering or switching the auth type re-renders and puts focus back where it belongs.
// It knows the payload's shape, not its rules: what is wrong is validate()'s job, and switching
// the auth type or MCP asks buildPayload() for the new pattern.

import { h, uid, button, rich } from "./dom.js";

export const AUTH_TYPES = [
  ["OAUTH", "OAuth 2.0", "Users sign in with the provider; tokens are refreshed for them."],
  ["BEARER", "Bearer token", "A static token sent as Authorization: Bearer …"],
  ["API_KEY", "API key", "A key sent as the Authorization header (or the header you name)."],
  ["BASIC", "Basic auth", "A username and password, base64-encoded."],
  ["NO_AUTH", "No authentication", "Public MCP servers only."],
];
const INPUT_TYPES = ["text", "password", "select", "textarea"];
const CREDENTIALS = ["token", "api_key", "username", "password"];

/** JSON Pointer of a path array (RFC 6901). */
export const pointer = (path) => path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

function getAt(obj, path) {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[key];
  }
  return cur;
}

function setAt(obj, path, value) {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (cur[key] === null || typeof cur[key] !== "object") cur[key] = typeof path[i + 1] === "number" ? [] : {};
    cur = cur[key];
  }
  cur[path.at(-1)] = value;
}

function deleteAt(obj, path) {
  const parent = getAt(obj, path.slice(0, -1));
  if (parent && typeof parent === "object") delete parent[path.at(-1)];
}

const asText = (v) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
const list = (v) => (Array.isArray(v) ? v : []);

export class PayloadForm {
  /**
   * @param {{ ck: object, onChange: (payload: object, opts: { structural: boolean, focus?: string }) => void }} options
   */
  constructor({ ck, onChange }) {
    this.ck = ck;
    this.onChange = onChange;
    this.payload = null;
    this.readonly = false;
    this.fieldset = h("fieldset", { class: "form-root" });
    this.notice = h("div", { class: "form-notice", role: "note", hidden: true });
    this.el = h("form", {
      class: "payload-form", part: "form", "aria-label": "Connector form", novalidate: true,
      on: { submit: (e) => e.preventDefault() },
    }, this.notice, this.fieldset);
  }

  /** Renders `payload` (an object), or explains why there is no form (`reason`). */
  render(payload, { reason, focus } = {}) {
    this.payload = payload;
    if (!payload) {
      this.notice.hidden = false;
      this.notice.replaceChildren(h("strong", { text: "The form is paused. " }), reason ?? "");
      this.fieldset.disabled = true;
      this.el.classList.add("paused");
      return;
    }
    this.el.classList.remove("paused");
    this.notice.hidden = true;
    this.fieldset.disabled = this.readonly;
    const active = this.el.getRootNode().activeElement;
    const keep = focus ?? (active && this.el.contains(active) ? active.dataset.path ?? active.dataset.focus : null);
    this.fieldset.replaceChildren(...this.#sections(payload));
    if (keep) this.focus(keep);
  }

  /** The rendered sections, for a jump menu: [{ id, element }]. */
  get sections() {
    return [...this.fieldset.querySelectorAll(":scope > section[data-section]")].map((element) => ({ id: element.dataset.section, element }));
  }

  focus(key) {
    const el = [...this.el.querySelectorAll("[data-path], [data-focus]")]
      .find((e) => e.dataset.path === key || e.dataset.focus === key);
    if (el) { el.focus(); if (el.select && el.tagName === "INPUT" && el.dataset.selectOnFocus) el.select(); }
  }

  /** Marks controls whose pointer a diagnostic names, and shows the first message under them. */
  mark(diagnostics) {
    const byPath = new Map();
    for (const d of diagnostics) if (d.path && !byPath.has(d.path)) byPath.set(d.path, d);
    for (const control of this.el.querySelectorAll("[data-path]")) {
      const d = byPath.get(control.dataset.path);
      const slot = control.closest(".ctl")?.querySelector(".ctl-diag");
      if (d) {
        control.setAttribute("aria-invalid", d.severity === "error" ? "true" : "false");
        control.dataset.severity = d.severity;
        if (slot) { slot.replaceChildren(...rich(d.message), ...(d.hint ? [" — ", ...rich(d.hint)] : [])); slot.dataset.severity = d.severity; slot.hidden = false; }
      } else {
        control.removeAttribute("aria-invalid");
        delete control.dataset.severity;
        if (slot) { slot.textContent = ""; slot.hidden = true; }
      }
    }
  }

  // ---- edits ---------------------------------------------------------------------------------

  #edit(fn, opts = {}) {
    fn(this.payload);
    this.onChange(this.payload, { structural: false, ...opts });
  }

  #structural(fn, focus) {
    fn(this.payload);
    this.onChange(this.payload, { structural: true, focus });
  }

  // ---- controls ------------------------------------------------------------------------------

  /** A labelled text input bound to `path`. */
  #text(label, path, { optional = false, multiline = false, help, placeholder, mono = false, type = "text", wide = false, required = false } = {}) {
    const id = uid("f");
    const ptr = pointer(path);
    const helpId = help ? `${id}-help` : null;
    const diagId = `${id}-diag`;
    const attrs = {
      id, "data-path": ptr, class: mono ? "mono" : null, placeholder,
      "aria-describedby": [helpId, diagId].filter(Boolean).join(" "), required,
      spellcheck: mono ? "false" : null, autocomplete: "off",
      props: { value: asText(getAt(this.payload, path)) },
      on: {
        input: (e) => this.#edit((p) => {
          const v = e.target.value;
          if (optional && v === "") deleteAt(p, path);
          else setAt(p, path, v);
        }),
      },
    };
    const control = multiline ? h("textarea", { ...attrs, rows: 2 }) : h("input", { ...attrs, type });
    return h("div", { class: `ctl${wide ? " wide" : ""}` },
      h("label", { for: id }, label, required ? h("span", { class: "req", "aria-hidden": "true", text: " *" }) : null,
        optional ? h("span", { class: "opt", text: " optional" }) : null),
      control,
      help ? h("p", { id: helpId, class: "help", text: help }) : null,
      h("p", { id: diagId, class: "ctl-diag", hidden: true }));
  }

  /** A checkbox bound to `path`; `whenOff` is "false" (writes false) or "delete" (removes the key). */
  #check(label, path, { help, whenOff = "false", wide = false } = {}) {
    const id = uid("c");
    const helpId = help ? `${id}-help` : null;
    return h("div", { class: `ctl check${wide ? " wide" : ""}` },
      h("input", {
        type: "checkbox", id, "data-path": pointer(path), "aria-describedby": helpId,
        props: { checked: getAt(this.payload, path) === true },
        on: { change: (e) => this.#edit((p) => { if (e.target.checked) setAt(p, path, true); else if (whenOff === "delete") deleteAt(p, path); else setAt(p, path, false); }) },
      }),
      h("label", { for: id, text: label }),
      help ? h("p", { id: helpId, class: "help", text: help }) : null,
      h("p", { class: "ctl-diag", hidden: true }));
  }

  #select(label, path, options, { onPick, help } = {}) {
    const id = uid("s");
    const value = asText(getAt(this.payload, path));
    const known = options.some(([v]) => v === value);
    return h("div", { class: "ctl" },
      h("label", { for: id, text: label }),
      h("select", {
        id, "data-path": pointer(path),
        on: { change: (e) => (onPick ? onPick(e.target.value) : this.#edit((p) => setAt(p, path, e.target.value))) },
      },
      !known ? h("option", { value, props: { selected: true } }, value === "" ? "(none)" : `${value} (unknown)`) : null,
      options.map(([v, text]) => h("option", { value: v, props: { selected: v === value } }, text))),
      help ? h("p", { class: "help", text: help }) : null,
      h("p", { class: "ctl-diag", hidden: true }));
  }

  #group(title, { intro, id, actions } = {}, ...children) {
    const headId = uid("g");
    return h("section", { class: "group", part: "form-section", "aria-labelledby": headId, "data-section": id },
      h("div", { class: "group-head" }, h("h3", { id: headId, text: title }), actions ?? null),
      intro ? h("p", { class: "intro", text: intro }) : null,
      children);
  }

  /** Up / down / remove buttons for item `i` of the list at `path`. */
  #itemTools(path, i, length, name, focusBase) {
    const move = (delta) => this.#structural((p) => {
      const arr = getAt(p, path);
      const [item] = arr.splice(i, 1);
      arr.splice(i + delta, 0, item);
    }, `${focusBase}:${i + delta}:${delta < 0 ? "up" : "down"}`);
    return h("div", { class: "item-tools" },
      button("↑", () => move(-1), { kind: "ghost icon", aria: `Move ${name} up`, disabled: i === 0, "data-focus": `${focusBase}:${i}:up` }),
      button("↓", () => move(1), { kind: "ghost icon", aria: `Move ${name} down`, disabled: i === length - 1, "data-focus": `${focusBase}:${i}:down` }),
      button("Remove", () => this.#structural((p) => getAt(p, path).splice(i, 1), `${focusBase}:add`),
        { kind: "ghost danger small", aria: `Remove ${name}` }));
  }

  // ---- sections ------------------------------------------------------------------------------

  #sections(p) {
    const patterns = list(p.auth_patterns);
    const pattern = patterns[0] && typeof patterns[0] === "object" ? patterns[0] : null;
    const type = pattern?.type;
    const mcp = pattern?.is_mcp === true;
    const out = [this.#connector(p)];
    out.push(this.#auth(pattern, patterns.length));
    if (pattern) {
      if (type === "OAUTH") out.push(this.#oauth(pattern, mcp));
      const base = ["auth_patterns", 0];
      if (type !== "NO_AUTH" || list(pattern.fields).length) {
        out.push(this.#fields([...base, "fields"], type === "OAUTH" ? "Pre-flow inputs" : "Inputs",
          type === "OAUTH"
            ? "Options asked before the OAuth flow starts (fields). Path parameters of an OAuth connector belong in account inputs."
            : "What a user types when connecting an account: the credential and any values proxy_url needs."));
      }
      if (type === "OAUTH" || list(pattern.account_fields).length) {
        out.push(this.#fields([...base, "account_fields"], "Account inputs",
          "Account-scoped values such as path parameters ({{cloud_id}}), collected for OAuth connectors."));
      }
      if (type !== "NO_AUTH") out.push(this.#mutations(pattern));
    }
    out.push(this.#metadata(p));
    return out;
  }

  #connector(p) {
    const icon = typeof p.icon_src === "string" && p.icon_src.startsWith("https://") ? p.icon_src : null;
    return this.#group("Connector", { id: "connector" },
      h("div", { class: "grid2" },
        this.#text("Display name", ["display_name"], { required: true, help: "Letters, digits and spaces (the server refuses hyphens). Its identifier is derived from it.", wide: true }),
        this.#text("Description", ["description"], { multiline: true, wide: true, help: "One sentence: what connecting it gives access to." }),
        this.#text("Proxy URL", ["proxy_url"], { required: true, mono: true, wide: true, placeholder: "https://api.example.com", help: "The upstream base URL; {{placeholders}} are filled from a connected account's inputs." }),
        h("div", { class: "ctl wide icon-row" },
          this.#text("Icon URL", ["icon_src"], { optional: true, mono: true, placeholder: "https://…/icon.svg", help: "An https:// URL of an 800×800 SVG." }),
          icon ? h("img", { class: "icon-preview", alt: "", src: icon, width: 40, height: 40, referrerpolicy: "no-referrer" }) : null),
        this.#check("Proxy enabled", ["proxy_enabled"], { wide: true, help: "Must stay on: without it tool calls through the proxy do not work." }),
      ));
  }

  #auth(pattern, count) {
    if (!pattern) {
      return this.#group("Authentication", { id: "auth", intro: "The payload has no auth pattern yet." },
        button("Add an auth pattern", () => this.#retype("BEARER", false), { kind: "primary", "data-focus": "auth:add" }));
    }
    const base = ["auth_patterns", 0];
    const type = pattern.type;
    const mcp = pattern.is_mcp === true;
    const typeId = uid("t");
    const mcpId = uid("m");
    const typeHelp = AUTH_TYPES.find(([t]) => t === type)?.[2] ?? "An unknown type: pick one of the list.";
    return this.#group("Authentication", { id: "auth" },
      count > 1 ? h("p", { class: "callout warning", text: `The payload has ${count} auth patterns; the form edits the first (the server accepts exactly one).` }) : null,
      h("div", { class: "grid2" },
        h("div", { class: "ctl" },
          h("label", { for: typeId, text: "Auth type" }),
          h("select", {
            id: typeId, "data-path": pointer([...base, "type"]), "aria-describedby": `${typeId}-help`,
            on: { change: (e) => this.#retype(e.target.value, mcp) },
          },
          AUTH_TYPES.some(([t]) => t === type) ? null : h("option", { value: asText(type), props: { selected: true } }, `${asText(type) || "(none)"} (unknown)`),
          AUTH_TYPES.map(([t, label]) => h("option", { value: t, props: { selected: t === type } }, label))),
          h("p", { id: `${typeId}-help`, class: "help", text: typeHelp }),
          h("p", { class: "ctl-diag", hidden: true })),
        h("div", { class: "ctl check" },
          h("input", {
            type: "checkbox", id: mcpId, "data-path": pointer([...base, "is_mcp"]), "aria-describedby": `${mcpId}-help`,
            props: { checked: mcp }, on: { change: (e) => this.#retype(type, e.target.checked) },
          }),
          h("label", { for: mcpId, text: "The upstream is an MCP server" }),
          h("p", { id: `${mcpId}-help`, class: "help", text: "MCP servers must be stateless; OAuth ones register their client dynamically." }),
          h("p", { class: "ctl-diag", hidden: true })),
        this.#text("Option label", [...base, "display_name"], { help: "What users see for this way to connect." }),
        this.#text("Option description", [...base, "description"]),
        type !== "NO_AUTH" && type !== "BASIC"
          ? this.#text("Header override", [...base, "auth_header_key_override"], { optional: true, mono: true, placeholder: "Authorization", help: "Send the credential in this header instead of Authorization (e.g. X-API-Key)." })
          : null,
      ));
  }

  /** Switches the auth type or MCP: buildPayload() makes the new pattern; inputs the user wrote are kept. */
  async #retype(type, mcp) {
    const p = this.payload;
    const old = list(p.auth_patterns)[0] ?? {};
    let vars = [];
    try { vars = this.ck.templateVariables(asText(p.proxy_url)); } catch { /* a malformed template: no inputs from it */ }
    const oldFields = [...list(old.fields), ...list(old.account_fields)].filter((f) => f && typeof f.field_name === "string" && f.field_name);
    const inputs = oldFields
      .filter((f) => !CREDENTIALS.includes(f.field_name) && !vars.includes(f.field_name))
      .map((f) => ({
        name: f.field_name,
        label: typeof f.label === "string" ? f.label : undefined,
        inputType: INPUT_TYPES.includes(f.input_type) ? f.input_type : undefined,
        hint: typeof f.hint === "string" ? f.hint : undefined,
        required: f.required === true,
        options: Array.isArray(f.options) ? f.options.filter((o) => o && o.value).map((o) => (o.display_name ? `${o.value}=${o.display_name}` : String(o.value))) : undefined,
      }));
    let built;
    try {
      built = await this.ck.buildPayload({
        name: asText(p.display_name) || "Connector",
        description: typeof p.description === "string" ? p.description : undefined,
        type, mcp, baseUrl: asText(p.proxy_url), inputs,
        headerOverride: typeof old.auth_header_key_override === "string" && type !== "BASIC" && type !== "NO_AUTH" ? old.auth_header_key_override : undefined,
      });
    } catch (error) {
      this.onChange(this.payload, { structural: false, error });
      return;
    }
    const pattern = built.auth_patterns[0];
    // Keep the user's own definitions of the inputs that survive (labels, hints, options).
    const mine = new Map(oldFields.filter((f) => !CREDENTIALS.includes(f.field_name) || f.field_name === "username").map((f) => [f.field_name, f]));
    for (const key of ["fields", "account_fields"]) {
      if (Array.isArray(pattern[key])) pattern[key] = pattern[key].map((f) => (mine.has(f.field_name) && !CREDENTIALS.includes(f.field_name) ? structuredClone(mine.get(f.field_name)) : f));
    }
    this.#structural((q) => { q.auth_patterns = [pattern, ...list(q.auth_patterns).slice(1)]; }, pointer(["auth_patterns", 0, mcp !== (old.is_mcp === true) ? "is_mcp" : "type"]));
  }

  #oauth(pattern, mcp) {
    const base = ["auth_patterns", 0, "oauth_config"];
    if (mcp) {
      return this.#group("OAuth", { id: "oauth", intro: "MCP servers use OAuth 2.1 with dynamic client registration: oauth_config is exactly {\"pkce_enabled\": true}, with no endpoints and no scopes." },
        this.#check("PKCE enabled", [...base, "pkce_enabled"], { help: "Required for MCP servers." }));
    }
    const scopesPath = [...base, "available_scopes"];
    const scopes = list(getAt(this.payload, scopesPath));
    const focusBase = `scopes`;
    return this.#group("OAuth", { id: "oauth", intro: "The provider's OAuth endpoints and the scopes a connection may ask for." },
      h("div", { class: "grid2" },
        this.#text("Authorize URL", [...base, "authorize_uri"], { mono: true, wide: true, required: true, placeholder: "https://example.com/oauth/authorize" }),
        this.#text("Token URL", [...base, "token_uri"], { mono: true, wide: true, required: true, placeholder: "https://example.com/oauth/token" }),
        this.#text("User info URL", [...base, "user_info_uri"], { mono: true, wide: true, optional: true, placeholder: "https://example.com/api/me" }),
        this.#check("PKCE enabled", [...base, "pkce_enabled"], { whenOff: "delete" })),
      h("h4", { class: "sub", id: uid("sc"), text: `Scopes (${scopes.length})` }),
      h("ol", { class: "items scopes", "aria-label": "Scopes" },
        scopes.map((s, i) => {
          const name = asText(s?.scope) || `scope ${i + 1}`;
          return h("li", { class: "item" },
            h("div", { class: "item-head" }, h("code", { class: "item-name", text: name }), this.#itemTools(scopesPath, i, scopes.length, `scope ${name}`, focusBase)),
            h("div", { class: "grid2" },
              this.#text("Scope", [...scopesPath, i, "scope"], { mono: true, required: true }),
              this.#text("Label", [...scopesPath, i, "display_name"], { optional: true }),
              this.#text("What it grants", [...scopesPath, i, "description"], { optional: true, wide: true }),
              this.#check("Required", [...scopesPath, i, "required"])));
        })),
      button("+ Add scope", () => this.#structural((p) => {
        const arr = getAt(p, scopesPath);
        if (Array.isArray(arr)) arr.push({ scope: "", display_name: "", description: "", required: false });
        else setAt(p, scopesPath, [{ scope: "", display_name: "", description: "", required: false }]);
      }, pointer([...scopesPath, scopes.length, "scope"])), { kind: "secondary small", "data-focus": `${focusBase}:add` }));
  }

  #fields(path, title, intro) {
    const fields = list(getAt(this.payload, path));
    const focusBase = pointer(path);
    const add = () => this.#structural((p) => {
      const n = fields.length + 1;
      const field = { field_name: `field_${n}`, label: `Field ${n}`, input_type: "text", hint: "", required: false };
      const arr = getAt(p, path);
      if (Array.isArray(arr)) arr.push(field); else setAt(p, path, [field]);
    }, pointer([...path, fields.length, "field_name"]));
    return this.#group(`${title} (${fields.length})`, { id: path.at(-1), intro },
      h("ol", { class: "items", "aria-label": title },
        fields.map((f, i) => this.#field(path, f, i, fields.length, focusBase))),
      button(`+ Add ${path.at(-1) === "account_fields" ? "account input" : "input"}`, add, { kind: "secondary small", "data-focus": `${focusBase}:add` }));
  }

  #field(path, f, i, length, focusBase) {
    const at = [...path, i];
    const name = asText(f?.field_name) || `input ${i + 1}`;
    const type = f?.input_type ?? "text";
    const badges = [
      h("span", { class: "badge", text: asText(type) }),
      f?.required === true ? h("span", { class: "badge", text: "required" }) : null,
      f?.is_path_param === true ? h("span", { class: "badge accent", text: "path param" }) : null,
    ];
    const options = list(f?.options);
    return h("li", { class: "item" },
      h("div", { class: "item-head" },
        h("code", { class: "item-name", text: name }), h("span", { class: "badges" }, badges),
        this.#itemTools(path, i, length, `input ${name}`, focusBase)),
      h("div", { class: "grid2" },
        this.#text("Field name", [...at, "field_name"], { mono: true, required: true, help: "The key the value is stored under; {{this}} in proxy_url." }),
        this.#text("Label", [...at, "label"]),
        this.#select("Input type", [...at, "input_type"], INPUT_TYPES.map((t) => [t, t]), {
          onPick: (v) => this.#structural((p) => {
            setAt(p, [...at, "input_type"], v);
            if (v === "select" && !Array.isArray(getAt(p, [...at, "options"]))) setAt(p, [...at, "options"], [{ value: "", display_name: "" }]);
          }, pointer([...at, "input_type"])),
        }),
        this.#text("Hint", [...at, "hint"], { help: "Where users find the value." }),
        this.#check("Required", [...at, "required"]),
        this.#check("Path parameter", [...at, "is_path_param"], { whenOff: "delete", help: "Its value fills {{field_name}} in proxy_url." })),
      type === "select" || options.length ? this.#options([...at, "options"], options, name) : null);
  }

  #options(path, options, fieldName) {
    const focusBase = pointer(path);
    return h("div", { class: "options" },
      h("h5", { class: "sub", text: `Options of ${fieldName}` }),
      h("ol", { class: "items compact", "aria-label": `Options of ${fieldName}` },
        options.map((o, i) => h("li", { class: "item row" },
          this.#text("Value", [...path, i, "value"], { mono: true, required: true }),
          this.#text("Shown as", [...path, i, "display_name"], { optional: true }),
          this.#check("Default", [...path, i, "default"], { whenOff: "delete" }),
          this.#itemTools(path, i, options.length, `option ${asText(o?.value) || i + 1}`, focusBase)))),
      button("+ Add option", () => this.#structural((p) => {
        const arr = getAt(p, path);
        if (Array.isArray(arr)) arr.push({ value: "", display_name: "" }); else setAt(p, path, [{ value: "", display_name: "" }]);
      }, pointer([...path, options.length, "value"])), { kind: "secondary small", "data-focus": `${focusBase}:add` }));
  }

  #mutations(pattern) {
    const path = ["auth_patterns", 0, "auth_field_mutations"];
    const raw = getAt(this.payload, path);
    const entries = raw && typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : [];
    const used = new Set(entries.map(([k]) => k));
    const free = CREDENTIALS.find((c) => !used.has(c));
    const rename = (from, to) => this.#structural((p) => {
      const obj = getAt(p, path);
      setAt(p, path, Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v])));
    }, pointer([...path, to]) + "#key");
    return this.#group(`Credential mutations (${entries.length})`, {
      id: "mutations",
      intro: "How the proxy rewrites a credential before sending it: default (when empty), then prefix, then suffix. E.g. Klaviyo's api_key prefix \"Klaviyo-API-Key \", Freshdesk's password default \"X\".",
    },
    h("ol", { class: "items", "aria-label": "Credential mutations" },
      entries.map(([key]) => {
        const id = uid("mk");
        return h("li", { class: "item" },
          h("div", { class: "item-head" },
            h("div", { class: "ctl inline" },
              h("label", { for: id, text: "Credential" }),
              h("select", {
                id, "data-focus": pointer([...path, key]) + "#key",
                on: { change: (e) => rename(key, e.target.value) },
              }, [...new Set([key, ...CREDENTIALS])].map((c) => h("option", { value: c, disabled: c !== key && used.has(c), props: { selected: c === key } }, c)))),
            h("div", { class: "item-tools" },
              button("Remove", () => this.#structural((p) => {
                const obj = getAt(p, path);
                delete obj[key];
                if (!Object.keys(obj).length) deleteAt(p, path);
              }, "mutations:add"), { kind: "ghost danger small", aria: `Remove the ${key} mutation` }))),
          h("div", { class: "grid3" },
            this.#text("Default", [...path, key, "default"], {
              optional: true, mono: true,
              help: "Saved in the connector as plain text, readable by anyone who can read the connector: a placeholder such as \"X\" only, never a real secret.",
            }),
            this.#text("Prefix", [...path, key, "prefix"], { optional: true, mono: true }),
            this.#text("Suffix", [...path, key, "suffix"], { optional: true, mono: true })));
      })),
    free ? button("+ Add mutation", () => this.#structural((p) => setAt(p, [...path, free], { prefix: "" }), pointer([...path, free, "prefix"])),
      { kind: "secondary small", "data-focus": "mutations:add" }) : null);
  }

  #metadata(p) {
    const path = ["metadata"];
    const raw = p.metadata;
    const entries = raw && typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : [];
    return this.#group(`Metadata (${entries.length})`, { id: "metadata", intro: "Up to 20 string pairs; keys 3–25 characters, values 1–256." },
      h("ol", { class: "items compact", "aria-label": "Metadata" },
        entries.map(([key], i) => {
          const keyId = uid("k");
          let current = key;
          const keyInput = h("input", {
            id: keyId, class: "mono", "data-focus": `metadata:${i}:key`, "data-path": pointer([...path, key]),
            props: { value: key }, spellcheck: "false", autocomplete: "off",
            on: {
              input: (e) => {
                const next = e.target.value;
                const obj = this.payload.metadata;
                if (next !== current && Object.hasOwn(obj, next)) { e.target.setAttribute("aria-invalid", "true"); return; }
                e.target.removeAttribute("aria-invalid");
                this.#edit((q) => { q.metadata = Object.fromEntries(Object.entries(q.metadata).map(([k, v]) => [k === current ? next : k, v])); });
                current = next;
                e.target.dataset.path = pointer([...path, next]);
                valueInput.dataset.path = pointer([...path, next]);
              },
            },
          });
          const valueId = uid("v");
          const valueInput = h("input", {
            id: valueId, "data-path": pointer([...path, key]), props: { value: asText(raw[key]) }, autocomplete: "off",
            on: { input: (e) => this.#edit((q) => { q.metadata[current] = e.target.value; }) },
          });
          return h("li", { class: "item row" },
            h("div", { class: "ctl" }, h("label", { for: keyId, text: "Key" }), keyInput, h("p", { class: "ctl-diag", hidden: true })),
            h("div", { class: "ctl" }, h("label", { for: valueId, text: "Value" }), valueInput),
            h("div", { class: "item-tools" }, button("Remove", () => this.#structural((q) => {
              delete q.metadata[current];
              if (!Object.keys(q.metadata).length) delete q.metadata;
            }, "metadata:add"), { kind: "ghost danger small", aria: `Remove metadata ${current}` })));
        })),
      button("+ Add metadata", () => this.#structural((q) => {
        const obj = q.metadata && typeof q.metadata === "object" && !Array.isArray(q.metadata) ? q.metadata : (q.metadata = {});
        let n = entries.length + 1;
        while (Object.hasOwn(obj, `key_${n}`)) n++;
        obj[`key_${n}`] = "";
      }, `metadata:${entries.length}:key`), { kind: "secondary small", "data-focus": "metadata:add" }));
  }
}

// <connector-builder>: build, check, preview and manage a custom connector, as one web component.
//
// Vanilla custom element with shadow DOM: no build step (the browser loads these ES modules as
// they are), nothing to download, and CSP-clean — no eval, no inline script or style (styles are
// a constructable stylesheet adopted by the shadow root). Every rule comes from the
// `connector-kit` package (validate, templates, masking, diffs, the management client); this file
// only wires the pieces in ./builder/ together and exposes the embedding API:
//
//   attributes  environment, preset, readonly, theme ("light" | "dark"), api-base, draft-key,
//               no-drafts, no-manage
//   properties  payload (get/set), text (get/set), report (get), environment (get/set)
//   methods     save(), validateNow()
//   events      change {payload, text} · validate {report} · saved {connector, environment, action}
//               · deleted {identifier, displayName, environment} · error {error, action, environment}

import * as ck from "connector-kit";
import { h, button, debounce, openDialog, errorBlock, uid, replace } from "./builder/dom.js";
import { sheet } from "./builder/styles.js";
import { Editor } from "./builder/editor.js";
import { PayloadForm, AUTH_TYPES } from "./builder/form.js";
import { DiagnosticsPanel, summarize, countText } from "./builder/diagnostics.js";
import { TemplatePanel } from "./builder/template-panel.js";
import { WirePreview } from "./builder/wire-preview.js";
import { Manage, payloadOf } from "./builder/manage.js";
import { Drafts, fieldsByName, isSecretInput } from "./builder/drafts.js";

const DEFAULT_PRESET = "bearer-token";
const DEFAULT_DRAFT_KEY = "connector-kit:draft";

export class ConnectorBuilder extends HTMLElement {
  static observedAttributes = ["environment", "preset", "readonly"];

  #text = "";
  #payload = null;
  #parseError = null;
  #report = { valid: false, diagnostics: [] };
  #values = {};
  /** Names whose test value was typed into a secret input: never saved, even if the input is renamed or retyped later. */
  #typedSecrets = new Set();
  #origin = null;
  #ready = false;
  #quiet = false;
  #refs = {};

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [sheet];
    this.#build(root);
    this.#pipeline = debounce(() => this.validateNow(), 150);
    this.#saveDraft = debounce(() => this.#writeDraft(), 400);
  }

  #pipeline;
  #saveDraft;

  // ---- embedding API -----------------------------------------------------------------------

  /** The payload as an object (a copy), or null while the JSON text does not parse. */
  get payload() { return this.#payload ? structuredClone(this.#payload) : null; }
  set payload(value) {
    const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
    this.#origin = null;
    this.#setText(text, { from: "api" });
  }

  /** The editor's text, exactly as typed. */
  get text() { return this.#text; }
  set text(value) { this.payload = String(value); }

  /** The last validation report ({ valid, diagnostics }). */
  get report() { return structuredClone(this.#report); }

  get environment() { return this.getAttribute("environment"); }
  set environment(name) { if (name) this.setAttribute("environment", name); else this.removeAttribute("environment"); }

  /** Validates now (instead of after the typing pause) and returns the report. */
  validateNow() {
    this.#pipeline?.cancel();
    const mode = this.#origin ? "update" : "create";
    let report;
    try {
      report = ck.validate(this.#text, { mode });
    } catch (error) {
      report = { valid: false, diagnostics: [{ code: error?.code ?? "internal-error", severity: "error", path: "", message: String(error?.message ?? error) }] };
    }
    this.#report = report;
    const r = this.#refs;
    r.diagnostics.render(report);
    r.editor.setMarks(report.diagnostics);
    r.form.mark(report.diagnostics);
    this.#status(report);
    this.#panels();
    if (this.#quiet) return this.report;
    this.emit("change", { payload: this.payload, text: this.#text });
    this.emit("validate", { report: this.report });
    return this.report;
  }

  /** Create or update in the chosen environment (shows the confirmation first). */
  async save() {
    if (this.hasAttribute("readonly") || this.hasAttribute("no-manage")) return;
    this.validateNow();
    if (!this.#payload) { this.notify("Fix the JSON first: it does not parse.", "danger"); return; }
    const n = summarize(this.#report.diagnostics);
    if (n.error) {
      this.notify(`Fix ${countText({ error: n.error })} before saving: the server would refuse it or it cannot work.`, "danger");
      this.#refs.diagnostics.list.querySelector("button")?.focus();
      return;
    }
    await this.#refs.manage.save();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  connectedCallback() {
    if (this.#ready) return;
    this.#ready = true;
    // The first change/validate events wait a task, so a host that adds its listeners right
    // after defining or inserting the element still hears them; `payload` and `report` are
    // ready at once.
    this.#quiet = true;
    const drafts = this.#drafts();
    const draft = drafts?.load();
    if (draft) {
      this.#origin = draft.origin && typeof draft.origin.identifier === "string" ? draft.origin : null;
      this.#values = { ...(draft.values ?? {}) };
      this.#setText(draft.text, { from: "draft" });
      const when = new Date(draft.savedAt);
      this.notify(`Restored your draft${Number.isNaN(when.getTime()) ? "" : ` from ${when.toLocaleString()}`}.`, "info",
        { label: "Start over", run: () => { drafts.clear(); this.#values = {}; this.#origin = null; this.#loadPreset(this.getAttribute("preset") || DEFAULT_PRESET, { quiet: true }); } });
    } else {
      this.#loadPreset(this.getAttribute("preset") || DEFAULT_PRESET, { quiet: true });
    }
    const r = this.#refs;
    this.#applyReadonly();
    this.#quiet = false;
    setTimeout(() => {
      this.emit("change", { payload: this.payload, text: this.#text });
      this.emit("validate", { report: this.report });
    });
    // The environment attribute wins; a draft's environment is reused unless it is Production
    // (a reload never lands on Production by itself).
    r.manage.apiBase = this.getAttribute("api-base") ?? "";
    if (!this.hasAttribute("no-manage")) {
      const attr = this.getAttribute("environment");
      r.manage.init(attr ?? draft?.environment ?? null, { allowProduction: attr !== null });
    }
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#ready || before === after) return;
    if (name === "environment" && after && this.#refs.manage.env?.name !== after) this.#refs.manage.select(after);
    if (name === "preset" && after) this.#loadPreset(after);
    if (name === "readonly") this.#applyReadonly();
  }

  // ---- used by the manage module ------------------------------------------------------------

  get origin() { return this.#origin; }
  get dialogRoot() { return this.#refs.dialogs; }

  emit(type, detail) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** A status message (polite live region); `action` adds one button ({label, run}). */
  notify(text, kind = "info", action) {
    const bar = this.#refs.notice;
    clearTimeout(this.#noticeTimer);
    replace(bar, h("div", { class: `notice ${kind}`, part: "notice" },
      h("span", { class: "notice-text", text }),
      action ? button(action.label, () => { replace(bar); action.run(); }, { kind: "ghost small" }) : null,
      button("×", () => replace(bar), { kind: "ghost icon", aria: "Dismiss" })));
    if (kind !== "danger") this.#noticeTimer = setTimeout(() => replace(bar), action ? 12000 : 6000);
  }
  #noticeTimer;

  open(connector, environment) {
    this.#origin = { environment, identifier: connector.identifier };
    this.#setText(JSON.stringify(payloadOf(connector), null, 2), { from: "open" });
    this.notify(`Opened “${connector.display_name}” from ${environment}. Saving updates it there.`, "info");
    this.#refs.manage.redraw();
  }

  saved(connector, environment, action) {
    if (action !== "promote") {
      // The editor now shows what the environment stores (server defaults included), so the
      // next diff compares like with like.
      this.#origin = { environment, identifier: connector.identifier };
      this.#setText(JSON.stringify(payloadOf(connector), null, 2), { from: "saved" });
    }
    this.#saveDraft();
    const verb = { create: "Created", update: "Updated", promote: "Promoted to" }[action] ?? "Saved";
    this.notify(action === "promote" ? `Promoted “${connector.display_name}” to ${environment}.` : `${verb} “${connector.display_name}” in ${environment} (${connector.identifier}).`, "success");
    this.emit("saved", { connector, environment, action });
    this.validateNow();
  }

  deleted(connector, environment) {
    if (this.#origin && this.#origin.environment === environment && this.#origin.identifier === connector.identifier) this.#origin = null;
    this.#saveDraft();
    this.notify(`Deleted “${connector.display_name}” from ${environment}.`, "success");
    this.emit("deleted", { identifier: connector.identifier, displayName: connector.display_name, environment });
  }

  // ---- internals ---------------------------------------------------------------------------

  #drafts() {
    if (this.hasAttribute("no-drafts")) return null;
    return new Drafts(this.getAttribute("draft-key") || DEFAULT_DRAFT_KEY);
  }

  #writeDraft() {
    const values = Object.fromEntries(Object.entries(this.#values).filter(([name]) => !this.#typedSecrets.has(name)));
    this.#drafts()?.save({ text: this.#text, payload: this.#payload, values, environment: this.#refs.manage.env?.name, origin: this.#origin });
  }

  #applyReadonly() {
    const ro = this.hasAttribute("readonly");
    this.#refs.editor.setReadonly(ro);
    this.#refs.form.readonly = ro;
    this.#refs.form.fieldset.disabled = ro || !this.#payload;
    this.#refs.presetSelect.disabled = ro;
    this.#refs.scratchBtn.disabled = ro;
  }

  #loadPreset(name, { quiet = false } = {}) {
    let payload;
    try { payload = ck.preset(name); } catch (error) {
      this.notify(`${error.message}${error.hint ? ` — ${error.hint}` : ""}`, "danger");
      this.emit("error", { error, action: "preset" });
      return;
    }
    const before = this.#text;
    const beforeOrigin = this.#origin;
    this.#origin = null;
    this.#setText(JSON.stringify(payload, null, 2), { from: "preset" });
    this.#refs.presetSelect.value = name;
    if (!quiet && before) {
      this.notify(`Started from the preset “${name}”.`, "info", { label: "Undo", run: () => { this.#origin = beforeOrigin; this.#setText(before, { from: "api" }); } });
    }
  }

  /** The one way text changes: from the editor, the form, a preset, an opened connector, the API. */
  #setText(text, { from, structural = false, focus } = {}) {
    this.#text = text;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) { this.#payload = parsed; this.#parseError = null; }
      else { this.#payload = null; this.#parseError = "The JSON is valid but is not an object: a payload is one JSON object."; }
    } catch {
      this.#payload = null;
      this.#parseError = "The JSON does not parse; the problem is listed under Problems. Your text is kept as typed.";
    }
    const r = this.#refs;
    if (from !== "editor") r.editor.setText(text, { top: !["form", "saved", "api-keep-origin"].includes(from) });
    if (from !== "form" || structural) {
      // From the editor the form follows after the typing pause; anything else renders it now.
      if (from === "editor") this.#formSoon();
      else this.#renderForm(focus);
    }
    this.#saveDraft();
    if (from === "editor" || from === "form") this.#pipeline();
    else this.validateNow();
  }

  #renderForm(focus) {
    const ro = this.hasAttribute("readonly");
    this.#refs.form.readonly = ro;
    this.#refs.form.render(this.#payload ? structuredClone(this.#payload) : null, { reason: this.#parseError, focus });
    this.#refs.form.mark(this.#report.diagnostics);
    this.#sectionNav();
  }

  /** Jump buttons to the form's sections (the form is long; keyboard users get there in one Tab). */
  #sectionNav() {
    const names = { connector: "Connector", auth: "Auth", oauth: "OAuth", fields: "Inputs", account_fields: "Account inputs", mutations: "Mutations", metadata: "Metadata" };
    const sections = this.#payload ? this.#refs.form.sections : [];
    const sig = sections.map((x) => x.id).join(",");
    if (sig === this.#navSig) return;
    this.#navSig = sig;
    replace(this.#refs.sectionNav, sections.map(({ id }) => button(names[id] ?? id, () => {
      const section = this.#refs.form.sections.find((x) => x.id === id)?.element;
      if (!section) return;
      section.scrollIntoView({ block: "start" });
      section.querySelector("input, select, textarea, button")?.focus({ preventScroll: true });
    }, { kind: "ghost small", "aria-label": `Go to ${names[id] ?? id}` })));
  }
  #navSig = null;

  #formSoon = debounce(() => this.#renderForm(), 150);

  #panels() {
    this.#refs.template.update(this.#payload, this.#values);
    this.#refs.preview.update(this.#payload, this.#values);
  }

  #status(report) {
    const n = summarize(report.diagnostics);
    const pill = this.#refs.pill;
    pill.dataset.state = !this.#payload ? "error" : n.error ? "error" : n.warning ? "warning" : "ok";
    pill.textContent = n.error ? countText({ error: n.error }) : n.warning ? `Valid · ${countText({ warning: n.warning })}` : "Valid";
  }

  #onForm(payload, { structural, focus, error }) {
    if (error) {
      this.#renderForm(); // puts the auth type select back
      this.notify(`${error.message}${error.hint ? ` — ${error.hint}` : ""}`, "danger");
      this.emit("error", { error, action: "form" });
      return;
    }
    this.#payload = payload;
    this.#setText(JSON.stringify(payload, null, 2), { from: "form", structural, focus });
    if (structural) this.validateNow();
  }

  #onValue(name, value) {
    if (isSecretInput(name, fieldsByName(this.#payload).get(name))) this.#typedSecrets.add(name);
    if (value === "") delete this.#values[name]; else this.#values[name] = value;
    this.#panels();
    this.#saveDraft();
  }

  #fromScratch() {
    const ids = { name: uid("n"), url: uid("u"), type: uid("t"), mcp: uid("m") };
    const name = h("input", { id: ids.name, autocomplete: "off", props: { value: "" }, placeholder: "Acme CRM" });
    const url = h("input", { id: ids.url, class: "mono", autocomplete: "off", spellcheck: "false", placeholder: "https://api.acme.com/v1 or https://{{domain}}/api" });
    const type = h("select", { id: ids.type }, AUTH_TYPES.map(([t, label]) => h("option", { value: t, text: label })));
    const mcp = h("input", { id: ids.mcp, type: "checkbox" });
    const errorSlot = h("div", { class: "error-slot" });
    const dlg = openDialog(this.dialogRoot, {
      title: "Start from scratch",
      label: "scratch",
      body: h("div", { class: "grid2" },
        h("div", { class: "ctl wide" }, h("label", { for: ids.name, text: "Display name" }), name,
          h("p", { class: "help", text: "Letters, digits and spaces." })),
        h("div", { class: "ctl wide" }, h("label", { for: ids.url, text: "Base URL (proxy_url)" }), url,
          h("p", { class: "help", text: "{{placeholders}} become inputs a connected account fills in." })),
        h("div", { class: "ctl" }, h("label", { for: ids.type, text: "Auth type" }), type),
        h("div", { class: "ctl check" }, mcp, h("label", { for: ids.mcp, text: "The upstream is an MCP server" })),
        h("div", { class: "wide" }, errorSlot)),
      actions: [
        button("Cancel", () => dlg.close(), { kind: "secondary" }),
        button("Create draft", async () => {
          try {
            const payload = await ck.buildPayload({ name: name.value.trim() || "My connector", type: type.value, mcp: mcp.checked, baseUrl: url.value.trim() || "https://api.example.com" });
            dlg.close();
            const before = this.#text;
            this.#origin = null;
            this.#setText(JSON.stringify(payload, null, 2), { from: "scratch" });
            this.#refs.presetSelect.value = "";
            this.notify("Started a new connector from scratch.", "info", { label: "Undo", run: () => this.#setText(before, { from: "api" }) });
          } catch (error) {
            replace(errorSlot, errorBlock(error));
          }
        }, { kind: "primary", "data-action": "create-draft" }),
      ],
    });
    name.focus();
  }

  #build(root) {
    const r = this.#refs;
    r.editor = new Editor({ onInput: (text) => this.#setText(text, { from: "editor" }) });
    r.form = new PayloadForm({ ck, onChange: (p, o) => this.#onForm(p, o) });
    r.diagnostics = new DiagnosticsPanel({
      onJump: (d) => {
        if (d.line) r.editor.jumpTo(d.line, d.column);
        else r.editor.textarea.focus();
      },
    });
    r.template = new TemplatePanel({ ck, onValue: (n, v) => this.#onValue(n, v) });
    r.preview = new WirePreview({
      ck, onValue: (n, v) => this.#onValue(n, v),
      onReveal: (on) => { r.template.reveal = on; r.template.update(this.#payload, this.#values); },
    });
    r.manage = new Manage({
      ck, builder: this,
      onEnvironment: (name) => {
        r.saveBtn.textContent = name ? `Save to ${name}${r.manage.env?.production ? "…" : ""}` : "Save";
        r.saveBtn.disabled = !name;
        if (name && this.getAttribute("environment") !== name) this.setAttribute("environment", name);
        this.#saveDraft();
      },
    });

    const presetId = uid("preset");
    r.presetSelect = h("select", {
      id: presetId, "data-action": "preset",
      on: { change: (e) => { if (e.target.value) this.#loadPreset(e.target.value); } },
    },
    h("option", { value: "", text: "Choose a preset…" }),
    ck.presets().map((p) => h("option", { value: p.name, text: p.title })));
    r.scratchBtn = button("New from scratch…", () => this.#fromScratch(), { kind: "secondary", "data-action": "scratch" });
    r.pill = h("span", { class: "pill", part: "status", role: "status", "aria-live": "polite" });
    r.saveBtn = button("Save", () => this.save(), { kind: "primary", "data-action": "save", "data-write": "", disabled: true });
    r.notice = h("div", { class: "notice-bar", role: "status", "aria-live": "polite" });
    r.dialogs = h("div", { class: "dialogs" });
    r.sectionNav = h("nav", { class: "section-nav", "aria-label": "Form sections" });

    const formatBtn = button("Format", () => {
      if (this.#payload) this.#setText(JSON.stringify(this.#payload, null, 2), { from: "api-keep-origin" });
      else this.notify("The JSON does not parse yet: nothing to format.", "warning");
    }, { kind: "ghost small", "data-action": "format", "data-write": "" });

    // Tabs: Try it (template + wire preview) and Manage.
    const tabs = [
      ["try", "Try it", [r.template.el, r.preview.el]],
      ["manage", "Manage", [r.manage.el]],
    ];
    const tabIds = Object.fromEntries(tabs.map(([k]) => [k, uid(`tab-${k}`)]));
    const tabButtons = tabs.map(([key, label], i) => h("button", {
      type: "button", role: "tab", id: tabIds[key], class: "tab", part: "tab", "data-tab": key,
      "aria-selected": String(i === 0), "aria-controls": `${tabIds[key]}-panel`, tabindex: i === 0 ? "0" : "-1",
      on: {
        click: () => select(key),
        keydown: (e) => {
          const order = tabs.map(([k]) => k);
          const at = order.indexOf(key);
          const next = e.key === "ArrowRight" ? order[(at + 1) % order.length] : e.key === "ArrowLeft" ? order[(at - 1 + order.length) % order.length] : e.key === "Home" ? order[0] : e.key === "End" ? order.at(-1) : null;
          if (next) { e.preventDefault(); select(next); r.tabs[next].focus(); }
        },
      },
    }, label));
    r.tabs = Object.fromEntries(tabs.map(([k], i) => [k, tabButtons[i]]));
    const panels = Object.fromEntries(tabs.map(([key, , content], i) => [key, h("div", {
      role: "tabpanel", id: `${tabIds[key]}-panel`, "aria-labelledby": tabIds[key], class: "tabpanel", hidden: i !== 0,
    }, content)]));
    const select = (key) => {
      for (const [k] of tabs) {
        r.tabs[k].setAttribute("aria-selected", String(k === key));
        r.tabs[k].tabIndex = k === key ? 0 : -1;
        panels[k].hidden = k !== key;
      }
    };

    const formHead = uid("h");
    const jsonHead = uid("h");
    root.append(
      h("div", { class: "root", part: "root" },
        h("header", { class: "toolbar", part: "toolbar" },
          h("div", { class: "start" },
            h("label", { for: presetId, class: "toolbar-label", text: "Start from" }), r.presetSelect, r.scratchBtn),
          h("div", { class: "toolbar-status" }, r.pill),
          r.notice,
          h("div", { class: "toolbar-end" }, r.saveBtn)),
        h("div", { class: "workspace" },
          h("section", { class: "col form-col", "aria-labelledby": formHead },
            h("div", { class: "col-head" }, h("h2", { id: formHead, text: "Form" }), r.sectionNav),
            h("div", { class: "col-body" }, r.form.el)),
          h("section", { class: "col json-col", "aria-labelledby": jsonHead },
            h("div", { class: "col-head" }, h("h2", { id: jsonHead, text: "JSON" }), h("span", { class: "col-note", text: "two-way with the form" }), formatBtn),
            r.editor.el,
            r.diagnostics.el),
          h("section", { class: "col side-col", "aria-label": "Try it and manage" },
            h("div", { class: "tablist", role: "tablist", "aria-label": "Panels" }, tabButtons),
            h("div", { class: "col-body" }, Object.values(panels))))),
      r.dialogs);
  }
}

if (!customElements.get("connector-builder")) customElements.define("connector-builder", ConnectorBuilder);

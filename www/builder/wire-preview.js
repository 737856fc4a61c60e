// The wire preview: the request the proxy would send for the test values (previewRequest) —
// method, URL and headers, secrets masked by the package unless Reveal is on — and Copy as curl.

import { h, rich, replace, uid, button } from "./dom.js";
import { fieldsByName, isSecretInput } from "./drafts.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The payload as the package should mask it: every input the page treats as secret (its box is a
 * password box, its value is never saved) marked as a password input, also a `{{name}}` no input
 * declares. The package masks password inputs; the page's own rule is wider (`tenant_secret`).
 */
function forMasking(payload, vars) {
  const copy = structuredClone(payload);
  const pattern = Array.isArray(copy.auth_patterns) && copy.auth_patterns[0] && typeof copy.auth_patterns[0] === "object" ? copy.auth_patterns[0] : null;
  if (!pattern) return copy;
  const declared = fieldsByName(copy);
  for (const field of declared.values()) if (isSecretInput(field.field_name, field)) field.input_type = "password";
  const extra = vars.filter((name) => !declared.has(name) && isSecretInput(name, undefined));
  if (extra.length) pattern.fields = [...(Array.isArray(pattern.fields) ? pattern.fields : []), ...extra.map((name) => ({ field_name: name, input_type: "password" }))];
  return copy;
}

export class WirePreview {
  /** @param {{ ck: object, onValue: (name, value) => void, onReveal: (on: boolean) => void }} options */
  constructor({ ck, onValue, onReveal }) {
    this.ck = ck;
    this.onValue = onValue;
    this.onReveal = onReveal;
    this.reveal = false;
    this.signature = null;
    this.last = null;
    const methodId = uid("m");
    const pathId = uid("p");
    this.method = h("select", { id: methodId, on: { change: () => this.refresh() } }, METHODS.map((m) => h("option", { value: m, text: m })));
    this.path = h("input", { id: pathId, class: "mono", placeholder: "/v2/tickets", autocomplete: "off", spellcheck: "false", on: { input: () => this.refresh() } });
    this.credentials = h("div", { class: "vars" });
    this.output = h("div", { class: "wire-output", part: "wire" });
    this.revealBtn = button("Reveal secrets", () => this.setReveal(!this.reveal), { kind: "secondary small", "aria-pressed": "false", "data-action": "reveal" });
    this.copyBtn = button("Copy as curl", () => this.copy(), { kind: "secondary small", "data-action": "copy-curl" });
    this.copyStatus = h("span", { class: "copy-status", role: "status", "aria-live": "polite" });
    this.el = h("section", { class: "panel wire-panel", part: "preview", "aria-label": "Wire preview" },
      h("div", { class: "panel-head" }, h("h3", { text: "What the proxy sends" })),
      h("div", { class: "request-line" },
        h("div", { class: "ctl" }, h("label", { for: methodId, text: "Method" }), this.method),
        h("div", { class: "ctl grow" }, h("label", { for: pathId, text: "Path" }), this.path)),
      this.credentials,
      this.output,
      h("div", { class: "wire-actions" }, this.revealBtn, this.copyBtn, this.copyStatus));
  }

  setReveal(on) {
    this.reveal = on;
    this.revealBtn.setAttribute("aria-pressed", String(on));
    this.revealBtn.textContent = on ? "Mask secrets" : "Reveal secrets";
    this.onReveal?.(on);
    this.refresh();
  }

  async copy() {
    if (!this.last) return;
    try {
      await navigator.clipboard.writeText(this.last.curl);
      this.copyStatus.textContent = this.reveal ? "Copied, with secrets." : "Copied (secrets masked).";
    } catch {
      this.copyStatus.textContent = "The browser refused clipboard access.";
    }
    clearTimeout(this.copyTimer);
    this.copyTimer = setTimeout(() => { this.copyStatus.textContent = ""; }, 4000);
  }

  update(payload, values) {
    this.payload = payload;
    this.values = values;
    const fields = payload ? fieldsByName(payload) : new Map();
    let vars = [];
    try { vars = payload ? this.ck.templateVariables(String(payload.proxy_url ?? "")) : []; } catch { /* shown by the template panel */ }
    this.masking = payload ? forMasking(payload, vars) : null;
    const creds = [...fields.values()].filter((f) => !vars.includes(f.field_name));
    const signature = JSON.stringify(creds.map((f) => [f.field_name, f.label ?? "", f.input_type ?? ""]));
    if (signature !== this.signature) {
      this.signature = signature;
      replace(this.credentials, creds.length
        ? creds.map((f) => this.#input(f, values[f.field_name] ?? ""))
        : h("p", { class: "muted", text: "No credential inputs." }));
    }
    this.refresh();
  }

  #input(field, value) {
    const id = uid("cv");
    const secret = isSecretInput(field.field_name, field);
    return h("div", { class: "ctl" },
      h("label", { for: id }, typeof field.label === "string" && field.label ? field.label : field.field_name, " ", h("code", { class: "muted", text: field.field_name })),
      h("input", {
        id, class: "mono", type: secret ? "password" : "text", autocomplete: "off", spellcheck: "false",
        "data-var": field.field_name, props: { value },
        on: { input: (e) => this.onValue(field.field_name, e.target.value) },
      }),
      secret ? h("p", { class: "help", text: "Test value only: kept in this tab, never saved." }) : null);
  }

  refresh() {
    if (!this.payload) {
      this.last = null;
      this.copyBtn.disabled = true;
      replace(this.output, h("p", { class: "muted", text: "Fix the JSON to preview the request." }));
      return;
    }
    try {
      const r = this.ck.previewRequest(this.masking ?? this.payload, this.values ?? {}, { method: this.method.value, path: this.path.value || undefined, reveal: this.reveal });
      this.last = r;
      this.copyBtn.disabled = false;
      const headers = Object.entries(r.headers ?? {});
      replace(this.output,
        h("p", { class: "wire-line" }, h("span", { class: "method", text: r.method }), " ", h("code", { class: "url", text: r.url })),
        headers.length
          ? h("dl", { class: "headers", "aria-label": "Headers" }, headers.map(([k, v]) => [h("dt", { text: k }), h("dd", {}, h("code", { text: v }))]))
          : h("p", { class: "muted", text: "No auth header (NO_AUTH)." }),
        h("details", { class: "curl" }, h("summary", { text: "curl" }), h("pre", {}, h("code", { "data-curl": "", text: r.curl }))));
    } catch (error) {
      this.last = null;
      this.copyBtn.disabled = true;
      const missing = /missing-value$/.test(error?.code ?? "");
      replace(this.output, h("div", { class: `rendered ${missing ? "pending" : "refused"}` },
        h("span", { class: "label", text: missing ? "Needs a test value" : "Cannot preview" }),
        h("span", { class: "why" }, rich(error?.message ?? error)),
        error?.hint ? h("span", { class: "fix" }, h("strong", { text: "Fix: " }), rich(error.hint)) : null));
    }
  }
}

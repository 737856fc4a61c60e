// The template panel: the {{variables}} of proxy_url (templateVariables), a test value for each,
// and the URL renderProxyUrl() makes of them — or the reason it refuses (a missing value, a
// malformed template, a value that would change the host or the path's structure). A test value
// typed into a secret input (a password box) is masked in that URL, and in the reason a value is
// refused, until Reveal is on.

import { h, rich, replace, uid } from "./dom.js";
import { fieldsByName, isSecretInput } from "./drafts.js";

const MASK = "••••••••";
/** Stands in for a secret while rendering (valid as a host label, a path segment and a query). */
const SENTINEL = "ck-masked-secret-3f9a";

export class TemplatePanel {
  /** @param {{ ck: object, onValue: (name: string, value: string) => void }} options */
  constructor({ ck, onValue }) {
    this.ck = ck;
    this.onValue = onValue;
    this.signature = null;
    /** Show secret test values (the wire preview's Reveal toggle). */
    this.reveal = false;
    this.template = h("code", { class: "template-src" });
    this.inputs = h("div", { class: "vars" });
    this.result = h("div", { class: "render-result", role: "status", "aria-live": "polite" });
    this.el = h("section", { class: "panel template-panel", part: "template", "aria-label": "Template" },
      h("div", { class: "panel-head" }, h("h3", { text: "proxy_url template" })),
      h("p", { class: "template-line" }, this.template),
      this.inputs,
      this.result);
  }

  /** @param {object|null} payload @param {Record<string,string>} values */
  update(payload, values) {
    if (!payload) {
      this.template.textContent = "—";
      this.signature = null;
      replace(this.inputs);
      replace(this.result, h("p", { class: "muted", text: "Fix the JSON to render the template." }));
      return;
    }
    const template = typeof payload.proxy_url === "string" ? payload.proxy_url : "";
    this.template.textContent = template || "(empty)";
    let vars = [];
    let syntax = null;
    try { vars = this.ck.templateVariables(template); } catch (error) { syntax = error; }
    const fields = fieldsByName(payload);
    const signature = JSON.stringify(vars.map((v) => [v, fields.get(v)?.label ?? "", fields.get(v)?.hint ?? "", fields.get(v)?.input_type ?? ""]));
    if (signature !== this.signature) {
      this.signature = signature;
      replace(this.inputs, vars.length
        ? vars.map((name) => this.#input(name, fields.get(name), values[name] ?? ""))
        : h("p", { class: "muted", text: syntax ? "" : "No {{placeholders}}: proxy_url is used as it is." }));
    }
    const secrets = this.reveal ? [] : vars.filter((name) => values[name] && isSecretInput(name, fields.get(name)));
    this.#render(payload, values, syntax, secrets);
  }

  #input(name, field, value) {
    const id = uid("tv");
    const secret = isSecretInput(name, field);
    const hint = typeof field?.hint === "string" && field.hint ? field.hint : field ? "" : `No input declares ${name}: add one, or validate will report it.`;
    return h("div", { class: "ctl" },
      h("label", { for: id }, h("code", { text: `{{${name}}}` }), typeof field?.label === "string" && field.label ? ` ${field.label}` : ""),
      h("input", {
        id, class: "mono", type: secret ? "password" : "text", autocomplete: "off", spellcheck: "false",
        "data-var": name, "aria-describedby": hint ? `${id}-h` : null, props: { value },
        on: { input: (e) => this.onValue(name, e.target.value) },
      }),
      hint ? h("p", { id: `${id}-h`, class: "help", text: hint }) : null);
  }

  #render(payload, values, syntax, secrets) {
    if (syntax) {
      replace(this.result, this.#refused(syntax));
      return;
    }
    // Rendered with a stand-in for each secret, so the mask sits where the secret would; a refusal
    // is the masked render's, as the real one's reason could quote the secret.
    const masked = { ...values };
    for (const name of secrets) masked[name] = SENTINEL;
    let url;
    try {
      url = this.ck.renderProxyUrl(payload, masked).replaceAll(SENTINEL, MASK);
    } catch (error) {
      replace(this.result, this.#refused({ code: error?.code, hint: error?.hint, message: String(error?.message ?? error).replaceAll(SENTINEL, MASK) }));
      return;
    }
    if (secrets.length) {
      try {
        this.ck.renderProxyUrl(payload, values);
      } catch (error) {
        const name = secrets.includes(error?.variable) ? `{{${error.variable}}}` : "a secret";
        replace(this.result, this.#refused({ code: error?.code, message: `The value of ${name} (masked) cannot fill its place in the URL.`, hint: "Reveal secrets to see why." }));
        return;
      }
    }
    replace(this.result, h("div", { class: "rendered ok", part: "rendered-url" },
      h("span", { class: "label", text: "Renders to" }), h("code", { class: "url", text: url })));
  }

  #refused(error) {
    const missing = error?.code === "template-missing-value";
    return h("div", { class: `rendered ${missing ? "pending" : "refused"}`, part: "rendered-url" },
      h("span", { class: "label", text: missing ? "Waiting for a value" : "Refused" }),
      h("span", { class: "why" }, rich(error?.message ?? error)),
      error?.hint ? h("span", { class: "fix" }, h("strong", { text: "Fix: " }), rich(error.hint)) : null,
      error?.code ? h("code", { class: "meta", text: error.code }) : null);
  }
}

// The template panel: the {{variables}} of proxy_url (templateVariables), a test value for each,
// and the URL renderProxyUrl() makes of them — or the reason it refuses (a missing value, a
// malformed template, a value that would change the host or the path's structure).

import { h, rich, replace, uid } from "./dom.js";
import { fieldsByName, isSecretInput } from "./drafts.js";

export class TemplatePanel {
  /** @param {{ ck: object, onValue: (name: string, value: string) => void }} options */
  constructor({ ck, onValue }) {
    this.ck = ck;
    this.onValue = onValue;
    this.signature = null;
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
    this.#render(payload, values, syntax);
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

  #render(payload, values, syntax) {
    if (syntax) {
      replace(this.result, this.#refused(syntax));
      return;
    }
    try {
      const url = this.ck.renderProxyUrl(payload, values);
      replace(this.result, h("div", { class: "rendered ok", part: "rendered-url" },
        h("span", { class: "label", text: "Renders to" }), h("code", { class: "url", text: url })));
    } catch (error) {
      replace(this.result, this.#refused(error));
    }
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

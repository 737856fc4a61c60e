// The problems list: what validate() reported, worst first, each with its line:column (a button
// that jumps the editor there) and its hint as the fix. The count is announced politely.

import { h, replace, sr, rich } from "./dom.js";

const ORDER = { error: 0, warning: 1, info: 2 };
const LABEL = { error: "Error", warning: "Warning", info: "Info" };
const GLYPH = { error: "✕", warning: "!", info: "i" };

export function summarize(diagnostics) {
  const n = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) n[d.severity] = (n[d.severity] ?? 0) + 1;
  return n;
}

export function countText(n) {
  const parts = [];
  if (n.error) parts.push(`${n.error} error${n.error === 1 ? "" : "s"}`);
  if (n.warning) parts.push(`${n.warning} warning${n.warning === 1 ? "" : "s"}`);
  if (n.info) parts.push(`${n.info} note${n.info === 1 ? "" : "s"}`);
  return parts.length ? parts.join(", ") : "No problems";
}

export class DiagnosticsPanel {
  /** @param {{ onJump: (d) => void }} options */
  constructor({ onJump }) {
    this.onJump = onJump;
    this.status = h("p", { class: "diag-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.list = h("ul", { class: "diag-list", part: "diagnostics-list", "aria-label": "Problems" });
    this.el = h("section", { class: "diagnostics", part: "diagnostics", "aria-label": "Problems" },
      h("div", { class: "panel-head" }, h("h3", { text: "Problems" }), this.status),
      this.list);
  }

  render(report) {
    const diagnostics = [...(report?.diagnostics ?? [])].sort((a, b) =>
      (ORDER[a.severity] - ORDER[b.severity]) || ((a.line ?? 0) - (b.line ?? 0)) || ((a.column ?? 0) - (b.column ?? 0)));
    const n = summarize(diagnostics);
    const text = countText(n);
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.state = n.error ? "error" : n.warning ? "warning" : "ok";
    if (!diagnostics.length) {
      replace(this.list, h("li", { class: "diag-empty" },
        h("span", { class: "ok-mark", "aria-hidden": "true", text: "✓" }),
        "The payload passes every rule connector-kit knows."));
      return;
    }
    replace(this.list, diagnostics.map((d) => this.#item(d)));
  }

  #item(d) {
    const where = d.line ? `${d.line}:${d.column ?? 1}` : "—";
    const jump = h("button", {
      type: "button", class: "diag-jump", part: "diagnostic",
      "data-code": d.code, "data-line": d.line ?? "", "data-severity": d.severity,
      on: { click: () => this.onJump(d) },
    },
    h("span", { class: `sev sev-${d.severity}`, "aria-hidden": "true", text: GLYPH[d.severity] }),
    h("span", { class: "diag-main" },
      h("span", { class: "diag-msg" }, sr(`${LABEL[d.severity]}: `), rich(d.message)),
      d.hint ? h("span", { class: "diag-fix" }, h("span", { class: "fix-label", text: "Fix" }), " ", rich(d.hint)) : null,
      h("span", { class: "diag-meta" },
        h("code", { text: d.code }),
        d.path ? h("code", { class: "diag-path", text: d.path }) : null)),
    h("span", { class: "diag-loc" }, sr("line "), where));
    return h("li", { class: `diag diag-${d.severity}` }, jump);
  }
}

// DOM helpers. Every piece of user or server text reaches the page through `textContent`
// or an attribute set with `setAttribute`: nothing here (or anywhere in the builder) parses HTML.

let counter = 0;
/** A document-unique id, for `for=`/`aria-describedby=` inside one shadow root. */
export const uid = (prefix = "ck") => `${prefix}-${++counter}`;

/**
 * Creates an element. `props` keys:
 *  - `class`, `part`, `id`, `role`, `aria-*`, `data-*`, `for`, … → attributes (strings; `true` → "";
 *    `false`/`null`/`undefined` → absent)
 *  - `text` → textContent
 *  - `on` → { event: listener }
 *  - `props` → properties assigned directly (`value`, `checked`, `disabled`, …)
 * Children: nodes, strings (text nodes), arrays, and null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (key === "text") el.textContent = value ?? "";
    else if (key === "on") for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === "props") Object.assign(el, value);
    else if (value === true) el.setAttribute(key, "");
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Text with `backtick` spans shown as <code> (the package's messages quote names that way).
 * Built from text nodes and elements only: nothing is parsed as HTML.
 */
export function rich(text) {
  const parts = String(text ?? "").split(/`([^`\n]+)`/);
  return parts.map((part, i) => (i % 2 ? h("code", { text: part }) : part)).filter((p) => p !== "");
}

/** A visually hidden span (read by screen readers). */
export const sr = (text) => h("span", { class: "sr-only", text });

/** A button; `label` is its visible text, `aria` its accessible name when different. */
export function button(label, onClick, { kind = "", aria, title, part, type = "button", disabled = false, ...rest } = {}) {
  return h("button", {
    type, class: `btn ${kind}`.trim(), "aria-label": aria, title, part: part ?? "button", disabled, ...rest,
    on: { click: onClick },
  }, label);
}

/** Shows a value as compact JSON (strings as themselves). */
export function show(value) {
  if (value === undefined) return "—";
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value, null, 2);
}

/** Calls `fn` `ms` after the last call. `.flush()` runs a pending call now, `.cancel()` drops it. */
export function debounce(fn, ms) {
  let timer = null;
  let pending = null;
  const run = () => { timer = null; const args = pending; pending = null; if (args) fn(...args); };
  const d = (...args) => { pending = args; clearTimeout(timer); timer = setTimeout(run, ms); };
  d.flush = () => { clearTimeout(timer); run(); };
  d.cancel = () => { clearTimeout(timer); timer = null; pending = null; };
  return d;
}

/** The error's parts for people: message, hint (the fix), field violations. */
export function describeError(error) {
  const e = error ?? {};
  const parts = {
    code: typeof e.code === "string" ? e.code : "error",
    message: String(e.message ?? e),
    hint: typeof e.hint === "string" ? e.hint : "",
    status: typeof e.status === "number" ? e.status : undefined,
    violations: Array.isArray(e.violations) ? e.violations : [],
  };
  return parts;
}

/** A block that explains an error: message, the hint as "Fix:", and any field violations. */
export function errorBlock(error, { title } = {}) {
  const e = describeError(error);
  return h("div", { class: "callout danger", role: "alert", part: "error" },
    h("p", { class: "callout-title" }, rich(title ?? e.message)),
    title ? h("p", {}, rich(e.message)) : null,
    e.hint ? h("p", { class: "fix" }, h("strong", { text: "Fix: " }), rich(e.hint)) : null,
    e.violations.length ? h("ul", { class: "violations" },
      e.violations.map((v) => h("li", {},
        h("code", { text: v.field ?? "" }), " ", v.description ?? "", v.constraint ? ` (${v.constraint})` : ""))) : null,
    h("p", { class: "meta" }, `code ${e.code}${e.status ? ` · HTTP ${e.status}` : ""}`),
  );
}

/**
 * A modal dialog (native <dialog>: focus is trapped, Escape closes). `body` is a node; `actions`
 * are buttons. Resolves when it closes. The dialog is removed afterwards.
 */
export function openDialog(root, { title, body, actions = [], wide = false, label }) {
  const titleId = uid("dlg");
  const dialog = h("dialog", { class: `dialog${wide ? " wide" : ""}`, part: "dialog", "aria-labelledby": titleId },
    h("header", { class: "dialog-head" },
      h("h2", { id: titleId, text: title }),
      button("×", () => dialog.close(), { kind: "ghost icon", aria: "Close" })),
    h("div", { class: "dialog-body" }, body),
    h("footer", { class: "dialog-actions" }, actions));
  if (label) dialog.setAttribute("data-dialog", label);
  root.append(dialog);
  dialog.showModal();
  return {
    dialog,
    closed: new Promise((resolve) => dialog.addEventListener("close", () => { dialog.remove(); resolve(); }, { once: true })),
    close: () => dialog.close(),
  };
}

// The JSON editor: a <textarea> (the user's text is the source of truth and is never rewritten
// while they type) with a line-number gutter that marks the lines diagnostics point at.

import { h, uid } from "./dom.js";

export class Editor {
  /** @param {{ onInput: (text: string) => void, label?: string }} options */
  constructor({ onInput, label = "Payload JSON" }) {
    this.lines = 0;
    this.marks = new Map();
    const id = uid("json");
    this.gutterInner = h("div", { class: "gutter-inner" });
    this.gutter = h("div", { class: "gutter", "aria-hidden": "true" }, this.gutterInner);
    this.textarea = h("textarea", {
      id, class: "code", part: "json", spellcheck: "false", autocomplete: "off", autocapitalize: "off",
      wrap: "off", "aria-describedby": `${id}-help`, "aria-label": label,
      on: {
        input: () => { this.#renderGutter(); onInput(this.textarea.value); },
        scroll: () => { this.gutter.scrollTop = this.textarea.scrollTop; },
        keydown: (event) => this.#keydown(event),
      },
    });
    this.help = h("p", { id: `${id}-help`, class: "sr-only" },
      "JSON of the connector payload. Tab moves focus out; Ctrl+] and Ctrl+[ indent and outdent.");
    this.el = h("div", { class: "editor", part: "editor" }, this.gutter, this.textarea, this.help);
  }

  get text() { return this.textarea.value; }

  /** Replaces the text (from the form or a loaded payload), keeping the scroll position. */
  setText(text, { top = false } = {}) {
    if (text === this.textarea.value) return;
    const scrollTop = top ? 0 : this.textarea.scrollTop;
    this.textarea.value = text;
    this.textarea.scrollTop = scrollTop;
    this.#renderGutter();
  }

  setReadonly(readonly) { this.textarea.readOnly = readonly; }

  /** Marks lines: Map line → "error" | "warning" | "info" (the worst on that line). */
  setMarks(diagnostics) {
    const rank = { error: 3, warning: 2, info: 1 };
    this.marks = new Map();
    for (const d of diagnostics) {
      if (!d.line) continue;
      const prev = this.marks.get(d.line);
      if (!prev || rank[d.severity] > rank[prev]) this.marks.set(d.line, d.severity);
    }
    this.lines = -1;
    this.#renderGutter();
  }

  /** The UTF-16 offset of a 1-based line and column. */
  offsetOf(line, column) {
    const text = this.textarea.value;
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf("\n", offset);
      if (next < 0) return text.length;
      offset = next + 1;
    }
    const end = text.indexOf("\n", offset);
    const lineEnd = end < 0 ? text.length : end;
    return Math.min(offset + Math.max(0, (column ?? 1) - 1), lineEnd);
  }

  /** Focuses the editor and selects the JSON token that starts at line:column. */
  jumpTo(line, column) {
    const text = this.textarea.value;
    const start = this.offsetOf(line, column);
    let end = start;
    if (text[start] === '"') {
      end = start + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== "\n") end += text[end] === "\\" ? 2 : 1;
      end = Math.min(text.length, end + 1);
    } else if (/[-\w.+]/.test(text[start] ?? "")) {
      while (end < text.length && /[-\w.+]/.test(text[end])) end++;
    }
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    const target = (line - 1) * lineHeight - this.textarea.clientHeight / 3;
    this.textarea.scrollTop = Math.max(0, target);
    this.textarea.scrollLeft = 0;
    this.gutter.scrollTop = this.textarea.scrollTop;
    this.flash(line);
  }

  flash(line) {
    const row = this.gutterInner.children[line - 1];
    if (!row) return;
    row.classList.add("flash");
    setTimeout(() => row.classList.remove("flash"), 1200);
  }

  /** The 1-based line of the caret. */
  caretLine() {
    return this.textarea.value.slice(0, this.textarea.selectionStart).split("\n").length;
  }

  #renderGutter() {
    let count = 1;
    for (const ch of this.textarea.value) if (ch === "\n") count++;
    if (count === this.lines) return;
    this.lines = count;
    const rows = [];
    for (let i = 1; i <= count; i++) {
      const mark = this.marks.get(i);
      rows.push(h("div", { class: mark ? `ln mark-${mark}` : "ln", text: String(i) }));
    }
    this.gutterInner.replaceChildren(...rows);
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  #keydown(event) {
    // Indent/outdent the selected lines without trapping Tab (keyboard users need Tab to leave).
    if (!(event.ctrlKey || event.metaKey) || (event.key !== "]" && event.key !== "[")) return;
    if (this.textarea.readOnly) return;
    event.preventDefault();
    const ta = this.textarea;
    const text = ta.value;
    const from = text.lastIndexOf("\n", ta.selectionStart - 1) + 1;
    const to = ta.selectionEnd;
    const block = text.slice(from, to);
    const changed = event.key === "]"
      ? block.replace(/^/gm, "  ")
      : block.replace(/^ {1,2}/gm, "");
    ta.setRangeText(changed, from, to, "select");
    ta.dispatchEvent(new Event("input"));
  }
}

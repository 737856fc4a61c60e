// A few lines of source around a position, with a caret under the column:
//
//     2 |   "description": "x",
//   > 3 |   "display_name": "a-b",
//       |                   ^
//     4 |   "proxy_url": "https://api.example.com",

const CONTEXT = 1;
const MAX_WIDTH = 100;

/**
 * @param {string} source the file's text
 * @param {number} line 1-based
 * @param {number} column 1-based, in UTF-16 code units (as validate reports it)
 * @param {(format: string, text: string) => string} paint colours the marker and caret
 */
export function codeFrame(source, line, column, paint = (_, t) => t) {
  const lines = source.replace(/\r?\n$/, "").split("\n").map((l) => l.replace(/\r$/, ""));
  if (line < 1 || line > lines.length) return "";
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(lines.length, line + CONTEXT);
  const gutter = String(last).length;
  const out = [];
  for (let n = first; n <= last; n++) {
    const { text, caret } = clip(lines[n - 1], n === line ? column : 1);
    const marker = n === line ? paint("red", ">") : " ";
    out.push(`${marker} ${String(n).padStart(gutter)} | ${text}`.trimEnd());
    if (n === line) out.push(`  ${" ".repeat(gutter)} | ${caretLine(text, caret, paint)}`);
  }
  return out.join("\n");
}

/** A long line (minified JSON) cut to a window around the column, marked with `…`. */
function clip(text, column) {
  const at = Math.max(0, Math.min(column - 1, text.length));
  if (text.length <= MAX_WIDTH) return { text, caret: at };
  const start = Math.max(0, Math.min(at - MAX_WIDTH / 2, text.length - MAX_WIDTH));
  const end = start + MAX_WIDTH;
  const head = start > 0 ? "…" : "";
  const tail = end < text.length ? "…" : "";
  return { text: head + text.slice(start, end) + tail, caret: at - start + head.length };
}

/** Spaces up to the caret, keeping tabs so it lines up in a terminal. */
function caretLine(text, caret, paint) {
  const pad = text.slice(0, caret).replace(/[^\t]/g, " ");
  return pad + paint("red", "^");
}

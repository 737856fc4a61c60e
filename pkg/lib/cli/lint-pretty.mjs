// `lint --format pretty`: for people. Each diagnostic as `file:line:column severity code message`,
// a code frame with a caret, and the hint; then one summary line.
import { codeFrame } from "./code-frame.mjs";

const SEVERITY_COLOUR = { error: "red", warning: "yellow", info: "cyan" };

/** @param {{ file: string, diagnostics: object[], source: string }[]} results */
export function formatPretty(results, { paint, fileCount, problemCount }) {
  const blocks = [];
  for (const result of results) {
    for (const d of result.diagnostics) blocks.push(diagnosticBlock(result, d, paint));
  }
  blocks.push(summary(results, fileCount, problemCount, paint));
  return `${blocks.join("\n\n")}\n`;
}

function diagnosticBlock(result, d, paint) {
  const where = d.line ? `${result.file}:${d.line}:${d.column ?? 1}` : result.file;
  const colour = SEVERITY_COLOUR[d.severity] ?? "white";
  const lines = [`${paint("bold", where)} ${paint(colour, d.severity)} ${paint("dim", d.code)} ${d.message}`];
  if (d.line) {
    const frame = codeFrame(result.source, d.line, d.column ?? 1, (_, text) => paint(colour, text));
    if (frame) lines.push(frame);
  }
  if (d.hint) lines.push(`  ${paint("cyan", "hint:")} ${d.hint}`);
  return lines.join("\n");
}

function summary(results, fileCount, problemCount, paint) {
  const count = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const d of r.diagnostics) count[d.severity] = (count[d.severity] ?? 0) + 1;
  const total = count.error + count.warning + count.info;
  const withProblems = results.filter((r) => r.diagnostics.length > 0).length;
  const files = `${fileCount} file${fileCount === 1 ? "" : "s"}`;
  const unreadable = problemCount ? `; ${problemCount} could not be read` : "";
  if (total === 0) return paint("green", `no problems in ${files}${unreadable}`);
  const parts = [plural(count.error, "error"), plural(count.warning, "warning"), plural(count.info, "info", "infos")];
  const line = `${plural(total, "problem")} (${parts.join(", ")}) in ${withProblems} of ${files}${unreadable}`;
  return paint(count.error ? "red" : "yellow", line);
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

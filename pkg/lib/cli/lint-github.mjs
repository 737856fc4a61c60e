// `lint --format github`: GitHub Actions workflow commands, one line per diagnostic:
//   ::error file=connectors/a.json,line=3,col=19,title=display-name-charset::message (hint)
// Escaping as @actions/core does: data escapes %, CR and LF; properties also `:` and `,`.
import { portablePath } from "./files.mjs";

const COMMAND = { error: "error", warning: "warning", info: "notice" };

export function formatGithub(results) {
  const lines = [];
  for (const result of results) {
    for (const d of result.diagnostics) lines.push(annotation(result.file, d));
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

function annotation(file, d) {
  const props = [`file=${escapeProperty(portablePath(file))}`];
  if (d.line) props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
  props.push(`title=${escapeProperty(d.code)}`);
  const text = d.hint ? `${d.message} (${d.hint})` : d.message;
  return `::${COMMAND[d.severity] ?? "error"} ${props.join(",")}::${escapeData(text)}`;
}

export function escapeData(text) {
  return String(text).replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

export function escapeProperty(text) {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

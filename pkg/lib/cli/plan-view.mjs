// How plans read on a terminal: a diff as one line per change (with its impact), the five-field
// summary, and promote's three columns (Dev | Production now | proposed).

const MARK = { added: "+", removed: "-", changed: "~" };
const MARK_COLOUR = { added: "green", removed: "red", changed: "yellow" };
const ABSENT = "—";

/** Lines for a diff's changes, each with its impact below it. */
export function changeLines(changes, paint, width = 100) {
  const lines = [];
  for (const c of changes) {
    const values = c.kind === "added" ? compact(c.after, width) : c.kind === "removed" ? compact(c.before, width) : `${compact(c.before, width / 2)} → ${compact(c.after, width / 2)}`;
    lines.push(`  ${paint(MARK_COLOUR[c.kind], MARK[c.kind])} ${c.path || "/"}: ${values}`);
    if (c.impact) lines.push(`      ${paint("magenta", "impact:")} ${c.impact}`);
  }
  return lines;
}

/** The summary's own text (display_name … proxy_enabled, scopes, impacts), indented. */
export function summaryLines(summary) {
  return summary.text.split("\n").map((line) => `  ${line}`);
}

/** promote's table: path | Dev | Production now | proposed (named after the environments), fitted to `columns`. */
export function threeColumns(rows, paint, { columns = 100, source = "Dev", target = "Production" } = {}) {
  const pathWidth = Math.min(36, Math.max(4, ...rows.map((r) => r.path.length)));
  const cell = Math.max(12, Math.floor((columns - pathWidth - 9) / 3));
  const line = (cells) => cells.map((text, i) => pad(text, i === 0 ? pathWidth : cell)).join(" | ").trimEnd();
  const out = [paint("bold", line(["path", source, `${target} now`, "proposed"])), "-".repeat(Math.min(columns, pathWidth + 3 * cell + 9))];
  for (const r of rows) {
    out.push(line([r.path, show(r, "dev", cell), show(r, "production", cell), show(r, "proposed", cell)]));
    if (r.impact) out.push(`  ${paint("magenta", "impact:")} ${r.impact}`);
  }
  return out;
}

function show(row, key, width) {
  return Object.hasOwn(row, key) ? compact(row[key], width) : ABSENT;
}

function pad(text, width) {
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return cut.padEnd(width);
}

/** A value as compact JSON, cut to `width` characters. */
export function compact(value, width = 60) {
  const text = value === undefined ? ABSENT : JSON.stringify(value);
  const max = Math.max(8, Math.floor(width));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What push would do with one file (see sync-plan.mjs), for diff and push. */
export function entryLines(entry, paint, width = 100) {
  if (entry.error) return [`${paint("red", "cannot push:")} ${entry.error.message}`];
  const { plan, payload, match } = entry;
  const name = JSON.stringify(payload.display_name);
  const lines = [];
  if (plan.action === "create") {
    lines.push(`${paint("bold", entry.file)}: ${paint("green", "create")} ${name}`);
    for (const other of entry.nearby ?? []) lines.push(`  note: "${other}" exists; names are matched exactly, so this creates a second connector`);
  } else if (plan.action === "update") {
    lines.push(`${paint("bold", entry.file)}: ${paint("yellow", "update")} ${name} (${plan.identifier ?? match.identifier})`);
    lines.push(...changeLines(plan.changes, paint, width), ...summaryLines(plan.summary));
  } else {
    lines.push(`${paint("bold", entry.file)}: unchanged ${name} (${match.identifier})`);
  }
  const errors = entry.report?.diagnostics.filter((d) => d.severity === "error").length ?? 0;
  if (errors) lines.push(`  ${paint("red", "note:")} ${errors} validation error${errors === 1 ? "" : "s"}: push would refuse this file (see connector-kit lint ${entry.file})`);
  return lines;
}

/** A failure: its message, its details indented, its hint. */
export function errorLines(error, paint) {
  const lines = [`${paint("red", "failed:")} ${error.message}`];
  for (const d of error.details ?? []) lines.push(`    ${d}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines;
}

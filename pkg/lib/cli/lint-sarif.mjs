// `lint --format sarif`: one SARIF 2.1.0 log for code-scanning tools (GitHub code scanning and
// others). Rules are every code `diagnosticCodes()` lists; columns are UTF-16 code units, as
// validate reports them. Files that could not be read become tool notifications.
import { diagnosticCodes, version } from "connector-kit";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { portablePath } from "./files.mjs";

const LEVEL = { error: "error", warning: "warning", info: "note" };

export function formatSarif(results, problems) {
  const rules = diagnosticCodes().map((c) => ({
    id: c.code,
    shortDescription: { text: `${c.code} (${c.severity}), e.g. ${c.example}` },
    defaultConfiguration: { level: LEVEL[c.severity] ?? "error" },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: "connector-kit", version: version(), semanticVersion: version(), rules } },
      columnKind: "utf16CodeUnits",
      results: results.flatMap((r) => r.diagnostics.map((d) => result(r.file, d, ruleIndex))),
      invocations: [invocation(problems)],
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(file, d, ruleIndex) {
  const physicalLocation = { artifactLocation: { uri: uriOf(file) } };
  if (d.line) physicalLocation.region = { startLine: d.line, startColumn: d.column ?? 1 };
  const out = {
    ruleId: d.code,
    level: LEVEL[d.severity] ?? "error",
    message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
    locations: [{ physicalLocation }],
    properties: { path: d.path },
  };
  if (ruleIndex.has(d.code)) out.ruleIndex = ruleIndex.get(d.code);
  return out;
}

function invocation(problems) {
  return {
    executionSuccessful: problems.length === 0,
    toolExecutionNotifications: problems.map((p) => ({
      level: "error",
      message: { text: p.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(p.file) } } }],
    })),
  };
}

/** A relative URI reference with `/` separators, each segment percent-encoded. */
function uriOf(file) {
  const shown = portablePath(file);
  if (path.isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown.split("/").map(encodeURIComponent).join("/");
}

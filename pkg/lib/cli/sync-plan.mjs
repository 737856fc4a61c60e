// What push would do with each file, shared by `diff` and `push`: read and validate the files,
// list the environment's connectors once, match each file by exact display_name, and plan
// create / update / nothing with planPromotion (the file as the source of truth, the server's
// connector as what is there now), so the diff shown is the diff of the body that would be sent.
import { planPromotion, validate } from "connector-kit";
import { readPayload } from "./connector-files.mjs";
import { describeFailure } from "./remote.mjs";

/**
 * @returns {Promise<{ entries: Entry[], problems: Error[] }>} `problems`: files that could not be
 *   read (exit 2); an entry with `error` failed to plan (exit 1), the rest carry `plan`.
 * @typedef {{ file: string, payload?: object, report?: object, match?: object|null, plan?: object,
 *   error?: { message: string, hint?: string, details?: string[] } }} Entry
 */
export async function planFiles(files, client, { requireValid }) {
  const problems = [];
  const entries = [];
  for (const file of files) {
    const entry = await load(file, problems);
    if (entry) entries.push(entry);
  }
  for (const entry of entries.filter((e) => !e.error)) {
    entry.report = validate(entry.text);
    if (requireValid && !entry.report.valid) entry.error = invalid(entry);
  }
  markDuplicates(entries.filter((e) => !e.error));
  const pending = entries.filter((e) => !e.error);
  const connectors = pending.length ? await client.list() : [];
  for (const entry of pending) plan(entry, connectors);
  return { entries, problems };
}

async function load(file, problems) {
  try {
    return await readPayload(file);
  } catch (error) {
    if (error?.name === "ConnectorError") return { file, error: { message: error.message, hint: error.hint } };
    if (error?.name !== "FileProblem") throw error;
    problems.push(error);
    return null;
  }
}

function invalid(entry) {
  const errors = entry.report.diagnostics.filter((d) => d.severity === "error");
  return {
    message: `${entry.file} is not valid (${errors.length} error${errors.length === 1 ? "" : "s"}); nothing was sent for it`,
    hint: `see connector-kit lint ${entry.file}`,
    details: errors.map((d) => `${d.line ? `${d.line}:${d.column} ` : ""}${d.code} ${d.message}`),
  };
}

/** Two files naming the same connector would overwrite each other: neither is pushed. */
function markDuplicates(entries) {
  const byName = new Map();
  for (const entry of entries) {
    const name = entry.payload.display_name;
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter((e) => e !== entry).map((e) => e.file).join(", ");
      entry.error = { message: `${entry.file}: display_name "${name}" is also in ${others}`, hint: "give each connector file its own display_name" };
    }
  }
}

function plan(entry, connectors) {
  entry.match = connectors.find((c) => c.display_name === entry.payload.display_name) ?? null;
  try {
    entry.plan = planPromotion(entry.payload, entry.match);
  } catch (error) {
    if (error?.name !== "ConnectorError") throw error;
    entry.error = { message: `${entry.file}: ${describeFailure(error)}`, hint: error.hint };
    return;
  }
  if (!entry.match) entry.nearby = connectors.filter((c) => sameLetters(c.display_name, entry.payload.display_name)).map((c) => c.display_name);
}

/** Names that differ only in case or spacing: a likely rename, which push would turn into a new connector. */
function sameLetters(a, b) {
  const fold = (s) => String(s ?? "").toLowerCase().replace(/\s+/g, "");
  return a !== b && fold(a) === fold(b);
}

// `connector-kit import-openapi SPEC [--scheme NAME] [--server N|URL] [--name NAME] [--out FILE]`:
// a connector payload from an OpenAPI 3.0/3.1 or Swagger 2.0 document. The mapping is the
// package's importOpenApi (the Rust core); this module only reads the document (file, URL or
// stdin; JSON, or YAML converted with the `yaml` package), fetches an openIdConnect discovery
// document when the import asks for one, and prints: the payload on stdout (or --out FILE),
// the notes on stderr. Exit 0 without error notes, 1 with, 2 on usage or I/O problems.

import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { importOpenApi, validate } from "connector-kit";
import { fetchText } from "./fetch-text.mjs";

export const IMPORT_OPENAPI_USAGE = `Usage: connector-kit import-openapi SPEC [options]

A connector payload from an OpenAPI 3.0/3.1 or Swagger 2.0 document. SPEC is a file, an
http(s) URL, or - for stdin; JSON or YAML. The payload goes to stdout (or --out FILE); the
notes go to stderr: what was chosen, and what a connector cannot express.

Options:
  --scheme NAME     the security scheme to use (default: the first a connector can express)
  --server N|URL    a server by its index in \`servers\`, or the API's base URL (default: the first)
  --name NAME       the connector's display name (default: info.title, made valid)
  --out FILE        write the payload to FILE instead of stdout
  --timeout MS      per-request timeout for URLs (default 15000)
  -h, --help        this help

Exit status: 0 imported; 1 error notes (the payload needs work, or none could be built);
2 usage or I/O problems.
`;

const OPTIONS = {
  scheme: { type: "string" },
  server: { type: "string" },
  name: { type: "string" },
  out: { type: "string", short: "o" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};

class UsageError extends Error {}

/** The command: argv → exit code. `io` is for tests. */
export async function importOpenApiCommand(argv, io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }) {
  const say = (line) => io.stderr.write(`${line}\n`);
  const fail = (message, hint) => {
    say(`connector-kit import-openapi: ${message}`);
    if (hint) say(`  hint: ${hint}`);
    return 2;
  };
  let values, spec, timeoutMs;
  try {
    ({ values, spec, timeoutMs } = parse(argv));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(error.message, "see connector-kit import-openapi --help");
  }
  if (values.help) {
    io.stdout.write(IMPORT_OPENAPI_USAGE);
    return 0;
  }

  let source;
  try {
    source = await readSpec(spec, timeoutMs, io.stdin);
  } catch (error) {
    return fail(error.message);
  }
  let document;
  try {
    document = await toDocument(source);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    say(`error openapi-invalid: ${error.message}`);
    say(`  at ${spec}`);
    return 1;
  }

  const options = { name: values.name, securityScheme: values.scheme, server: values.server, documentUrl: source.url };
  let result;
  try {
    result = await importOpenApi(document, options);
    if (result.discoveryUrl) result = await withDiscovery(document, options, result, timeoutMs);
  } catch (error) {
    if (error?.name !== "ConnectorError") throw error;
    return fail(error.message, error.hint); // an option the document has nothing for
  }

  const notes = [...result.notes];
  for (const note of notes) {
    say(`${note.severity} ${note.code}: ${note.message}`);
    say(`  at ${note.path ? `${spec}#${note.path}` : spec}`);
  }
  let errors = notes.some((n) => n.severity === "error");
  if (result.payload && !errors) {
    // A complete document makes a valid payload; if not, say what the validator sees.
    for (const d of validate(result.payload).diagnostics.filter((d) => d.severity !== "info")) {
      say(`${d.severity} ${d.code}: the payload's ${d.path || "document"}: ${d.message}`);
      errors ||= d.severity === "error";
    }
  }
  if (result.payload) {
    const text = `${JSON.stringify(result.payload, null, 2)}\n`;
    if (values.out) {
      try {
        await writeFile(values.out, text);
      } catch (error) {
        return fail(`cannot write ${values.out}: ${error.message}`);
      }
      say(`wrote ${values.out}${result.scheme ? ` (security scheme: ${result.scheme})` : ""}`);
    } else {
      io.stdout.write(text);
    }
  } else {
    say("no payload: see the errors above");
  }
  return errors ? 1 : 0;
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return { values };
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `unexpected argument: ${positionals[1]}` : "missing SPEC (a file, an http(s) URL, or -)");
  let timeoutMs = 15_000;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout must be a whole number of milliseconds, not ${values.timeout}`);
  }
  for (const key of ["scheme", "server", "name", "out"]) {
    if (values[key] !== undefined && values[key].trim() === "") throw new UsageError(`--${key} needs a value`);
  }
  return { values, spec: positionals[0], timeoutMs };
}

/** `{ text, url?, yaml }` of a file, an http(s) URL or stdin. */
async function readSpec(spec, timeoutMs, stdin) {
  if (/^https?:\/\//i.test(spec)) {
    const text = await fetchText(spec, { timeoutMs, accept: "application/json, application/yaml, text/yaml, */*" });
    return { text, url: spec, yaml: /\.ya?ml(\?|#|$)/i.test(spec) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new Error(`cannot read ${spec}: only files and http(s) URLs are read`);
  if (spec === "-") {
    const chunks = [];
    for await (const chunk of stdin) chunks.push(chunk);
    return { text: Buffer.concat(chunks).toString("utf8"), yaml: false };
  }
  try {
    return { text: await readFile(spec, "utf8"), yaml: /\.ya?ml$/i.test(spec) };
  } catch (error) {
    throw new Error(`cannot read ${spec}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  }
}

/** JSON stays text (the core reports a syntax error with its line); YAML becomes an object. */
async function toDocument({ text, yaml }) {
  const body = text.replace(/^\uFEFF/, "");
  if (!yaml && /^\s*[[{]/.test(body)) return body;
  let YAML;
  try {
    YAML = await import("yaml");
  } catch {
    throw new UsageError("reading YAML needs the `yaml` package (npm install yaml), or convert the document to JSON");
  }
  try {
    const document = YAML.parse(body, { prettyErrors: true, maxAliasCount: 1000 });
    return typeof document === "string" ? JSON.stringify(document) : document; // a string would be read as JSON text
  } catch (error) {
    throw new Error(`not valid YAML: ${error.message.split("\n")[0]}`);
  }
}

/** Imports again with the openIdConnect discovery document; a fetch failure is one more note. */
async function withDiscovery(document, options, first, timeoutMs) {
  let discovery;
  try {
    discovery = JSON.parse(await fetchText(first.discoveryUrl, { timeoutMs, accept: "application/json" }));
  } catch (error) {
    const about = first.notes.find((n) => n.code === "oidc-discovery-needed");
    const message = `The discovery document could not be read (${error instanceof SyntaxError ? `not JSON: ${error.message}` : error.message})`;
    return { ...first, notes: [...first.notes, { severity: "error", code: "oidc-discovery-unreadable", message, path: about?.path ?? "" }] };
  }
  const result = await importOpenApi(document, { ...options, discovery });
  const about = first.notes.find((n) => n.code === "oidc-discovery-needed");
  const read = { severity: "info", code: "oidc-discovery", message: `OpenID Connect endpoints and scopes from ${first.discoveryUrl}`, path: about?.path ?? "" };
  return { ...result, notes: [read, ...result.notes] };
}

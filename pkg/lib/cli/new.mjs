// `connector-kit new --preset NAME` and `connector-kit new --type T --name N --base-url U …`:
// prints a payload (pretty JSON) to start a connector file from. What the built payload still
// lacks (e.g. OAuth endpoints) is listed on stderr, and the exit code is 1 if it has errors.
import { buildPayload, preset, presets, validate } from "connector-kit";
import { defineCommand, EXIT, UsageError } from "./command.mjs";
import { formatPayload } from "./connector-files.mjs";

const USAGE = `Usage: connector-kit new --preset NAME
       connector-kit new --type T --name N --base-url U [options]

Prints a connector payload: a preset (the provider's documented examples), or one built from
flags. Redirect it to a file: connector-kit new --preset oauth-asana > asana.json

Options:
  --preset NAME          a preset; an unknown name lists them
  --type T               OAUTH, BASIC, BEARER, API_KEY or NO_AUTH (MCP only)
  --name N               display name (letters, digits, spaces)
  --base-url U           proxy_url; its {{placeholders}} become inputs
  --description D        what connecting gives access to
  --mcp                  the upstream is an MCP server
  --input NAME[:TYPE[:OPTIONS]]
                         an input to collect (repeatable); TYPE text, password, select or
                         textarea; OPTIONS for select: a,b or value=Label,… (e.g. region:select:us,eu=Europe)
  --scope S              an OAuth scope (repeatable)
  --authorize-uri U, --token-uri U, --user-info-uri U, --pkce
                         OAuth endpoints and PKCE (REST OAUTH)
  --header H             auth_header_key_override, e.g. X-API-Key
  --mutation CRED.OP=V   auth_field_mutations (repeatable), e.g. api_key.prefix="Klaviyo-API-Key "
  --icon URL             icon_src
  --metadata K=V         metadata pair (repeatable)

Exit: 0 printed and valid, 1 printed but with errors (listed on stderr), 2 usage.`;

const OPTIONS = {
  preset: { type: "string" },
  type: { type: "string" },
  name: { type: "string" },
  "base-url": { type: "string" },
  description: { type: "string" },
  mcp: { type: "boolean" },
  input: { type: "string", multiple: true },
  scope: { type: "string", multiple: true },
  "authorize-uri": { type: "string" },
  "token-uri": { type: "string" },
  "user-info-uri": { type: "string" },
  pkce: { type: "boolean" },
  header: { type: "string" },
  mutation: { type: "string", multiple: true },
  icon: { type: "string" },
  metadata: { type: "string", multiple: true },
};

export const newCommand = defineCommand({
  name: "new",
  usage: USAGE,
  options: OPTIONS,
  positionals: [0, 0],
  async run({ values }, term) {
    const payload = values.preset !== undefined ? fromPreset(values) : await build(blueprint(values));
    term.out(formatPayload(payload).trimEnd());
    return reportProblems(payload, term);
  },
});

function fromPreset(values) {
  const others = Object.keys(values).filter((k) => k !== "preset" && k !== "help");
  if (others.length) throw new UsageError(`--preset cannot be combined with --${others[0]}`, "edit the printed payload instead");
  if (!presets().some((p) => p.name === values.preset)) {
    const list = presets().map((p) => `  ${p.name.padEnd(20)} ${p.title}`).join("\n");
    throw new UsageError(`unknown preset "${values.preset}"`, `choose one of:\n${list}`);
  }
  return preset(values.preset);
}

/** Everything in a blueprint came from flags, so whatever buildPayload refuses is a usage error. */
async function build(print) {
  try {
    return await buildPayload(print);
  } catch (error) {
    if (error?.name === "ConnectorError") throw new UsageError(error.message, error.hint);
    throw error;
  }
}

function blueprint(v) {
  for (const flag of ["type", "name", "base-url"]) {
    if (v[flag] === undefined) throw new UsageError(`missing --${flag}`, "give --type, --name and --base-url, or --preset NAME");
  }
  const print = {
    name: v.name,
    type: v.type,
    baseUrl: v["base-url"],
    description: v.description,
    mcp: v.mcp,
    inputs: v.input?.map(input),
    scopes: v.scope,
    authorizeUri: v["authorize-uri"],
    tokenUri: v["token-uri"],
    userInfoUri: v["user-info-uri"],
    pkce: v.pkce,
    headerOverride: v.header,
    mutations: v.mutation && mutations(v.mutation),
    iconSrc: v.icon,
    metadata: v.metadata && pairs(v.metadata, "--metadata"),
  };
  return Object.fromEntries(Object.entries(print).filter(([, value]) => value !== undefined));
}

/** `name[:type[:a,b=Label]]` */
function input(spec) {
  const [name, inputType, options] = splitOnce(spec, ":", 2);
  if (!name) throw new UsageError(`--input expects NAME[:TYPE[:OPTIONS]], got "${spec}"`);
  const out = { name };
  if (inputType) out.inputType = inputType;
  if (options) out.options = options.split(",").filter(Boolean);
  return out;
}

/** `api_key.prefix=Klaviyo-API-Key ` → { api_key: { prefix: "Klaviyo-API-Key " } } */
function mutations(list) {
  const out = {};
  for (const [target, value] of Object.entries(pairs(list, "--mutation"))) {
    const [credential, operation] = target.split(".");
    if (!credential || !operation) throw new UsageError(`--mutation expects CREDENTIAL.OPERATION=VALUE, got "${target}"`, 'e.g. --mutation "api_key.prefix=Klaviyo-API-Key "');
    out[credential] = { ...out[credential], [operation]: value };
  }
  return out;
}

function pairs(list, flag) {
  const out = {};
  for (const item of list) {
    const at = item.indexOf("=");
    if (at <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got "${item}"`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** Splits at the first `limit` separators: "a:b:c:d" → ["a", "b", "c:d"]. */
function splitOnce(text, separator, limit) {
  const parts = text.split(separator);
  return [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

function reportProblems(payload, term) {
  const { valid, diagnostics } = validate(payload);
  for (const d of diagnostics.filter((x) => x.severity !== "info")) {
    term.err(`${d.severity} ${d.code} ${d.path}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
  }
  if (valid) return EXIT.ok;
  term.err("the payload above has errors: fix them in the file, or give the flags that fill them (see --help)");
  return EXIT.failed;
}

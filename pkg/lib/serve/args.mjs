// `connector-kit serve` arguments, and the environments they (or SCALEKIT_* variables) name.
// Pure: nothing here starts a server or prints; secrets are read from `env` and only returned.

import { environmentsFromEnv } from "../environments.mjs";

export const SERVE_USAGE = `Usage: connector-kit serve [options]

Serves the connector builder page on 127.0.0.1 and forwards its API calls to your
environments, holding their client secrets and tokens itself (see docs/serve.md).

Options:
  --port N             port to listen on (default: 0, a free port)
  --upstream URL       one environment, "default", at URL; credentials from
                       SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET
  --env NAME=URL       a named environment (repeatable); credentials from
                       SCALEKIT_<NAME>_CLIENT_ID and SCALEKIT_<NAME>_CLIENT_SECRET
  --production NAME    treat NAME as Production (repeatable); writes to it need a
                       confirmation on the page. "prod" and "production" always are,
                       unless SCALEKIT_PRODUCTION lists the Production names
  --upstream-timeout S how long to wait for an environment's answer, in seconds
                       (default: 30); the page then sees an upstream-timeout (504)
  -h, --help           show this help

Without --upstream, --env or SCALEKIT_*_ENVIRONMENT_URL variables, serve starts two
embedded emulated environments, "dev" and "prod" (Production), to try everything at once.
`;

export class UsageError extends Error {
  constructor(message, hint) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

const NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/i;

/**
 * Parses serve's argv. Returns `{help: true}` or
 * `{port, upstream?, envs: [{name, url}], production: [names], upstreamTimeoutMs?}`.
 */
export function parseServeArgs(argv) {
  const out = { port: 0, upstream: undefined, envs: [], production: [], upstreamTimeoutMs: undefined };
  let portSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") return { help: true };
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!["--port", "--upstream", "--env", "--production", "--upstream-timeout"].includes(flag)) {
      throw new UsageError(arg.startsWith("-") ? `unknown option: ${flag}` : `unexpected argument: ${arg}`);
    }
    let value;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    switch (flag) {
      case "--port":
        if (portSeen) throw new UsageError("--port given more than once");
        if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
        out.port = Number(value);
        portSeen = true;
        break;
      case "--upstream":
        if (out.upstream !== undefined) throw new UsageError("--upstream given more than once", "use --env NAME=URL for several environments");
        out.upstream = checkUrl(value, "--upstream");
        break;
      case "--env": {
        const at = value.indexOf("=");
        if (at <= 0) throw new UsageError(`--env needs NAME=URL, got "${value}"`);
        const name = value.slice(0, at);
        if (!NAME.test(name)) throw new UsageError(`--env: bad environment name "${name}"`, "use letters, digits and single '-' or '_'");
        out.envs.push({ name: canonicalName(name), url: checkUrl(value.slice(at + 1), `--env ${name}`) });
        break;
      }
      case "--upstream-timeout": {
        if (out.upstreamTimeoutMs !== undefined) throw new UsageError("--upstream-timeout given more than once");
        const seconds = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) || seconds < 0.1 || seconds > 600) {
          throw new UsageError(`--upstream-timeout must be a number of seconds from 0.1 to 600, got "${value}"`);
        }
        out.upstreamTimeoutMs = Math.round(seconds * 1000);
        break;
      }
      case "--production":
        if (!NAME.test(value)) throw new UsageError(`--production: bad environment name "${value}"`);
        out.production.push(canonicalName(value));
        break;
      default:
        break;
    }
  }
  return out;
}

/** Environment names as environments.mjs spells them: lowercase, `_` → `-`. */
export function canonicalName(name) {
  return name.toLowerCase().replaceAll("_", "-");
}

/** The SCALEKIT_… prefix for an environment name ("" for default when `unnamed`). */
function varPrefix(name, unnamed) {
  return unnamed ? "SCALEKIT_" : `SCALEKIT_${name.toUpperCase().replaceAll("-", "_")}_`;
}

/**
 * Checks an environment URL: http(s), no credentials, query or fragment. Returns it normalised
 * (origin + path without trailing slashes).
 */
export function checkUrl(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what}: not a URL: "${value}"`, "e.g. https://acme.scalekit.dev");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`${what}: the URL must be http(s), got ${url.protocol}`);
  if (url.username || url.password) throw new UsageError(`${what}: the URL must not hold credentials`, "set SCALEKIT_…_CLIENT_ID and _CLIENT_SECRET instead");
  if (url.search || url.hash) throw new UsageError(`${what}: the URL must not have a query or fragment`);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * Which environments serve uses, from parsed args and the process environment.
 * Returns `{ mode: "emulated", production: Set }` when nothing is configured, else
 * `{ mode: "upstream", environments: [{name, url, clientId, clientSecret, production, emulated: false}] }`.
 * Throws UsageError on missing credentials or an unknown --production name.
 */
export function resolveEnvironments(opts, env = process.env) {
  const production = new Set(opts.production ?? []);
  const passOn = env.SCALEKIT_PRODUCTION !== undefined ? { SCALEKIT_PRODUCTION: env.SCALEKIT_PRODUCTION } : {};
  let found; // name -> environment, from environments.mjs (its naming and Production rule)
  if (opts.upstream !== undefined || opts.envs.length > 0) {
    found = new Map();
    const add = (name, url, unnamed) => {
      if (found.has(name)) throw new UsageError(`environment "${name}" given more than once`);
      const prefix = varPrefix(name, unnamed);
      const synthetic = {
        ...passOn,
        [`${prefix}ENVIRONMENT_URL`]: url,
        [`${prefix}CLIENT_ID`]: env[`${prefix}CLIENT_ID`],
        [`${prefix}CLIENT_SECRET`]: env[`${prefix}CLIENT_SECRET`],
      };
      const [only] = environmentsFromEnv(synthetic).values();
      found.set(name, { ...only, name, url });
    };
    if (opts.upstream !== undefined) add("default", opts.upstream, true);
    for (const { name, url } of opts.envs) add(name, url, name === "default");
  } else {
    found = environmentsFromEnv(env);
    if (found.size === 0) {
      for (const name of production) {
        if (name !== "dev" && name !== "prod") throw new UsageError(`--production ${name}: no such environment (the embedded ones are dev and prod)`);
      }
      return { mode: "emulated", production };
    }
    for (const e of found.values()) e.url = checkUrl(e.url, `SCALEKIT environment "${e.name}"`);
  }

  for (const name of production) {
    if (!found.has(name)) {
      throw new UsageError(`--production ${name}: no such environment (configured: ${[...found.keys()].join(", ")})`);
    }
  }
  const environments = [];
  for (const e of found.values()) {
    if (!e.clientId || !e.clientSecret) {
      const prefix = varPrefix(e.name, e.name === "default");
      const missing = [!e.clientId && `${prefix}CLIENT_ID`, !e.clientSecret && `${prefix}CLIENT_SECRET`].filter(Boolean);
      throw new UsageError(`environment "${e.name}" (${new URL(e.url).host}) has no client credentials`,
        `set ${missing.join(" and ")} in the environment (never on the command line)`);
    }
    environments.push({
      name: e.name,
      url: e.url,
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      production: e.production || production.has(e.name),
      emulated: false,
    });
  }
  return { mode: "upstream", environments };
}

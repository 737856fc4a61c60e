// Environments (Scalekit environment URL + client credentials) read from the process
// environment, shared by the CLI and `serve`. Secrets are only ever read here and handed to
// the client that uses them; nothing prints them.
//
//   SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET
//       one environment, named "default"
//   SCALEKIT_<NAME>_ENVIRONMENT_URL, SCALEKIT_<NAME>_CLIENT_ID, SCALEKIT_<NAME>_CLIENT_SECRET
//       one environment per NAME (e.g. DEV, PROD), named in lowercase ("dev", "prod")
//   SCALEKIT_PRODUCTION=prod,eu-prod
//       which names are Production (default: any named "prod" or "production")

const URL_SUFFIX = "_ENVIRONMENT_URL";

/**
 * @typedef {{ name: string, url: string, clientId?: string, clientSecret?: string, production: boolean }} Environment
 */

/** Every environment configured in `env`, by name. */
export function environmentsFromEnv(env = process.env) {
  const production = new Set(
    (env.SCALEKIT_PRODUCTION ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
  );
  const isProduction = (name) =>
    production.size > 0 ? production.has(name) : name === "prod" || name === "production";
  const found = new Map();
  for (const [key, url] of Object.entries(env)) {
    if (!key.startsWith("SCALEKIT_") || !key.endsWith(URL_SUFFIX) || !url) continue;
    const middle = key.slice("SCALEKIT_".length, -URL_SUFFIX.length);
    const prefix = middle ? `SCALEKIT_${middle}_` : "SCALEKIT_";
    const name = middle ? middle.toLowerCase().replaceAll("_", "-") : "default";
    found.set(name, {
      name,
      url: url.trim(),
      clientId: env[`${prefix}CLIENT_ID`] || undefined,
      clientSecret: env[`${prefix}CLIENT_SECRET`] || undefined,
      production: isProduction(name),
    });
  }
  return found;
}

/**
 * The environment called `name`, or the only one when `name` is not given. Throws an Error
 * with `code: "usage"` saying which variables to set when there is none to pick.
 */
export function pickEnvironment(name, env = process.env) {
  const all = environmentsFromEnv(env);
  if (name) {
    const chosen = all.get(name.toLowerCase());
    if (chosen) return chosen;
    throw usage(`no environment named "${name}"` + (all.size ? ` (configured: ${[...all.keys()].join(", ")})` : ""),
      `set SCALEKIT_${name.toUpperCase().replaceAll("-", "_")}_ENVIRONMENT_URL, _CLIENT_ID and _CLIENT_SECRET`);
  }
  if (all.size === 1) return [...all.values()][0];
  if (all.has("default")) return all.get("default");
  if (all.size === 0) {
    throw usage("no environment configured",
      "set SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET (or SCALEKIT_<NAME>_… for several)");
  }
  throw usage(`several environments are configured (${[...all.keys()].join(", ")})`, "choose one with --env NAME");
}

/** Options for `new ManagementClient(…)` from an environment. */
export function clientOptions(environment, extra = {}) {
  const { url, clientId, clientSecret } = environment;
  return clientId && clientSecret
    ? { environmentUrl: url, clientId, clientSecret, ...extra }
    : { environmentUrl: url, ...extra };
}

function usage(message, hint) {
  const error = new Error(`${message}: ${hint}`);
  error.code = "usage";
  error.hint = hint;
  return error;
}

// `connector-kit emulator [--port N] [--client-id ID] [--client-secret S] [--token-ttl SECONDS]
//  [--data FILE] [--quiet]` — prints the base URL as the first line of stdout.

import { startEmulator } from "./server.mjs";
import { untilStopped } from "../until-stopped.mjs";
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL } from "./tokens.mjs";

export const SECRET_ENV = "CONNECTOR_KIT_EMULATOR_CLIENT_SECRET";

export const EMULATOR_USAGE = `Usage: connector-kit emulator [options]

A local, in-memory Scalekit management API on 127.0.0.1 (see docs/emulator.md).

Options:
  --port N                 port to listen on (default: 0, a free port)
  --client-id ID           client id to accept (default: ${DEFAULT_CLIENT_ID})
  --client-secret S        client secret to accept (default: ${DEFAULT_CLIENT_SECRET};
                           or set ${SECRET_ENV} to keep it out of the process list)
  --token-ttl SECONDS      access token lifetime (default: ${DEFAULT_TOKEN_TTL})
  --data FILE              load connectors from FILE and save them after each write
  --quiet                  do not log requests to stderr
  -h, --help               show this help
`;

const VALUE_FLAGS = {
  "--port": "port",
  "--client-id": "clientId",
  "--client-secret": "clientSecret",
  "--token-ttl": "tokenTtl",
  "--data": "dataFile",
};

class UsageError extends Error {}

/** Parses emulator arguments; throws UsageError. Returns {help} or the startEmulator options. */
export function parseEmulatorArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "--quiet") {
      opts.quiet = true;
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = VALUE_FLAGS[flag];
    if (!key) {
      throw new UsageError(arg.startsWith("-") ? `unknown option: ${flag}` : `unexpected argument: ${arg}`);
    }
    let value;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    if (key in opts) throw new UsageError(`${flag} given more than once`);
    opts[key] = value;
  }

  if (opts.port !== undefined) {
    if (!/^\d{1,5}$/.test(opts.port) || Number(opts.port) > 65535) throw new UsageError(`--port must be 0–65535, got "${opts.port}"`);
    opts.port = Number(opts.port);
  }
  if (opts.tokenTtl !== undefined) {
    if (!/^\d{1,9}$/.test(opts.tokenTtl) || Number(opts.tokenTtl) < 1) {
      throw new UsageError(`--token-ttl must be a positive number of seconds, got "${opts.tokenTtl}"`);
    }
    opts.tokenTtl = Number(opts.tokenTtl);
  }
  for (const k of ["clientId", "clientSecret", "dataFile"]) {
    if (opts[k] === "") throw new UsageError(`${Object.keys(VALUE_FLAGS).find((f) => VALUE_FLAGS[f] === k)} must not be empty`);
  }
  return opts;
}

/**
 * Runs the emulator until SIGINT/SIGTERM (or `signal` aborts). Resolves with the exit code:
 * 0 after a clean shutdown, 1 when it cannot start, 2 on a usage error.
 * @param {string[]} argv arguments after `emulator`
 * @param {{stdout?: NodeJS.WritableStream, stderr?: NodeJS.WritableStream, env?: object, signal?: AbortSignal}} [io]
 */
export async function emulatorCommand(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;

  let opts;
  try {
    opts = parseEmulatorArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`connector-kit emulator: ${err.message}\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  if (opts.help) {
    stdout.write(EMULATOR_USAGE);
    return 0;
  }
  if (opts.clientSecret === undefined && env[SECRET_ENV]) opts.clientSecret = env[SECRET_ENV];

  let emulator;
  try {
    emulator = await startEmulator({ ...opts, log: (line) => stderr.write(`${line}\n`) });
  } catch (err) {
    stderr.write(`connector-kit emulator: cannot start: ${err.code === "EADDRINUSE" ? `port ${opts.port} is in use` : err.message}\n`);
    return 1;
  }

  // Stop handlers go in before the URL is printed: a parent may signal as soon as it reads it.
  const run = untilStopped({
    signal: io.signal,
    async close(why) {
      await emulator.close();
      if (!opts.quiet) stderr.write(`connector-kit emulator: stopped (${why})\n`);
    },
  });

  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const secret = opts.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const lines = [
    emulator.url, // must stay the first line: tools read it
    `client_id:     ${clientId}`,
    secret === DEFAULT_CLIENT_SECRET
      ? `client_secret: ${DEFAULT_CLIENT_SECRET}  (the default emulator secret)`
      : "client_secret: (the one you configured; not shown)",
    `token:         POST ${emulator.url}/oauth/token  (grant_type=client_credentials)`,
    `state:         GET ${emulator.url}/_emulator/state`,
  ];
  if (opts.dataFile) lines.push(`data:          ${opts.dataFile}`);
  lines.push("Press Ctrl+C to stop.");
  stdout.write(`${lines.join("\n")}\n`);

  run.watch();
  return run.finished;
}

// `connector-kit serve`: the builder page on 127.0.0.1, forwarding its API calls to configured
// environments (or to two embedded emulators) with serve's own credentials. See docs/serve.md.

import http from "node:http";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../emulator.mjs";
import { SERVE_USAGE, UsageError, parseServeArgs, resolveEnvironments } from "./args.mjs";
import { newSessionToken } from "./session.mjs";
import { allowedFor } from "./guard.mjs";
import { cspFor, securityHeaders } from "./csp.mjs";
import { PACKAGE_DIR, createStaticFiles } from "./static.mjs";
import { createUpstream } from "./forward.mjs";
import { createConfirmations, createHandler } from "./routes.mjs";
import { untilStopped } from "../until-stopped.mjs";

export { SERVE_USAGE, parseServeArgs, resolveEnvironments } from "./args.mjs";

function packageVersion(pkgDir) {
  try {
    return JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/**
 * Starts the server (not the emulators: pass their URLs in `environments`). Resolves once it listens.
 * @param {{ port?: number, environments: Array<{ name: string, url: string, clientId: string,
 *   clientSecret: string, production?: boolean, emulated?: boolean }>, token?: string,
 *   wwwDirs?: string[], pkgDir?: string, upstreamTimeoutMs?: number, log?: (line: string) => void }} opts
 * @returns {Promise<{ url: string, sessionUrl: string, port: number, token: string,
 *   environments: object[], close(): Promise<void>, server: import("node:http").Server }>}
 */
export async function startServe({
  port = 0,
  environments,
  token = newSessionToken(),
  wwwDirs,
  pkgDir = PACKAGE_DIR,
  upstreamTimeoutMs,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError("port must be an integer 0–65535");
  if (!Array.isArray(environments)) throw new TypeError("environments must be an array");
  const version = packageVersion(pkgDir);
  const upstreams = new Map();
  for (const env of environments) {
    if (upstreams.has(env.name)) throw new TypeError(`environment "${env.name}" given twice`);
    upstreams.set(env.name, createUpstream(env, { timeoutMs: upstreamTimeoutMs, userAgent: `connector-kit-serve/${version}` }));
  }
  const files = createStaticFiles({ wwwDirs, pkgDir });
  const csp = cspFor(files.indexPath);
  csp(); // computed at start (and again whenever the page changes)

  const ctx = {
    token,
    allowed: null,
    csp,
    headers: securityHeaders,
    files,
    upstreams,
    version,
    confirmations: createConfirmations(),
    log,
  };
  const handler = createHandler(ctx);
  const server = http.createServer({ requestTimeout: 120_000, headersTimeout: 30_000, requireHostHeader: false }, (req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      ctx.allowed = allowedFor(server.address().port); // before the first request can be handled
      resolve();
    });
  });
  const actualPort = server.address().port;
  const url = `http://127.0.0.1:${actualPort}`;

  let closing = null;
  return {
    url,
    sessionUrl: `${url}/?session=${token}`,
    port: actualPort,
    token,
    environments: [...upstreams.values()].map((u) => u.describe()),
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Two embedded emulators, "dev" and "prod", with per-run credentials only serve knows. */
async function startEmbedded(production) {
  const started = [];
  try {
    for (const name of ["dev", "prod"]) {
      const clientId = `skc_serve_${name}`;
      const clientSecret = `sks_${randomBytes(24).toString("hex")}`;
      const emu = await startEmulator({ port: 0, clientId, clientSecret, quiet: true });
      started.push({ emu, env: { name, url: emu.url, clientId, clientSecret, production: name === "prod" || production.has(name), emulated: true } });
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.emu.close()));
    throw err;
  }
  return {
    environments: started.map((s) => s.env),
    close: () => Promise.all(started.map((s) => s.emu.close())),
  };
}

/**
 * The CLI: runs until SIGINT/SIGTERM (or `signal` aborts). Resolves with the exit code:
 * 0 after a clean stop, 1 when it cannot start, 2 on a usage or configuration error.
 * @param {string[]} argv arguments after `serve`
 * @param {{stdout?: NodeJS.WritableStream, stderr?: NodeJS.WritableStream, env?: object, signal?: AbortSignal}} [io]
 */
export async function serveCommand(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;

  let opts;
  let resolved;
  try {
    opts = parseServeArgs(argv);
    if (opts.help) {
      stdout.write(SERVE_USAGE);
      return 0;
    }
    resolved = resolveEnvironments(opts, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`connector-kit serve: ${err.message}${err.hint ? `\n  ${err.hint}` : ""}\n`
      + "Run `connector-kit serve --help` for the options.\n");
    return 2;
  }

  let embedded = null;
  let server;
  try {
    let environments;
    if (resolved.mode === "emulated") {
      embedded = await startEmbedded(resolved.production);
      environments = embedded.environments;
    } else {
      environments = resolved.environments;
      for (const e of environments) {
        const u = new URL(e.url);
        if (u.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) {
          stderr.write(`connector-kit serve: warning: environment "${e.name}" is plain http on ${u.host}: credentials cross the network unencrypted\n`);
        }
      }
    }
    server = await startServe({ port: opts.port, environments, upstreamTimeoutMs: opts.upstreamTimeoutMs, log: (line) => stderr.write(`${line}\n`) });
  } catch (err) {
    await embedded?.close();
    stderr.write(`connector-kit serve: cannot start: ${err.code === "EADDRINUSE" ? `port ${opts.port} is in use` : err.message}\n`);
    return 1;
  }

  // Stop handlers go in before the URL is printed: a parent may signal as soon as it reads it.
  const run = untilStopped({
    signal: io.signal,
    async close(why) {
      await server.close();
      await embedded?.close();
      stderr.write(`connector-kit serve: stopped (${why})\n`);
    },
  });

  const described = server.environments.map((e) => {
    const notes = [e.emulated ? "embedded emulator" : e.host, e.production ? "Production" : null].filter(Boolean);
    return `${e.name} (${notes.join(", ")})`;
  });
  stdout.write(`${server.sessionUrl}\n`
    + "Open this URL to use the connector builder; it carries this run's session, so keep it to yourself.\n"
    + `Environments: ${described.join("; ")}. Press Ctrl+C to stop.\n`);

  run.watch();
  return run.finished;
}

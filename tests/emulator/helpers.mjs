// Shared helpers for the emulator tests (not a test file itself).

import fs from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { startEmulator } from "../../pkg/lib/emulator.mjs";

export const BIN = fileURLToPath(new URL("../../pkg/bin/connector-kit.mjs", import.meta.url));
const EXAMPLES_DIR = new URL("../fixtures/examples/", import.meta.url);

export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

/** The eight documented example payloads, keyed by file name without `.json`. */
export function examples() {
  const out = {};
  for (const name of fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json")).sort()) {
    out[name.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(new URL(name, EXAMPLES_DIR), "utf8"));
  }
  return out;
}

export function example(name) {
  return examples()[name];
}

/** A minimal valid payload with the given display name. */
export function payload(displayName, extra = {}) {
  return {
    display_name: displayName,
    description: "test connector",
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
    ...extra,
  };
}

/** A thin HTTP client for the emulator. */
export class Client {
  constructor(url) {
    this.url = url;
    this.accessToken = null;
  }

  async token(clientId = "skc_emulator", clientSecret = "sks_emulator") {
    const res = await fetch(`${this.url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(body)}`);
    this.accessToken = body.access_token;
    return body.access_token;
  }

  /** Sends a request; `body` objects are JSON-encoded, strings sent as they are. */
  async request(method, path, { body, token = this.accessToken, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let data;
    if (body !== undefined) {
      data = typeof body === "string" ? body : JSON.stringify(body);
      h["Content-Type"] ??= "application/json";
    }
    const res = await fetch(`${this.url}${path}`, { method, headers: h, body: data });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  }

  create(p) { return this.request("POST", "/api/v1/custom-providers", { body: p }); }
  update(id, p) { return this.request("PUT", `/api/v1/custom-providers/${encodeURIComponent(id)}`, { body: p }); }
  remove(id) { return this.request("DELETE", `/api/v1/custom-providers/${encodeURIComponent(id)}`); }
  list(query = "filter.provider_type=CUSTOM") { return this.request("GET", `/api/v1/providers?${query}`); }
  control(method, path, body) { return this.request(method, `/_emulator${path}`, { body, token: null }); }
}

/** Starts an in-process emulator (quiet) and a client holding a token. Call `emu.close()` after. */
export async function startWithClient(opts = {}) {
  const emu = await startEmulator({ quiet: true, ...opts });
  const client = new Client(emu.url);
  await client.token(opts.clientId, opts.clientSecret);
  return { emu, client };
}

/** Asserts the gRPC-gateway error shape; returns the field violations (possibly empty). */
export function grpcError(assert, res, status, code) {
  assert.equal(res.status, status, `status (body: ${res.text})`);
  assert.equal(res.headers.get("content-type"), "application/json");
  const b = res.json;
  assert.ok(b && typeof b === "object", `JSON body expected, got ${res.text}`);
  assert.equal(b.code, code, `gRPC code (body: ${res.text})`);
  assert.equal(typeof b.message, "string");
  assert.ok(b.message.length > 0);
  assert.ok(Array.isArray(b.details));
  if (b.details.length) {
    assert.equal(b.details[0]["@type"], ERROR_INFO_TYPE);
    assert.equal(typeof b.details[0].error_code, "string");
  }
  const fv = b.details[0]?.validation_error_info?.field_violations ?? [];
  for (const v of fv) {
    assert.equal(typeof v.field, "string");
    assert.equal(typeof v.description, "string");
    assert.equal(typeof v.constraint, "string");
  }
  return fv;
}

/**
 * Runs `connector-kit <args>` as a child process. `ready` resolves with the first stdout line;
 * `exited` with {code, signal, stdout, stderr}.
 */
export function runBin(args, { env = {} } = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => { stderr += d; });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing a line: ${stderr}`)));
  });
  lines.on("line", (l) => { stdout += `${l}\n`; });
  const exited = new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  ready.catch(() => {}); // callers that only await `exited` must not see an unhandled rejection
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

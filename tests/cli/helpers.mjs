// Shared helpers for the CLI tests (not a test file itself): run the real bin as a child process
// in a temp folder, with only the environment the test gives it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../pkg/lib/emulator.mjs";

export const BIN = fileURLToPath(new URL("../../pkg/bin/connector-kit.mjs", import.meta.url));
export const EXAMPLES = fileURLToPath(new URL("../fixtures/examples/", import.meta.url));

/** A client secret easy to look for in output. */
export const SECRET = "sks_RECOGNISABLE_cafe1234_secret";

/** The process environment without anything that would change the CLI's behaviour. */
export function baseEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("SCALEKIT_") && !["NO_COLOR", "FORCE_COLOR", "NODE_TEST_CONTEXT"].includes(key)) env[key] = value;
  }
  return env;
}

/**
 * Runs `connector-kit ...args` asynchronously (the emulators live in this process, so the
 * event loop must keep running). Resolves `{ code, stdout, stderr }`.
 */
export function run(args, { cwd, env = {}, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...baseEnv(), ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** A fresh temp folder, removed after the test. */
export function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-cli-test-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` ({ relative path: text or object }) under `dir`. */
export function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

export function example(name) {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${name}.json`), "utf8"));
}

export function exampleNames() {
  return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}

/** A minimal valid payload. */
export function payload(displayName, extra = {}) {
  return {
    display_name: displayName,
    description: "test connector",
    auth_patterns: [{
      type: "BEARER",
      display_name: "Token",
      description: "A token",
      fields: [{ field_name: "token", label: "Token", input_type: "password", hint: "Settings → API" }],
    }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
    ...extra,
  };
}

/** An emulator with SECRET as its client secret, closed after the test. */
export async function emulator(t) {
  const emu = await startEmulator({ port: 0, quiet: true, clientSecret: SECRET });
  t.after(() => emu.close());
  return emu;
}

/** An emulator holding `payloads`, created through the API itself (not the command under test). */
export async function seeded(t, ...payloads) {
  const emu = await emulator(t);
  const token = await (await fetch(`${emu.url}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "skc_emulator", client_secret: SECRET }),
  })).json();
  for (const body of payloads) {
    const res = await fetch(`${emu.url}/api/v1/custom-providers`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
  return emu;
}

/** SCALEKIT_* variables for `name` ("" for the unnamed form) pointing at `emu`. */
export function envFor(emu, name = "") {
  const prefix = name ? `SCALEKIT_${name.toUpperCase()}_` : "SCALEKIT_";
  return { [`${prefix}ENVIRONMENT_URL`]: emu.url, [`${prefix}CLIENT_ID`]: "skc_emulator", [`${prefix}CLIENT_SECRET`]: SECRET };
}

/** Fails if the secret appears in a result's output. */
export function assertNoSecret(assert, ...results) {
  for (const r of results) {
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), "the client secret was printed");
  }
}

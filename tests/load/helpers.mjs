// Shared by the fault and load suites (not a test file itself): an emulator per suite, clients
// with a short timeout, and a way to await a call that reports a hang instead of hanging.
import { ConnectorError, ManagementClient } from "connector-kit";
import { startEmulator } from "../../pkg/lib/emulator.mjs";

export const CLIENT_ID = "skc_emulator";
export const CLIENT_SECRET = "sks_load_SECRET_9f3e";

/** Starts an emulator for a suite; close it in `after`. */
export function emulator() {
  return startEmulator({ port: 0, quiet: true, clientSecret: CLIENT_SECRET });
}

/** A client of `emu` with client credentials (and a short timeout unless told). */
export function clientOf(emu, options = {}) {
  return new ManagementClient({ environmentUrl: emu.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 400, ...options });
}

/**
 * Awaits `promise` for at most `ms`: `{ value, ms }` or `{ error, ms }` (elapsed time), or
 * throws naming `what` when it has not settled by then.
 */
export async function settle(promise, what = "the call", ms = 20_000) {
  const start = Date.now();
  let timer;
  const hang = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error) => ({ error })), hang])
      .then((r) => ({ ...r, ms: Date.now() - start }));
  } finally {
    clearTimeout(timer);
  }
}

/** A ConnectorError with `code`, a message, and no secret in any of its text. */
export function isClear(error, code) {
  const text = `${error?.message ?? ""} ${error?.hint ?? ""}`;
  return error instanceof ConnectorError && error.code === code && typeof error.message === "string"
    && error.message.length > 10 && !text.includes(CLIENT_SECRET);
}

/** A minimal valid payload. */
export function payload(displayName, extra = {}) {
  return {
    display_name: displayName,
    description: "load test",
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
    ...extra,
  };
}

/** The emulator's custom connectors as `{ display name: description }`. */
export function stored(emu) {
  return Object.fromEntries(emu.state().providers.map((p) => [p.display_name, p.description]));
}

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until truthy, for at most `ms`. */
export async function until(fn, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

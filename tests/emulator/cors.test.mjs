// CORS: the wasm tests run in Chromium on another localhost origin.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWithClient } from "./helpers.mjs";

let emu;
let client;
before(async () => ({ emu, client } = await startWithClient()));
after(() => emu.close());

const preflight = (path, method, extra = {}) => fetch(`${client.url}${path}`, {
  method: "OPTIONS",
  headers: {
    Origin: "http://localhost:5173",
    "Access-Control-Request-Method": method,
    "Access-Control-Request-Headers": "authorization,content-type",
    ...extra,
  },
});

describe("CORS", () => {
  for (const [path, method] of [
    ["/oauth/token", "POST"],
    ["/api/v1/providers?filter.provider_type=CUSTOM", "GET"],
    ["/api/v1/custom-providers", "POST"],
    ["/api/v1/custom-providers/some_id", "PUT"],
    ["/api/v1/custom-providers/some_id", "DELETE"],
    ["/_emulator/state", "GET"],
  ]) {
    test(`preflight ${method} ${path}`, async () => {
      const r = await preflight(path, method);
      assert.equal(r.status, 204);
      assert.equal(r.headers.get("access-control-allow-origin"), "*");
      assert.ok(r.headers.get("access-control-allow-methods").split(/,\s*/).includes(method));
      const allowed = r.headers.get("access-control-allow-headers").toLowerCase().split(/,\s*/);
      assert.ok(allowed.includes("authorization") && allowed.includes("content-type"));
      assert.equal(await r.text(), "");
    });
  }

  test("preflights need no token and do not create anything", async () => {
    await preflight("/api/v1/custom-providers", "POST");
    assert.deepEqual(emu.state().providers, []);
  });

  test("Private Network Access preflight is allowed", async () => {
    const r = await preflight("/api/v1/providers", "GET", { "Access-Control-Request-Private-Network": "true" });
    assert.equal(r.headers.get("access-control-allow-private-network"), "true");
  });

  test("every answer carries Access-Control-Allow-Origin: * (success, errors, 404, faults)", async () => {
    const answers = [
      await client.list(),
      await client.request("GET", "/api/v1/providers", { token: null }),
      await client.request("GET", "/nowhere"),
      await client.create({}),
    ];
    await client.control("POST", "/faults", { kind: "rate-limit", retryAfter: 2 });
    answers.push(await client.list());
    const tokenRes = await fetch(`${client.url}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    answers.push({ headers: tokenRes.headers, status: tokenRes.status });
    for (const r of answers) assert.equal(r.headers.get("access-control-allow-origin"), "*", `status ${r.status}`);
    assert.match(answers[4].headers.get("access-control-expose-headers"), /Retry-After/);
  });
});

// CORS: the wasm tests run in Chromium on another localhost origin; other sites get nothing.
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
      assert.equal(r.headers.get("access-control-allow-origin"), "http://localhost:5173");
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

  test("every answer to a local page allows its origin (success, errors, 404, faults)", async () => {
    const headers = { Origin: "http://127.0.0.1:8000" };
    const answers = [
      await client.request("GET", "/api/v1/providers?filter.provider_type=CUSTOM", { headers }),
      await client.request("GET", "/api/v1/providers", { token: null, headers }),
      await client.request("GET", "/nowhere", { headers }),
      await client.request("POST", "/api/v1/custom-providers", { body: {}, headers }),
    ];
    await client.control("POST", "/faults", { kind: "rate-limit", retryAfter: 2 });
    answers.push(await client.request("GET", "/api/v1/providers?filter.provider_type=CUSTOM", { headers }));
    const tokenRes = await fetch(`${client.url}/oauth/token`, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    answers.push({ headers: tokenRes.headers, status: tokenRes.status });
    for (const r of answers) assert.equal(r.headers.get("access-control-allow-origin"), "http://127.0.0.1:8000", `status ${r.status}`);
    assert.match(answers[4].headers.get("access-control-expose-headers"), /Retry-After/);
  });

  test("a page on another site gets no CORS headers, so a browser keeps it out", async () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example:8000", "null"]) {
      const r = await preflight("/api/v1/custom-providers", "POST", { Origin: origin });
      assert.equal(r.headers.get("access-control-allow-origin"), null, origin);
      const get = await client.request("GET", "/api/v1/providers", { headers: { Origin: origin } });
      assert.equal(get.headers.get("access-control-allow-origin"), null, origin);
    }
  });
});

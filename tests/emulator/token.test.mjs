import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../../pkg/lib/emulator.mjs";
import { Client, grpcError } from "./helpers.mjs";

function form(fields) {
  return { "Content-Type": "application/x-www-form-urlencoded", body: new URLSearchParams(fields) };
}

async function postToken(url, fields, headers = {}) {
  const { body, ...h } = form(fields);
  const res = await fetch(`${url}/oauth/token`, { method: "POST", headers: { ...h, ...headers }, body });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

const basic = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

describe("POST /oauth/token", () => {
  let emu;
  before(async () => { emu = await startEmulator({ quiet: true }); });
  after(() => emu.close());

  test("form credentials give a Bearer token with the default TTL", async () => {
    const r = await postToken(emu.url, { grant_type: "client_credentials", client_id: "skc_emulator", client_secret: "sks_emulator" });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), ["access_token", "expires_in", "scope", "token_type"]);
    assert.equal(r.json.token_type, "Bearer");
    assert.equal(r.json.expires_in, 86399);
    assert.equal(typeof r.json.scope, "string");
    assert.match(r.json.access_token, /^[A-Za-z0-9_-]{32,}$/);
    assert.equal(r.headers.get("cache-control"), "no-store");
  });

  test("tokens are opaque and random", async () => {
    const f = { grant_type: "client_credentials", client_id: "skc_emulator", client_secret: "sks_emulator" };
    const a = await postToken(emu.url, f);
    const b = await postToken(emu.url, f);
    assert.notEqual(a.json.access_token, b.json.access_token);
    assert.ok(!a.json.access_token.includes("skc_emulator"));
    assert.ok(!a.json.access_token.includes("sks_emulator"));
  });

  test("HTTP Basic client authentication is accepted", async () => {
    const r = await postToken(emu.url, { grant_type: "client_credentials" }, { Authorization: basic("skc_emulator", "sks_emulator") });
    assert.equal(r.status, 200);
    assert.equal(r.json.token_type, "Bearer");
  });

  test("Basic with a wrong secret → 401 invalid_client with a Basic challenge", async () => {
    const r = await postToken(emu.url, { grant_type: "client_credentials" }, { Authorization: basic("skc_emulator", "nope") });
    assert.equal(r.status, 401);
    assert.equal(r.json.error, "invalid_client");
    assert.match(r.headers.get("www-authenticate"), /^Basic/);
  });

  test("Basic and client_secret together → 400 invalid_request", async () => {
    const r = await postToken(emu.url, { grant_type: "client_credentials", client_secret: "sks_emulator" },
      { Authorization: basic("skc_emulator", "sks_emulator") });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, "invalid_request");
  });

  for (const [what, fields] of [
    ["wrong secret", { client_id: "skc_emulator", client_secret: "sks_wrong" }],
    ["wrong client id", { client_id: "skc_other", client_secret: "sks_emulator" }],
    ["no credentials", {}],
    ["empty secret", { client_id: "skc_emulator", client_secret: "" }],
  ]) {
    test(`${what} → 401 invalid_client`, async () => {
      const r = await postToken(emu.url, { grant_type: "client_credentials", ...fields });
      assert.equal(r.status, 401);
      assert.equal(r.json.error, "invalid_client");
      assert.equal(r.json.access_token, undefined);
    });
  }

  test("unsupported grant → 400 unsupported_grant_type", async () => {
    const r = await postToken(emu.url, { grant_type: "password", client_id: "skc_emulator", client_secret: "sks_emulator" });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, "unsupported_grant_type");
  });

  test("missing grant_type → 400 invalid_request", async () => {
    const r = await postToken(emu.url, { client_id: "skc_emulator", client_secret: "sks_emulator" });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, "invalid_request");
  });

  test("a JSON body is not accepted → 400 invalid_request", async () => {
    const res = await fetch(`${emu.url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: "skc_emulator", client_secret: "sks_emulator" }),
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error, "invalid_request");
  });

  test("GET /oauth/token → 405", async () => {
    const res = await fetch(`${emu.url}/oauth/token`);
    assert.equal(res.status, 405);
    assert.match(res.headers.get("allow"), /POST/);
  });
});

describe("configurable credentials and TTL", () => {
  test("custom id, secret (with reserved characters) and TTL", async () => {
    const emu = await startEmulator({ quiet: true, clientId: "skc_custom", clientSecret: "sks:a/b+c d%", tokenTtl: 120 });
    try {
      const bad = await postToken(emu.url, { grant_type: "client_credentials", client_id: "skc_emulator", client_secret: "sks_emulator" });
      assert.equal(bad.status, 401);
      const ok = await postToken(emu.url, { grant_type: "client_credentials", client_id: "skc_custom", client_secret: "sks:a/b+c d%" });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.expires_in, 120);
      const viaBasic = await postToken(emu.url, { grant_type: "client_credentials" }, { Authorization: basic("skc_custom", "sks:a/b+c d%") });
      assert.equal(viaBasic.status, 200);
    } finally {
      await emu.close();
    }
  });

  test("bad options are rejected", async () => {
    await assert.rejects(startEmulator({ quiet: true, tokenTtl: 0 }), TypeError);
    await assert.rejects(startEmulator({ quiet: true, port: 70000 }), TypeError);
    await assert.rejects(startEmulator({ quiet: true, clientSecret: "" }), TypeError);
  });
});

describe("Bearer tokens on API calls", () => {
  let emu;
  let client;
  before(async () => {
    emu = await startEmulator({ quiet: true, tokenTtl: 1 });
    client = new Client(emu.url);
  });
  after(() => emu.close());

  test("missing Authorization → 401 code 16", async () => {
    const r = await client.request("GET", "/api/v1/providers", { token: null });
    grpcError(assert, r, 401, 16);
    assert.match(r.headers.get("www-authenticate"), /^Bearer/);
  });

  test("a non-Bearer scheme → 401 code 16", async () => {
    const r = await client.request("GET", "/api/v1/providers", { token: null, headers: { Authorization: "Basic c2tjX2VtdWxhdG9yOnNrc19lbXVsYXRvcg==" } });
    grpcError(assert, r, 401, 16);
  });

  test("an unknown token → 401 code 16 on every endpoint", async () => {
    for (const [method, path] of [["GET", "/api/v1/providers"], ["POST", "/api/v1/custom-providers"],
      ["PUT", "/api/v1/custom-providers/x"], ["DELETE", "/api/v1/custom-providers/x"]]) {
      const r = await client.request(method, path, { token: "ske_not_a_token", body: method === "POST" || method === "PUT" ? {} : undefined });
      grpcError(assert, r, 401, 16);
    }
  });

  test("an expired token → 401 code 16 (TTL 1 s)", async () => {
    const token = await client.token();
    assert.equal((await client.list()).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    const r = await client.request("GET", "/api/v1/providers", { token });
    grpcError(assert, r, 401, 16);
    assert.match(r.json.message, /expired/);
  });

  test("POST /_emulator/expire-tokens invalidates every issued token", async () => {
    const emu2 = await startEmulator({ quiet: true });
    try {
      const c = new Client(emu2.url);
      const t1 = await c.token();
      const t2 = await c.token();
      const x = await c.control("POST", "/expire-tokens");
      assert.equal(x.status, 200);
      assert.equal(x.json.expired, 2);
      for (const t of [t1, t2]) grpcError(assert, await c.request("GET", "/api/v1/providers", { token: t }), 401, 16);
      await c.token();
      assert.equal((await c.list()).status, 200);
      assert.equal(emu2.expireTokens(), 1);
      grpcError(assert, await c.list(), 401, 16);
    } finally {
      await emu2.close();
    }
  });
});

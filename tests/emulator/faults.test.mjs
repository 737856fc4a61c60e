// POST /_emulator/faults: each kind, matching, counts, and that a faulted write changes nothing.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { startWithClient, payload, grpcError } from "./helpers.mjs";

let emu;
let client;
before(async () => ({ emu, client } = await startWithClient()));
after(() => emu.close());
beforeEach(() => emu.reset());

const fault = (spec) => client.control("POST", "/faults", spec);

/** Creates one connector and returns the state to compare against after a faulted write. */
async function seeded() {
  await client.create(payload("Seed"));
  await client.control("POST", "/connections", { identifier: "seed" });
  return emu.state();
}
const stateWithoutFaults = () => { const s = emu.state(); delete s.faults; delete s.active_tokens; return s; };
const sameState = (before) => {
  const { faults: _f, active_tokens: _t, ...rest } = before;
  assert.deepEqual(stateWithoutFaults(), rest);
};

describe("fault kinds", () => {
  test("latency: delays, then answers normally (the write happens)", async () => {
    const q = await fault({ kind: "latency", ms: 300 });
    assert.equal(q.status, 201);
    assert.equal(q.json.faults[0].kind, "latency");
    const t0 = Date.now();
    const r = await client.create(payload("Slow"));
    assert.ok(Date.now() - t0 >= 280, `took ${Date.now() - t0} ms`);
    assert.equal(r.status, 201);
    assert.equal(emu.state().providers.length, 1);
    const t1 = Date.now();
    await client.list();
    assert.ok(Date.now() - t1 < 250, "count 1: only one request is delayed");
  });

  for (const [status, code] of [[500, 13], [503, 14], [403, 7], [409, 6], [404, 5], [502, 2], [418, 3]]) {
    test(`status ${status}: gRPC code ${code}, the create does not happen`, async () => {
      const before = await seeded();
      await fault({ kind: "status", status });
      const r = await client.create(payload("Faulted"));
      grpcError(assert, r, status, code);
      sameState(before);
    });
  }

  test("status with a message, on update: stored connector unchanged", async () => {
    const before = await seeded();
    await fault({ kind: "status", status: 500, message: "database on fire", method: "PUT" });
    const r = await client.update("seed", payload("Seed", { description: "changed" }));
    grpcError(assert, r, 500, 13);
    assert.equal(r.json.message, "database on fire");
    sameState(before);
  });

  test("rate-limit: 429 with Retry-After, code 8; the delete does not happen", async () => {
    const before = await seeded();
    await client.control("DELETE", "/connections/seed");
    const mid = emu.state();
    await fault({ kind: "rate-limit", retryAfter: 7 });
    const r = await client.remove("seed");
    grpcError(assert, r, 429, 8);
    assert.equal(r.headers.get("retry-after"), "7");
    sameState(mid);
    assert.equal(before.providers.length, 1);
  });

  test("rate-limit: Retry-After defaults to 1", async () => {
    await fault({ kind: "rate-limit" });
    const r = await client.list();
    assert.equal(r.status, 429);
    assert.equal(r.headers.get("retry-after"), "1");
  });

  test("malformed: 200 with a body that is not JSON; the create does not happen", async () => {
    const before = await seeded();
    await fault({ kind: "malformed" });
    const r = await client.create(payload("Malformed"));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/json");
    assert.throws(() => JSON.parse(r.text));
    sameState(before);
  });

  test("malformed with a chosen body", async () => {
    await fault({ kind: "malformed", body: "<html>oops</html>" });
    const r = await client.list();
    assert.equal(r.text, "<html>oops</html>");
  });

  test("drop: the socket closes without an answer; the update does not happen", async () => {
    const before = await seeded();
    await fault({ kind: "drop", method: "PUT" });
    await assert.rejects(client.update("seed", payload("Seed", { description: "dropped" })), TypeError);
    sameState(before);
    const after = await client.update("seed", payload("Seed", { description: "second try" }));
    assert.equal(after.status, 200);
  });

  test("faults on the token endpoint", async () => {
    await fault({ kind: "status", status: 503, path: "/oauth/token" });
    await assert.rejects(client.token(), /503/);
    assert.ok(await client.token());
  });
});

describe("matching and counts", () => {
  test("count hits that many matching requests, then requests pass", async () => {
    await fault({ kind: "status", status: 503, count: 2 });
    assert.equal((await client.list()).status, 503);
    assert.equal((await client.list()).status, 503);
    assert.equal((await client.list()).status, 200);
  });

  test("method and path prefix both have to match", async () => {
    await client.create(payload("Target"));
    await fault({ kind: "status", status: 500, method: "delete", path: "/api/v1/custom-providers/" });
    assert.equal((await client.list()).status, 200);
    assert.equal((await client.create(payload("Other"))).status, 201);
    assert.equal((await client.update("target", payload("Target"))).status, 200);
    assert.equal((await client.remove("target")).status, 500);
    assert.equal((await client.remove("target")).status, 200);
  });

  test("the first queued matching fault wins; one fault per request", async () => {
    await fault([{ kind: "status", status: 500, path: "/api/v1/providers" }, { kind: "status", status: 503 }]);
    assert.equal((await client.list()).status, 500);
    assert.equal((await client.list()).status, 503);
    assert.equal((await client.list()).status, 200);
  });

  test("control endpoints and CORS preflights are never faulted by default", async () => {
    await fault({ kind: "drop" });
    assert.equal((await client.control("GET", "/state")).status, 200);
    const pre = await fetch(`${client.url}/api/v1/providers`, { method: "OPTIONS" });
    assert.equal(pre.status, 204);
    assert.equal(emu.state().faults.length, 1);
    await assert.rejects(client.list());
  });

  test("a fault naming OPTIONS hits preflights", async () => {
    await fault({ kind: "status", status: 500, method: "OPTIONS" });
    const pre = await fetch(`${client.url}/api/v1/providers`, { method: "OPTIONS" });
    assert.equal(pre.status, 500);
  });

  test("GET lists pending faults; DELETE clears them", async () => {
    await fault({ kind: "latency", ms: 5, count: 3, path: "/x" });
    const l = await client.control("GET", "/faults");
    assert.equal(l.status, 200);
    assert.equal(l.json.faults.length, 1);
    assert.equal(l.json.faults[0].count, 3);
    assert.match(l.json.faults[0].id, /^flt_/);
    const d = await client.control("DELETE", "/faults");
    assert.deepEqual(d.json, { cleared: 1 });
    assert.deepEqual((await client.control("GET", "/faults")).json.faults, []);
  });

  test("library: addFaults / clearFaults", async () => {
    emu.addFaults({ kind: "status", status: 503 });
    assert.equal((await client.list()).status, 503);
    emu.addFaults({ kind: "status", status: 503 });
    assert.equal(emu.clearFaults(), 1);
    assert.equal((await client.list()).status, 200);
  });
});

describe("bad fault specs → 400 and nothing queued", () => {
  for (const [what, spec, field] of [
    ["unknown kind", { kind: "explode" }, "kind"],
    ["status out of range", { kind: "status", status: 200 }, "status"],
    ["status missing", { kind: "status" }, "status"],
    ["latency without ms", { kind: "latency" }, "ms"],
    ["count 0", { kind: "drop", count: 0 }, "count"],
    ["path without /", { kind: "drop", path: "api" }, "path"],
    ["a key the kind does not take", { kind: "drop", retryAfter: 3 }, "retryAfter"],
    ["a misspelled key", { kind: "rate-limit", retry_after: 3 }, "retry_after"],
  ]) {
    test(what, async () => {
      const fv = grpcError(assert, await fault(spec), 400, 3);
      assert.equal(fv[0].field, field);
      assert.deepEqual(emu.state().faults, []);
    });
  }

  test("an array is all or nothing", async () => {
    const fv = grpcError(assert, await fault([{ kind: "drop" }, { kind: "nope" }]), 400, 3);
    assert.equal(fv[0].field, "[1].kind");
    assert.deepEqual(emu.state().faults, []);
  });

  test("malformed JSON", async () => {
    grpcError(assert, await fault("{"), 400, 3);
  });
});

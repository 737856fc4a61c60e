// /_emulator/ control endpoints: connections, state, reset (faults and tokens have their own files).
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { startWithClient, payload, grpcError } from "./helpers.mjs";

let emu;
let client;
before(async () => ({ emu, client } = await startWithClient()));
after(() => emu.close());
beforeEach(() => emu.reset());

describe("connections", () => {
  test("a connector with connections cannot be deleted until they are removed", async () => {
    await client.create(payload("Connected"));
    const a = await client.control("POST", "/connections", { identifier: "connected" });
    assert.equal(a.status, 201);
    assert.deepEqual(a.json, { identifier: "connected", connections: 1 });
    const b = await client.control("POST", "/connections", { identifier: "connected" });
    assert.deepEqual(b.json, { identifier: "connected", connections: 2 });
    assert.deepEqual(emu.state().connections, { connected: 2 });

    const refused = await client.remove("connected");
    grpcError(assert, refused, 400, 9);
    assert.equal(refused.json.message, "cannot delete custom provider with existing connections");
    assert.equal(refused.json.details[0].error_code, "FAILED_PRECONDITION");
    assert.equal(emu.state().providers.length, 1);

    const cleared = await client.control("DELETE", "/connections/connected");
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.json, { identifier: "connected", connections: 0 });
    assert.deepEqual(emu.state().connections, {});
    assert.equal((await client.remove("connected")).status, 200);
  });

  test("count attaches several at once; updates are still allowed", async () => {
    await client.create(payload("Many Conns"));
    const r = await client.control("POST", "/connections", { identifier: "many_conns", count: 3 });
    assert.equal(r.json.connections, 3);
    assert.equal((await client.update("many_conns", payload("Many Conns", { description: "x" }))).status, 200);
  });

  test("URL-encoded identifier in DELETE /_emulator/connections/{identifier}", async () => {
    await client.create(payload("Enc Conn"));
    await client.control("POST", "/connections", { identifier: "enc_conn" });
    assert.equal((await client.control("DELETE", "/connections/enc%5Fconn")).status, 200);
  });

  test("unknown identifier → 404; missing identifier or bad count → 400", async () => {
    grpcError(assert, await client.control("POST", "/connections", { identifier: "ghost" }), 404, 5);
    grpcError(assert, await client.control("DELETE", "/connections/ghost"), 404, 5);
    const fv = grpcError(assert, await client.control("POST", "/connections", {}), 400, 3);
    assert.equal(fv[0].field, "identifier");
    await client.create(payload("Counted"));
    const fv2 = grpcError(assert, await client.control("POST", "/connections", { identifier: "counted", count: 0 }), 400, 3);
    assert.equal(fv2[0].field, "count");
    grpcError(assert, await client.control("POST", "/connections", "not json"), 400, 3);
  });

  test("the library API does the same", async () => {
    await client.create(payload("Lib Conn"));
    assert.equal(emu.addConnections("lib_conn"), 1);
    assert.equal(emu.addConnections("lib_conn", 2), 3);
    grpcError(assert, await client.remove("lib_conn"), 400, 9);
    assert.equal(emu.clearConnections("lib_conn"), 0);
    assert.throws(() => emu.addConnections("ghost"), (e) => e.status === 404);
  });
});

describe("state and reset", () => {
  test("GET /_emulator/state: stored connectors, connection counts, faults, active tokens", async () => {
    const created = (await client.create(payload("Stateful"))).json.provider;
    await client.control("POST", "/connections", { identifier: "stateful" });
    await client.control("POST", "/faults", { kind: "status", status: 503, path: "/never" });
    const r = await client.control("GET", "/state");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.providers, [created]);
    assert.deepEqual(r.json.connections, { stateful: 1 });
    assert.equal(r.json.faults.length, 1);
    assert.equal(r.json.active_tokens, 1);
    assert.deepEqual(emu.state(), r.json);
  });

  test("state() is a copy", async () => {
    await client.create(payload("Copy Me"));
    const s = emu.state();
    s.providers[0].display_name = "tampered";
    assert.equal(emu.state().providers[0].display_name, "Copy Me");
  });

  test("POST /_emulator/reset clears connectors, connections and faults; tokens stay valid", async () => {
    await client.create(payload("Reset Me"));
    await client.control("POST", "/connections", { identifier: "reset_me" });
    await client.control("POST", "/faults", { kind: "status", status: 500, path: "/never" });
    const r = await client.control("POST", "/reset");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {});
    const s = emu.state();
    assert.deepEqual([s.providers, s.connections, s.faults], [[], {}, []]);
    assert.equal((await client.list()).status, 200);
    assert.ok((await client.list("filter.provider_type=DEFAULT")).json.total_size > 0, "built-ins survive a reset");
  });

  test("control endpoints need no token, and answer 405 to other methods", async () => {
    for (const [method, path] of [["GET", "/reset"], ["GET", "/expire-tokens"], ["POST", "/state"], ["GET", "/connections"], ["PUT", "/faults"]]) {
      grpcError(assert, await client.control(method, path), 405, 12);
    }
  });
});

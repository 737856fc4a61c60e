// ManagementClient (the Rust client in the manager module, over fetch) in Node against the
// emulator under every fault kind. Each call ends with a success or a clear ConnectorError —
// never a hang — and the emulator's state afterwards shows nothing half-applied: a write that
// failed clearly changed nothing, an `outcome-unknown` write is found out from the state.
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { clientOf, emulator, isClear, payload, settle, stored, until } from "./helpers.mjs";

let emu;
let client;
before(async () => { emu = await emulator(); });
after(async () => { await emu?.close(); });
beforeEach(() => {
  emu.reset();
  client = clientOf(emu);
});
afterEach(() => {
  assert.deepEqual(emu.state().faults, [], "every fault the test queued was taken");
});

const LIST = { method: "GET", path: "/api/v1/providers" };
const CREATE = { method: "POST", path: "/api/v1/custom-providers" };
const UPDATE = { method: "PUT", path: "/api/v1/custom-providers/" };
const DELETE = { method: "DELETE", path: "/api/v1/custom-providers/" };
const TOKEN = { method: "POST", path: "/oauth/token" };

/** Two connectors to update and delete; returns the state before any fault. */
async function seed() {
  await client.create(payload("Keep Me"));
  await client.create(payload("Drop Me"));
  return stored(emu);
}

test("latency beyond the timeout on a GET: retried with backoff, then a clear timeout", async () => {
  emu.addFaults({ kind: "latency", ms: 1500, ...LIST, count: 4 });
  const r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "timeout"), r.error?.message);
  assert.match(r.error.message, /^GET \/api\/v1\/providers got no answer within 400 ms \(4 attempts\)$/);
  assert.match(r.error.hint, /slow or unreachable/);
  // 4 × 400 ms + backoff 250 + 500 + 1000 ms
  assert.ok(r.ms >= 3300 && r.ms < 6000, `${r.ms} ms`);
  assert.deepEqual((await settle(client.list(), "list")).value, [], "the next list works");
});

test("latency beyond the timeout once on a GET: the retry succeeds", async () => {
  await seed();
  emu.addFaults({ kind: "latency", ms: 1000, ...LIST });
  const r = await settle(client.list(), "list");
  assert.deepEqual(r.value.map((c) => c.display_name), ["Keep Me", "Drop Me"]);
  assert.ok(r.ms >= 400 + 250, `${r.ms} ms`);
});

test("latency beyond the timeout on writes: outcome-unknown, and the state shows each happened", async () => {
  const before = await seed();
  emu.addFaults([{ kind: "latency", ms: 700, ...CREATE }, { kind: "latency", ms: 700, ...UPDATE }, { kind: "latency", ms: 700, ...DELETE }]);

  let r = await settle(client.create(payload("Slow One")), "create");
  assert.ok(isClear(r.error, "outcome-unknown"), r.error?.message);
  assert.equal(r.error.message, "It is not known whether the creation of `Slow One` happened: no answer came within 400 ms");
  assert.match(r.error.hint, /check before retrying; do not retry blindly/);
  assert.ok(r.ms < 1500, `not retried: ${r.ms} ms`);
  await until(() => "Slow One" in stored(emu), "the slow create to land");
  r = await settle(client.create(payload("Slow One")), "create again");
  assert.ok(isClear(r.error, "already-exists"), "a blind retry is refused, clearly");
  assert.equal((await client.findByName("Slow One")).identifier, "slow_one");

  r = await settle(client.update("keep_me", payload("Keep Me", { description: "changed" })), "update");
  assert.ok(isClear(r.error, "outcome-unknown"), r.error?.message);
  assert.match(r.error.message, /^It is not known whether the update of `keep_me` happened/);
  await until(() => stored(emu)["Keep Me"] === "changed", "the slow update to land");

  r = await settle(client.delete("drop_me"), "delete");
  assert.ok(isClear(r.error, "outcome-unknown"), r.error?.message);
  await until(() => !("Drop Me" in stored(emu)), "the slow delete to land");
  assert.deepEqual(stored(emu), { "Keep Me": "changed", "Slow One": "load test" });
  assert.equal(Object.keys(before).length, 2);
});

test("5xx on GETs: 502, 503 and 504 are retried and succeed; a 500 is a clear error", async () => {
  const before = await seed();
  for (const status of [502, 503, 504]) {
    emu.addFaults({ kind: "status", status, ...LIST, count: 2 });
    const r = await settle(client.get("keep_me"), "get");
    assert.equal(r.value?.display_name, "Keep Me", `${status}: ${r.error?.message}`);
  }
  emu.addFaults({ kind: "status", status: 500, ...LIST });
  const r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "server-error"), r.error?.message);
  assert.equal(r.error.status, 500);
  assert.deepEqual(stored(emu), before);
});

test("5xx on writes: a clear error saying to check, and nothing written", async () => {
  const before = await seed();
  const writes = [
    [500, CREATE, () => client.create(payload("Never Made"))],
    [503, UPDATE, () => client.update("keep_me", payload("Keep Me", { description: "changed" }))],
    [502, DELETE, () => client.delete("drop_me")],
  ];
  for (const [status, where, write] of writes) {
    emu.addFaults({ kind: "status", status, ...where });
    const r = await settle(write(), `${where.method} ${status}`);
    assert.ok(isClear(r.error, "server-error"), r.error?.message);
    assert.equal(r.error.status, status);
    assert.match(r.error.hint, /may or may not have been made: list\(\) to check before retrying/);
    assert.deepEqual(stored(emu), before, `${where.method} ${status} changed nothing`);
  }
});

test("429 bursts: Retry-After honoured on reads, bounded, and a write is refused at once", async () => {
  await seed();
  emu.addFaults({ kind: "rate-limit", retryAfter: 1, ...LIST, count: 2 });
  let r = await settle(client.list(), "list");
  assert.equal(r.value?.length, 2);
  assert.ok(r.ms >= 2000 && r.ms < 4000, `waited Retry-After twice: ${r.ms} ms`);

  emu.addFaults({ kind: "rate-limit", retryAfter: 1, ...LIST, count: 10 });
  r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "rate-limited"), r.error?.message);
  assert.equal(r.error.status, 429);
  assert.match(r.error.hint, /rate limited after retrying/);
  assert.ok(r.ms >= 3000 && r.ms < 5000, `3 retries, 1 s apart: ${r.ms} ms`);
  assert.equal(emu.state().faults[0]?.count, 6, "4 attempts took 4 of the 10");
  emu.clearFaults();

  emu.addFaults({ kind: "rate-limit", retryAfter: 3600, ...LIST });
  r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "rate-limited"), r.error?.message);
  assert.match(r.error.hint, /asked to wait 3600 s/);
  assert.ok(r.ms < 1000, `a Retry-After beyond the cap is not waited: ${r.ms} ms`);

  const before = stored(emu);
  emu.addFaults({ kind: "rate-limit", retryAfter: 1, ...CREATE });
  r = await settle(client.create(payload("Too Fast")), "create");
  assert.ok(isClear(r.error, "rate-limited"), r.error?.message);
  assert.match(r.error.hint, /refused the request before running it/);
  assert.deepEqual(stored(emu), before);

  emu.addFaults({ kind: "rate-limit", retryAfter: 1, ...TOKEN });
  r = await settle(clientOf(emu).list(), "list with a rate-limited token request");
  assert.equal(r.value?.length, 2, r.error?.message);
});

test("malformed bodies: bad-response on reads, writes and the token request; nothing half-applied", async () => {
  const before = await seed();
  emu.addFaults({ kind: "malformed", ...LIST });
  let r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "bad-response"), r.error?.message);
  assert.match(r.error.message, /^The answer to GET \/api\/v1\/providers was not the JSON expected/);
  assert.equal(r.error.status, 200);

  for (const [where, write] of [[CREATE, () => client.create(payload("Garbled"))], [UPDATE, () => client.update("keep_me", payload("Keep Me", { description: "x" }))], [DELETE, () => client.delete("drop_me")]]) {
    emu.addFaults({ kind: "malformed", ...where });
    r = await settle(write(), `${where.method} malformed`);
    assert.ok(isClear(r.error, "bad-response"), r.error?.message);
    assert.match(r.error.hint, /probably made: list\(\) to check/);
    assert.deepEqual(stored(emu), before, `${where.method}: the emulator did not apply a faulted request`);
  }

  emu.addFaults({ kind: "malformed", body: '{"access_token": ', ...TOKEN });
  const fresh = clientOf(emu);
  r = await settle(fresh.list(), "list with a garbled token answer");
  assert.ok(isClear(r.error, "bad-response"), r.error?.message);
  assert.match(r.error.message, /POST \/oauth\/token/);
  assert.equal((await settle(fresh.list(), "list")).value?.length, 2, "the next call fetches a token again");
});

test("dropped connections: reads retried, writes outcome-unknown, nothing half-applied", async () => {
  const before = await seed();
  emu.addFaults({ kind: "drop", ...LIST, count: 2 });
  let r = await settle(client.list(), "list");
  assert.equal(r.value?.length, 2, r.error?.message);

  emu.addFaults({ kind: "drop", ...LIST, count: 4 });
  r = await settle(client.list(), "list");
  assert.ok(isClear(r.error, "network"), r.error?.message);
  assert.match(r.error.message, /\(4 attempts\)$/);

  for (const [where, write, what] of [
    [CREATE, () => client.create(payload("Lost")), "the creation of `Lost`"],
    [UPDATE, () => client.update("keep_me", payload("Keep Me", { description: "x" })), "the update of `keep_me`"],
    [DELETE, () => client.delete("drop_me"), "the deletion of `drop_me`"],
  ]) {
    emu.addFaults({ kind: "drop", ...where });
    r = await settle(write(), `${where.method} dropped`);
    assert.ok(isClear(r.error, "outcome-unknown"), r.error?.message);
    assert.ok(r.error.message.startsWith(`It is not known whether ${what} happened: the connection failed`), r.error.message);
    assert.deepEqual(stored(emu), before, `${where.method}: a dropped request changed nothing`);
  }
});

test("token expiry mid-flow: one refresh, shared by concurrent calls; a second refusal is final", async () => {
  await seed();
  assert.ok(emu.expireTokens() >= 1);
  let r = await settle(client.create(payload("After Expiry")), "create");
  assert.equal(r.value?.identifier, "after_expiry", r.error?.message);
  assert.equal(emu.state().active_tokens, 1, "one new token");

  emu.expireTokens();
  const many = await Promise.all(Array.from({ length: 25 }, (_, i) => settle(i % 2 ? client.get("keep_me") : client.list(), `call ${i}`)));
  assert.deepEqual(many.filter((x) => x.error).map((x) => x.error.message), []);
  assert.equal(emu.state().active_tokens, 1, "25 calls refused at once fetched one token");

  emu.expireTokens();
  emu.addFaults({ kind: "status", status: 401, ...CREATE, count: 2 });
  const before = stored(emu);
  r = await settle(client.create(payload("Refused Twice")), "create");
  assert.ok(isClear(r.error, "unauthenticated"), r.error?.message);
  assert.match(r.error.hint, /freshly fetched token was refused too/);
  assert.deepEqual(stored(emu), before);

  emu.expireTokens();
  emu.addFaults({ kind: "status", status: 503, ...TOKEN, count: 4 });
  r = await settle(client.list(), "list while the token endpoint is down");
  assert.ok(isClear(r.error, "server-error"), r.error?.message);
  assert.equal(r.error.status, 503);
  assert.ok(r.ms >= 1750, `the token request is retried like a read: ${r.ms} ms`);
  assert.equal((await settle(client.list(), "list")).value?.length, 3, "works once the token endpoint is back");

  const tokenOnly = clientOf(emu, { clientId: undefined, clientSecret: undefined, accessToken: (await fetchToken()) });
  assert.equal((await settle(tokenOnly.list(), "list")).value?.length, 3);
  emu.expireTokens();
  r = await settle(tokenOnly.list(), "list with an expired access token");
  assert.ok(isClear(r.error, "unauthenticated"), r.error?.message);
  assert.match(r.error.hint, /access token was refused: it may have expired/);
});

async function fetchToken() {
  const { CLIENT_ID, CLIENT_SECRET } = await import("./helpers.mjs");
  const res = await fetch(`${emu.url}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
  });
  return (await res.json()).access_token;
}

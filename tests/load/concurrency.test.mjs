// 200 operations at once — creates, lists, gets, updates and deletes, each on its own
// connector — on one ManagementClient and spread over five, with faults queued on the emulator
// and every token expired midway. Every promise settles; the failures are exactly the ones the
// faults make, each a clear error; and the emulator ends holding exactly what the successes (and
// the writes the server finished after the client gave up on them) say it should.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ConnectorError } from "connector-kit";
import { clientOf, emulator, payload, settle, stored, until } from "./helpers.mjs";

let emu;
before(async () => { emu = await emulator(); });
after(async () => { await emu?.close(); });

const N = 40; // of each kind: 40 creates, lists, gets, updates and deletes
const TIMEOUT_MS = 3000; // generous: 200 requests at once on a busy CI machine must not time out
const FAULTS = [
  { kind: "status", status: 503, method: "POST", path: "/api/v1/custom-providers", count: 4 },
  { kind: "rate-limit", retryAfter: 1, method: "POST", path: "/api/v1/custom-providers", count: 2 },
  { kind: "drop", method: "PUT", count: 3 },
  { kind: "latency", ms: TIMEOUT_MS + 1500, method: "DELETE", count: 3 },
  { kind: "status", status: 500, method: "DELETE", count: 2 },
  { kind: "rate-limit", retryAfter: 1, method: "GET", count: 3 },
  { kind: "status", status: 502, method: "GET", count: 3 },
  { kind: "drop", method: "GET", count: 2 },
  { kind: "malformed", method: "GET", count: 2 },
];

/** A deterministic shuffle (so a failure can be replayed). */
function shuffled(items, seed) {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function loadRun(clientCount) {
  emu.reset();
  const seeder = clientOf(emu, { timeoutMs: 10_000 });
  const seeds = [];
  for (const kind of ["Get", "Upd", "Del"]) for (let i = 1; i <= N; i++) seeds.push(payload(`${kind} ${i}`, { description: "seed" }));
  for (let i = 0; i < seeds.length; i += 20) await Promise.all(seeds.slice(i, i + 20).map((p) => seeder.create(p)));
  const seeded = stored(emu);
  assert.equal(Object.keys(seeded).length, 3 * N);

  const clients = Array.from({ length: clientCount }, () => clientOf(emu, { timeoutMs: TIMEOUT_MS }));
  await Promise.all(clients.map((c) => c.list())); // each holds a token before the faults
  const ops = [];
  for (let i = 1; i <= N; i++) {
    ops.push({ kind: "create", name: `New ${i}` });
    ops.push({ kind: "list" });
    ops.push({ kind: "get", name: `Get ${i}`, id: `get_${i}` });
    ops.push({ kind: "update", name: `Upd ${i}`, id: `upd_${i}` });
    ops.push({ kind: "delete", name: `Del ${i}`, id: `del_${i}` });
  }
  emu.addFaults(FAULTS);
  let settled = 0;
  let expiredAt = null;
  const start = Date.now();
  const results = await Promise.all(shuffled(ops, 7 + clientCount).map((op, i) => {
    const client = clients[i % clients.length];
    const call = {
      create: () => client.create(payload(op.name)),
      list: () => client.list(),
      get: () => client.get(op.id),
      update: () => client.update(op.id, payload(op.name, { description: "updated" })),
      delete: () => client.delete(op.id),
    }[op.kind]();
    return settle(call, `${op.kind} ${op.name ?? ""}`, 60_000).then((r) => {
      settled += 1;
      if (settled === 60) expiredAt = emu.expireTokens(); // token expiry mid-flow
      return { ...op, ...r };
    });
  }));
  const elapsed = Date.now() - start;
  assert.ok(expiredAt >= 1, "tokens were expired while calls were in flight");

  // Every failure is a clear error of the kind its fault makes, exactly as many as the faults.
  const failed = results.filter((r) => r.error);
  for (const r of failed) {
    assert.ok(r.error instanceof ConnectorError && typeof r.error.code === "string" && r.error.message.length > 10,
      `${r.kind} ${r.name}: not a clear error: ${r.error?.stack ?? r.error}`);
  }
  const tally = {};
  for (const r of failed) {
    const how = r.error.code === "outcome-unknown" ? (/no answer came/.test(r.error.message) ? "timeout" : "dropped") : r.error.code;
    tally[`${r.kind} ${how}`] = (tally[`${r.kind} ${how}`] ?? 0) + 1;
  }
  // A busy machine may make more requests time out than the latency faults do; those are
  // `outcome-unknown` (or, for reads, `timeout`) too and are checked against the state below.
  const extra = Object.entries(tally).filter(([k]) => / timeout$/.test(k)).reduce((n, [, v]) => n + v, 0) - 3;
  const exact = { "create server-error": 4, "create rate-limited": 2, "update dropped": 3, "delete server-error": 2 };
  for (const [k, v] of Object.entries(exact)) assert.equal(tally[k], v, `${k} in ${JSON.stringify(tally)}`);
  assert.ok(tally["delete timeout"] >= 3, `the three slow deletes timed out: ${JSON.stringify(tally)}`);
  const badResponses = Object.entries(tally).filter(([k]) => k.endsWith("bad-response")).reduce((n, [, v]) => n + v, 0);
  assert.equal(badResponses, 2, `two reads got a malformed answer: ${JSON.stringify(tally)}`);
  assert.equal(failed.length, 16 + extra, JSON.stringify(tally));
  assert.deepEqual(emu.state().faults, [], "every fault was taken");

  // The reads that succeeded are right.
  for (const r of results.filter((x) => x.kind === "get" && x.value)) assert.equal(r.value.display_name, r.name);
  for (const r of results.filter((x) => x.kind === "list" && x.value)) {
    const names = new Set(r.value.map((c) => c.display_name));
    for (let i = 1; i <= N; i++) assert.ok(names.has(`Get ${i}`), "a list holds every connector nobody touched");
  }

  // A write whose answer was lost is found out from the state, as its error says to do: a dropped
  // one never ran; a slow one ran after the client gave up, unless the server then refused it
  // (its token expired meanwhile). Everything else is exactly what the successes say.
  const latest = Math.max(...FAULTS.filter((f) => f.kind === "latency").map((f) => f.ms));
  await until(() => Date.now() - start > latest + 500, "the slow requests to end on the server", latest + 5_000);
  const final = stored(emu);
  const expected = { ...seeded };
  let ranAnyway = 0;
  for (const r of results) {
    let applied = !r.error;
    if (r.error?.code === "outcome-unknown") {
      if (/the connection failed/.test(r.error.message)) {
        assert.equal(final[r.name], r.kind === "create" ? undefined : "seed", `${r.kind} ${r.name}: a dropped write did not run`);
      } else {
        applied = r.kind === "delete" ? !(r.name in final) : final[r.name] === (r.kind === "create" ? "load test" : "updated");
        ranAnyway += applied ? 1 : 0;
      }
    }
    if (!applied) continue;
    if (r.kind === "create") expected[r.name] = "load test";
    if (r.kind === "update") expected[r.name] = "updated";
    if (r.kind === "delete") delete expected[r.name];
  }
  assert.deepEqual(final, expected, "the emulator holds exactly what succeeded, nothing half-applied");

  // Nothing is stuck: every client still works, each with one fresh token.
  for (const c of clients) assert.equal((await settle(c.list(), "a list after the run", 10_000)).value?.length, Object.keys(expected).length);
  assert.equal(emu.state().active_tokens, clients.length, "one token per client after the expiry");
  return { elapsed, failed: failed.length, ranAnyway, extra };
}

test("200 concurrent operations on one client, with faults and a token expiry", async (t) => {
  const { elapsed, failed, ranAnyway, extra } = await loadRun(1);
  t.diagnostic(`200 operations in ${elapsed} ms; ${failed} failed (${extra} timeouts beyond the faults'); ${ranAnyway} timed-out writes ran anyway`);
});

test("200 concurrent operations across five clients, with faults and a token expiry", async (t) => {
  const { elapsed, failed, ranAnyway, extra } = await loadRun(5);
  t.diagnostic(`200 operations in ${elapsed} ms; ${failed} failed (${extra} timeouts beyond the faults'); ${ranAnyway} timed-out writes ran anyway`);
});

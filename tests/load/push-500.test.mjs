// `connector-kit push --yes` of 500 connector files (400 new, 100 updates) against an emulator
// with faults queued: the run ends in reasonable time, its report lists every failure by file
// and every success, and the emulator holds exactly the successes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertNoSecret, envFor, payload, run, seeded, tempDir, writeFiles } from "../cli/helpers.mjs";

test("push --yes of 500 files with faults: every failure reported, every success kept", { timeout: 300_000 }, async (t) => {
  const existing = Array.from({ length: 100 }, (_, i) => payload(`Old ${i + 1}`, { description: "before" }));
  const emu = await seeded(t, ...existing);
  const dir = tempDir(t);
  const files = {};
  for (let i = 1; i <= 400; i++) files[`connectors/new-${String(i).padStart(3, "0")}.json`] = payload(`New ${i}`);
  for (let i = 1; i <= 100; i++) files[`connectors/old-${String(i).padStart(3, "0")}.json`] = payload(`Old ${i}`, { description: "after" });
  writeFiles(dir, files);
  emu.addFaults([
    { kind: "status", status: 503, method: "GET", path: "/api/v1/providers", count: 1 }, // the plan's list: retried
    { kind: "status", status: 503, method: "POST", path: "/api/v1/custom-providers", count: 3 },
    { kind: "rate-limit", retryAfter: 1, method: "POST", path: "/api/v1/custom-providers", count: 2 },
    { kind: "drop", method: "POST", path: "/api/v1/custom-providers", count: 2 },
    { kind: "malformed", method: "POST", path: "/api/v1/custom-providers", count: 1 },
    { kind: "status", status: 500, method: "PUT", count: 2 },
    { kind: "drop", method: "PUT", count: 1 },
    { kind: "latency", ms: 1500, method: "PUT", count: 3 }, // slow, within the 30 s timeout: succeeds
    { kind: "rate-limit", retryAfter: 1, method: "GET", path: "/api/v1/providers", count: 2 }, // an update's read: retried
  ]);

  const start = Date.now();
  const r = await run(["push", "connectors", "--yes"], { cwd: dir, env: envFor(emu) });
  const seconds = (Date.now() - start) / 1000;
  t.diagnostic(`push of 500 files took ${seconds.toFixed(1)} s`);
  assert.ok(seconds < 120, `${seconds} s`);
  assert.equal(r.code, 1, r.stderr.slice(-2000));
  assertNoSecret(assert, r);
  assert.deepEqual(emu.state().faults, [], "every fault was taken");

  // The report: one line per success, then "N failed:" and one entry per failed file.
  const successes = [...r.stdout.matchAll(/^(created|updated) "([^"]+)" \(\w+\) from connectors\/([\w-]+\.json)$/gm)]
    .map(([, action, name, file]) => ({ action, name, file }));
  const failures = [...r.stderr.matchAll(/^(?:\S+ )?connectors\/([\w-]+\.json): (create|update) "([^"]+)" failed: (.*)$/gm)]
    .map(([, file, action, name, why]) => ({ file, action, name, why }));
  assert.equal(failures.length, 11, r.stderr);
  assert.match(r.stderr, /^11 failed:$/m);
  assert.equal(successes.length + failures.length, 500, "every file is either a success or a listed failure");
  assert.equal(new Set([...successes, ...failures].map((x) => x.file)).size, 500);
  const count = (re) => failures.filter((f) => re.test(f.why)).length;
  assert.equal(count(/\(HTTP 503\)$/), 3);
  assert.equal(count(/rate limit exceeded \(HTTP 429\)$/), 2);
  assert.equal(count(/^It is not known whether the creation of `New \d+` happened: the connection failed/), 2);
  assert.equal(count(/^The answer to POST \/api\/v1\/custom-providers was not the JSON expected/), 1);
  assert.equal(count(/\(HTTP 500\)$/), 2);
  assert.equal(count(/^It is not known whether the update of `old_\d+` happened: the connection failed/), 1);
  // An uncertain write's hint says what to do in CLI terms (not the client's `list()`).
  assert.doesNotMatch(r.stderr, /list\(\)/);
  assert.equal((r.stderr.match(/hint: the change may or may not have been made: run the same push again/g) ?? []).length, 3 + 2 + 2 + 1);
  assert.equal((r.stderr.match(/hint: the change was probably made: run the same push again/g) ?? []).length, 1);

  // The emulator holds exactly the successes (faulted requests never run on the emulator).
  const state = Object.fromEntries(emu.state().providers.map((p) => [p.display_name, p.description]));
  const expected = Object.fromEntries(existing.map((p) => [p.display_name, "before"]));
  for (const s of successes) expected[s.name] = s.action === "created" ? "test connector" : "after";
  assert.deepEqual(state, expected);
  assert.equal(successes.filter((s) => s.action === "created").length, 400 - 8);
  assert.equal(successes.filter((s) => s.action === "updated").length, 100 - 3);

  // As the hint says, the same push again finishes the job and does nothing twice.
  const again = await run(["push", "connectors", "--yes"], { cwd: dir, env: envFor(emu) });
  assert.equal(again.code, 0, again.stderr.slice(-2000));
  assert.equal((again.stdout.match(/^created /gm) ?? []).length, 8);
  assert.equal((again.stdout.match(/^updated /gm) ?? []).length, 3);
  assert.equal((again.stdout.match(/: unchanged /g) ?? []).length, 489);
  const after = Object.fromEntries(emu.state().providers.map((p) => [p.display_name, p.description]));
  assert.equal(Object.keys(after).length, 500);
  assert.ok(Object.entries(after).every(([name, d]) => d === (name.startsWith("Old") ? "after" : "test connector")));
});

// A bulk push: ~50 files, one invalid, one failing on the server. Every failure is reported at
// the end and every success stands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertNoSecret, emulator, envFor, payload, run, tempDir, writeFiles } from "./helpers.mjs";

test("push of 50 files: one invalid, one refused by the server (fault), 48 created; exit 1", async (t) => {
  const emu = await emulator(t);
  const dir = tempDir(t);
  const files = {};
  for (let i = 1; i <= 49; i++) files[`conn/c${String(i).padStart(2, "0")}.json`] = payload(`Connector ${i}`);
  files["conn/invalid.json"] = payload("Invalid One", { proxy_url: "http://plain.example.com" });
  writeFiles(dir, files);
  const fault = await fetch(`${emu.url}/_emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "status", status: 500, method: "POST", path: "/api/v1/custom-providers", count: 1 }),
  });
  assert.equal(fault.status, 201);

  const r = await run(["push", "conn", "--yes", "--concurrency", "4"], { cwd: dir, env: envFor(emu) });
  assert.equal(r.code, 1, r.stderr);
  assertNoSecret(assert, r);
  const created = r.stdout.match(/^created "Connector \d+" \(connector_\d+\) from conn\/c\d+\.json$/gm) ?? [];
  assert.equal(created.length, 48);
  assert.match(r.stderr, /^2 failed:$/m);
  assert.match(r.stderr, /invalid\.json is not valid \(1 error\); nothing was sent for it\n\s+\d+:\d+ url-not-https/);
  assert.match(r.stderr, /conn\/c\d\d\.json: create "Connector \d+" failed: .*\(HTTP 500\)/);
  assert.match(r.stderr, /hint: the change may or may not have been made/);
  assert.equal(emu.state().providers.length, 48);

  // The one that failed goes through on a second run; the 48 are unchanged.
  const again = await run(["push", "conn", "--yes"], { cwd: dir, env: envFor(emu) });
  assert.equal(again.code, 1);
  assert.equal((again.stdout.match(/^created /gm) ?? []).length, 1);
  assert.equal((again.stdout.match(/: unchanged /g) ?? []).length, 48);
  assert.match(again.stderr, /^1 failed:$/m);
  assert.equal(emu.state().providers.length, 49);
});

test("--concurrency must be 1..32", async (t) => {
  const emu = await emulator(t);
  for (const bad of ["0", "x", "33"]) {
    const r = await run(["push", "a.json", "--concurrency", bad], { env: envFor(emu) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--concurrency must be a whole number/);
  }
});

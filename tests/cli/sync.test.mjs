// connector-kit pull, diff, push against an in-process emulator.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { assertNoSecret, emulator, envFor, example, payload, run, seeded, tempDir, writeFiles } from "./helpers.mjs";

const customs = (emu) => emu.state().providers;

describe("pull", () => {
  test("writes each custom connector as <identifier>.json, payload only, pretty, trailing newline", async (t) => {
    const emu = await seeded(t, example("oauth-asana"), payload("Second One", { metadata: { team: "growth" } }));
    const dir = tempDir(t);
    const r = await run(["pull", "out"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(assert, r);
    assert.deepEqual(fs.readdirSync(path.join(dir, "out")).sort(), ["my_asana.json", "second_one.json"]);
    const text = fs.readFileSync(path.join(dir, "out", "my_asana.json"), "utf8");
    assert.equal(text, `${JSON.stringify(example("oauth-asana"), null, 2)}\n`);
    const second = JSON.parse(fs.readFileSync(path.join(dir, "out", "second_one.json"), "utf8"));
    assert.deepEqual(second, payload("Second One", { metadata: { team: "growth" } }));
    for (const key of ["id", "identifier", "is_custom", "is_custom_mcp", "categories", "icon_src"]) assert.ok(!(key in second), key);
    assert.match(r.stdout, /new\s+out\/my_asana\.json/);
    assert.match(r.stdout, /pulled 2 connectors from default .*: 2 new, 0 updated, 0 unchanged/);

    const again = await run(["pull", "out"], { cwd: dir, env: envFor(emu) });
    assert.match(again.stdout, /0 new, 0 updated, 2 unchanged/);
  });

  test("an empty environment, the default folder, a bad environment", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    const r = await run(["pull"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /pulled 0 connectors/);
    const none = await run(["pull"], { cwd: dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no environment configured/);
    const wrong = await run(["pull"], { cwd: dir, env: { ...envFor(emu), SCALEKIT_CLIENT_SECRET: "sks_wrong" } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /client authentication failed/);
  });
});

describe("diff", () => {
  test("create, unchanged, and an update with impacts and the five-field summary; exit 0 unless --exit-code", async (t) => {
    const emu = await seeded(t, example("oauth-asana"), payload("Same One"));
    const dir = tempDir(t);
    const asana = example("oauth-asana");
    asana.description = "Changed";
    asana.auth_patterns[0].oauth_config.available_scopes.push({ scope: "tasks:read", display_name: "Tasks", description: "Read tasks", required: false });
    writeFiles(dir, { "asana.json": asana, "same.json": payload("Same One"), "new.json": payload("Brand New") });
    const r = await run(["diff", "asana.json", "same.json", "new.json"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(assert, r);
    assert.match(r.stdout, /^asana\.json: update "My Asana" \(my_asana\)$/m);
    assert.match(r.stdout, /~ \/description: "Connect to Asana.*→ "Changed"/);
    assert.match(r.stdout, /\+ \/auth_patterns\/0\/oauth_config\/available_scopes\/2: \{"scope":"tasks:read"/);
    assert.match(r.stdout, /impact: a new scope: existing connected accounts must re-authorize/);
    for (const field of ["display_name: unchanged", "description: ", "auth_patterns: changed", "proxy_url: unchanged", "proxy_enabled: unchanged", "scopes added: tasks:read"]) {
      assert.ok(r.stdout.includes(field), field);
    }
    assert.match(r.stdout, /^same\.json: unchanged "Same One" \(same_one\)$/m);
    assert.match(r.stdout, /^new\.json: create "Brand New"$/m);
    assert.equal(customs(emu).length, 2, "diff writes nothing");

    assert.equal((await run(["diff", "asana.json", "--exit-code"], { cwd: dir, env: envFor(emu) })).code, 1);
    assert.equal((await run(["diff", "same.json", "--exit-code"], { cwd: dir, env: envFor(emu) })).code, 0);
  });

  test("--json; an invalid file is still diffed with a note; a missing one is exit 2", async (t) => {
    const emu = await seeded(t, payload("Same One"));
    const dir = tempDir(t);
    writeFiles(dir, { "same.json": payload("Same One", { description: "now" }), "bad.json": payload("Bad One", { proxy_enabled: false }) });
    const json = await run(["diff", "same.json", "--json"], { cwd: dir, env: envFor(emu) });
    const [entry] = JSON.parse(json.stdout);
    assert.equal(entry.action, "update");
    assert.equal(entry.identifier, "same_one");
    assert.deepEqual(entry.summary.changed, ["description"]);
    assert.equal(entry.valid, true);
    const bad = await run(["diff", "bad.json"], { cwd: dir, env: envFor(emu) });
    assert.equal(bad.code, 0);
    assert.match(bad.stdout, /note: 1 validation error: push would refuse this file/);
    const missing = await run(["diff", "same.json", "gone.json"], { cwd: dir, env: envFor(emu) });
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /same\.json: update/);
    assert.match(missing.stderr, /gone\.json: no such file or directory/);
  });
});

describe("push", () => {
  test("--dry-run shows the plan and writes nothing", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("Alpha One") });
    const r = await run(["push", "a.json", "--dry-run"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /a\.json: create "Alpha One"/);
    assert.match(r.stdout, /dry run: 1 change not sent/);
    assert.equal(customs(emu).length, 0);
  });

  test("without a TTY and without --yes it refuses, exit 2, nothing written", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("Alpha One") });
    const r = await run(["push", "a.json"], { cwd: dir, env: envFor(emu), input: "y\n" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to write 1 connector to default without --yes/);
    assert.equal(customs(emu).length, 0);
  });

  test("--yes creates, then updates by display_name, then has nothing to do", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("Alpha One"), "b.json": example("mcp-bearer-apify") });
    const created = await run(["push", "a.json", "b.json", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(created.code, 0, created.stderr);
    assertNoSecret(assert, created);
    assert.match(created.stdout, /^created "Alpha One" \(alpha_one\) from a\.json$/m);
    assert.equal(customs(emu).length, 2);

    writeFiles(dir, { "a.json": payload("Alpha One", { description: "second version" }) });
    const updated = await run(["push", "a.json", "b.json", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /a\.json: update "Alpha One" \(alpha_one\)/);
    assert.match(updated.stdout, /^updated "Alpha One" \(alpha_one\) from a\.json$/m);
    assert.match(updated.stdout, /b\.json: unchanged/);
    assert.equal(customs(emu).find((p) => p.identifier === "alpha_one").description, "second version");

    const idle = await run(["push", ".", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(idle.code, 0);
    assert.match(idle.stdout, /nothing to push/);
  });

  test("a pulled folder pushes back with nothing to change", async (t) => {
    const emu = await seeded(t, example("basic-freshdesk"), example("mcp-oauth-github"), payload("Meta One", { metadata: { team: "abc" }, icon_src: "https://x.example/i.svg" }));
    const dir = tempDir(t);
    assert.equal((await run(["pull", "conn"], { cwd: dir, env: envFor(emu) })).code, 0);
    const r = await run(["push", "conn", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((r.stdout.match(/: unchanged /g) ?? []).length, 3);
    assert.match(r.stdout, /nothing to push/);
  });

  test("an invalid file is refused before anything is sent; the others go through; exit 1", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "ok.json": payload("Okay One"), "bad.json": payload("Bad-Name"), "broken.json": "{" });
    const r = await run(["push", "ok.json", "bad.json", "broken.json", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /created "Okay One"/);
    assert.match(r.stderr, /2 failed:/);
    assert.match(r.stderr, /bad\.json is not valid \(1 error\); nothing was sent for it\n\s+2:19 display-name-charset/);
    assert.match(r.stderr, /broken\.json:1:2: Invalid JSON/);
    assert.deepEqual(customs(emu).map((p) => p.display_name), ["Okay One"]);
  });

  test("two files with one display_name: neither is pushed", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "one.json": payload("Twin"), "two.json": payload("Twin", { description: "other" }) });
    const r = await run(["push", ".", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /one\.json: display_name "Twin" is also in two\.json/);
    assert.equal(customs(emu).length, 0);
  });

  test("a type change is refused in the plan with its remedy", async (t) => {
    const emu = await seeded(t, payload("Typed One"));
    const dir = tempDir(t);
    const apiKey = payload("Typed One");
    apiKey.auth_patterns[0] = { ...apiKey.auth_patterns[0], type: "API_KEY", fields: [{ field_name: "api_key", label: "Key", input_type: "password", hint: "h" }] };
    writeFiles(dir, { "t.json": apiKey });
    const r = await run(["push", "t.json", "--yes"], { cwd: dir, env: envFor(emu) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /type cannot change/i);
    assert.equal(customs(emu)[0].auth_patterns[0].type, "BEARER");
  });

  test("--env picks one of several environments; an unknown one is exit 2", async (t) => {
    const dev = await emulator(t);
    const other = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("Alpha One") });
    const env = { ...envFor(dev, "dev"), ...envFor(other, "staging") };
    const ambiguous = await run(["push", "a.json", "--yes"], { cwd: dir, env });
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /choose one with --env/);
    const r = await run(["push", "a.json", "--yes", "--env", "staging"], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(customs(other).length, 1);
    assert.equal(customs(dev).length, 0);
    assert.equal((await run(["push", "a.json", "--env", "nope"], { cwd: dir, env })).code, 2);
  });
});

// connector-kit promote (two emulators: dev and prod) and delete.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { assertNoSecret, emulator, envFor, example, payload, run, seeded } from "./helpers.mjs";

const customs = (emu) => emu.state().providers;

async function devAndProd(t, devPayloads, prodPayloads) {
  const dev = await seeded(t, ...devPayloads);
  const prod = await seeded(t, ...prodPayloads);
  return { dev, prod, env: { ...envFor(dev, "dev"), ...envFor(prod, "prod") } };
}

describe("promote", () => {
  test("--dry-run: three columns (dev | prod now | proposed), the summary and the exact request; nothing sent", async (t) => {
    const newer = payload("Shared One", { description: "from dev" });
    const { prod, env } = await devAndProd(t, [newer, example("oauth-asana")], [payload("Shared One", { description: "in prod" })]);
    const r = await run(["promote", "--from", "dev", "--to", "prod", "Shared One", "my_asana", "--dry-run"], { env });
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(assert, r);
    assert.match(r.stdout, /^promote from dev \(.*\) to prod \[PRODUCTION\] \(.*\)$/m);
    assert.match(r.stdout, /^"Shared One": update$/m);
    assert.match(r.stdout, /^path\s+\| dev\s+\| prod now\s+\| proposed$/m);
    assert.match(r.stdout, /^\/description\s+\| "from dev"\s+\| "in prod"\s+\| "from dev"$/m);
    assert.match(r.stdout, /description: "in prod" → "from dev"/);
    assert.match(r.stdout, /request: PUT \/api\/v1\/custom-providers\/shared_one/);
    assert.match(r.stdout, /^"My Asana": create$/m);
    assert.match(r.stdout, /request: POST \/api\/v1\/custom-providers\n\s+\{\n\s+"display_name": "My Asana"/);
    assert.match(r.stdout, /dry run: 2 changes not sent/);
    assert.equal(customs(prod)[0].description, "in prod");
    assert.equal(customs(prod).length, 1);
  });

  test("Production needs --yes without a TTY; with it, creates and updates", async (t) => {
    const { prod, env } = await devAndProd(t, [payload("Shared One", { description: "from dev" }), example("oauth-asana")], [payload("Shared One")]);
    const refused = await run(["promote", "--from", "dev", "--to", "prod", "Shared One"], { env, input: "prod\n" });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to write 1 connector to prod without --yes/);
    assert.equal(customs(prod)[0].description, "test connector");

    const r = await run(["promote", "--from", "dev", "--to", "prod", "Shared One", "My Asana", "--yes"], { env });
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(assert, r);
    assert.match(r.stdout, /^updated "Shared One" \(shared_one\) in prod$/m);
    assert.match(r.stdout, /^created "My Asana" \(my_asana\) in prod$/m);
    assert.equal(customs(prod).find((p) => p.identifier === "shared_one").description, "from dev");

    const again = await run(["promote", "--from", "dev", "--to", "prod", "Shared One", "My Asana", "--yes"], { env });
    assert.match(again.stdout, /"Shared One": already the same/);
    assert.match(again.stdout, /nothing to promote/);
  });

  test("an unknown name is reported (with did-you-mean) and the others still go; exit 1", async (t) => {
    const { prod, env } = await devAndProd(t, [payload("Shared One")], []);
    const r = await run(["promote", "--from", "dev", "--to", "prod", "Shared Onee", "Shared One", "--yes"], { env });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /created "Shared One"/);
    assert.match(r.stderr, /Shared Onee: no connector with that display name or identifier in dev\n\s+hint: did you mean "Shared One"\?/);
    assert.equal(customs(prod).length, 1);
  });

  test("usage: --from/--to required and different", async (t) => {
    const { env } = await devAndProd(t, [], []);
    for (const args of [["promote", "X"], ["promote", "--from", "dev", "X"], ["promote", "--from", "dev", "--to", "dev", "X"], ["promote", "--from", "dev", "--to", "qa", "X"]]) {
      assert.equal((await run(args, { env })).code, 2, args.join(" "));
    }
  });
});

describe("delete", () => {
  test("--dry-run prints the request; no TTY and no --yes refuses; --yes deletes", async (t) => {
    const emu = await seeded(t, payload("Doomed One"));
    const dry = await run(["delete", "Doomed One", "--dry-run"], { env: envFor(emu) });
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /request: DELETE \/api\/v1\/custom-providers\/doomed_one/);
    const refused = await run(["delete", "Doomed One"], { env: envFor(emu), input: "Doomed One\n" });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to delete "Doomed One" from default without --yes/);
    assert.equal(customs(emu).length, 1);
    const r = await run(["delete", "doomed_one", "--yes"], { env: envFor(emu) });
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(assert, dry, refused, r);
    assert.match(r.stdout, /deleted "Doomed One" \(doomed_one\)/);
    assert.equal(customs(emu).length, 0);
  });

  test("existing connections: the failure is explained with its remedy", async (t) => {
    const emu = await seeded(t, payload("Busy One"));
    emu.addConnections("busy_one", 2);
    const r = await run(["delete", "Busy One", "--yes"], { env: envFor(emu) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot delete custom provider with existing connections \(HTTP 400\)/);
    assert.match(r.stderr, /Delete its connections and connected accounts first/);
    assert.equal(customs(emu).length, 1);
  });

  test("an unknown name: did you mean, exit 1", async (t) => {
    const emu = await seeded(t, payload("Busy One"));
    const r = await run(["delete", "Busy Onee", "--yes"], { env: envFor(emu) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no connector "Busy Onee" in default\n\s+hint: did you mean "Busy One"\?/);
    assert.equal((await run(["delete"], { env: envFor(emu) })).code, 2);
  });
});

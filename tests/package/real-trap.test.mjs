// Traps forced inside the REAL engine and manager modules (heal.test.mjs uses a throwaway
// crate), in Node ESM, Node CJS and Chromium, with nothing added to the product.
//
// How a trap is forced: with the live instance's exports in hand (ESM: what the glue's
// `initSync()` / `init()` returns, which is the current instance even after a reset; CJS: a
// spy on `WebAssembly.Instance`, since the nodejs glue keeps them private), `starve()` grows
// the linear memory to its maximum and then takes every free byte from Rust's allocator
// through `__wbindgen_malloc`. The next allocation inside the module — in the middle of a real
// call, or in a callback of a call in flight — fails, and Rust's allocation-error handler
// aborts: a genuine `unreachable` trap with Rust frames on the stack.
//
// Then each flavour checks: the trapped call answers (validate: a report with exactly one
// `internal-error` diagnostic; anything else: a ConnectorError with code `internal-error`,
// whose cause is the RuntimeError), the instance was replaced, and every later call works and
// gives the same answers as before (presets validate clean, templates render, a client lists,
// creates and gets against the emulator). Nothing escapes as an uncaught exception or an
// unhandled rejection, and no call hangs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

// Before anything instantiates the CJS glue: remember the latest instance of each glue file.
const live = {}; // "node" | "node-manage" | "web" | "web-manage" -> exports
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(RealInstance, {
  construct(target, args) {
    const instance = Reflect.construct(target, args);
    const glue = /[\\/]wasm[\\/]([\w-]+)[\\/]connector_kit(?:_manage)?\.js/.exec(new Error().stack ?? "");
    if (glue) live[glue[1]] = instance.exports;
    return instance;
  },
});

const require = createRequire(import.meta.url);
const PKG = dirname(require.resolve("connector-kit/package.json"));
const glueUrl = (dir, name) => pathToFileURL(join(PKG, "wasm", dir, `${name}.js`)).href;
const esm = await import("connector-kit");
const { startEmulator } = await import("../../pkg/lib/emulator.mjs");
const { launchChromium, serveStatic } = await import("./helpers.mjs");
const OPENAPI = readFileSync(new URL("../fixtures/openapi/bearer-3.1.json", import.meta.url), "utf8");

let emu;
const escaped = []; // uncaught exceptions and unhandled rejections: none may happen
const onEscape = (e) => escaped.push(e);
before(async () => {
  emu = await startEmulator({ port: 0, quiet: true });
  process.on("uncaughtException", onEscape);
  process.on("unhandledRejection", onEscape);
});
after(async () => {
  process.off("uncaughtException", onEscape);
  process.off("unhandledRejection", onEscape);
  WebAssembly.Instance = RealInstance;
  await emu?.close();
});

const credentials = () => ({ environmentUrl: emu.url, clientId: "skc_emulator", clientSecret: "sks_emulator" });
const nodeEnv = () => ({
  credentials: credentials(),
  addFault: async (spec) => { emu.addFaults(spec); },
  faultsLeft: async () => emu.state().faults.length,
  names: async () => emu.state().providers.map((p) => p.display_name).sort(),
  openapi: OPENAPI,
});

// ---- the scenarios: self-contained functions, also sent to Chromium as source text ----

/** Exhausts the instance `x`'s memory, so its next allocation traps. */
function starve(x) {
  // To the 4 GiB maximum in one step (a refused grow costs a garbage collection), else halving.
  try { x.memory.grow(65536 - x.memory.buffer.byteLength / 65536); } catch {
    for (let pages = 32768; pages >= 1; pages >>= 1) {
      try { while (x.memory.grow(pages) >= 0); } catch { /* at the maximum for this step */ }
    }
  }
  for (let size = 1 << 26; size >= 1; size >>= 1) {
    try { for (;;) x.__wbindgen_malloc(size, 1); } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    }
  }
}

/** The engine: `ck` is what an entry exports, `exportsOf()` the live instance's exports. */
async function engineScenario(ck, exportsOf, starve) {
  const steps = [];
  const check = (ok, what) => {
    if (!ok) throw new Error(`engine scenario: ${what}`);
    steps.push(what);
  };
  const isInternal = (e) => e instanceof ck.ConnectorError && e.code === "internal-error"
    && e.cause instanceof WebAssembly.RuntimeError && /trapped/.test(e.message);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  const freshdesk = ck.preset("basic-freshdesk");
  const text = JSON.stringify(freshdesk, null, 2);
  const values = { domain: "acme.freshdesk.com", username: "API_KEY" };
  const calls = {
    validate: () => ck.validate(text, { mode: "update" }),
    renderTemplate: () => ck.renderTemplate("https://{{domain}}/api/{{v}}", { domain: "acme.freshdesk.com", v: "a b" }),
    renderProxyUrl: () => ck.renderProxyUrl(freshdesk, values),
    templateVariables: () => ck.templateVariables("https://{{tenant}}.example.com/{{v}}"),
    previewRequest: () => ck.previewRequest(freshdesk, values, { path: "/v2/tickets" }),
    preset: () => ck.preset("oauth-asana"),
    presets: () => ck.presets(),
    diffPayloads: () => ck.diffPayloads(freshdesk, { ...freshdesk, description: "changed" }),
    planPromotion: () => ck.planPromotion(freshdesk, null),
    jsonSchema: () => ck.jsonSchema(),
    diagnosticCodes: () => ck.diagnosticCodes(),
    version: () => ck.version(),
  };
  const expected = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, call()]));
  check(calls.renderTemplate() === "https://acme.freshdesk.com/api/a%20b", "renderTemplate works before any trap");
  let trapped = 0; // how many exports were made to trap (all but those that allocate nothing)

  // 1. validate traps in the middle of the call: it answers with one internal-error diagnostic.
  let before = exportsOf();
  starve(before);
  const report = ck.validate(text);
  check(report.valid === false && report.diagnostics.length === 1, `validate answers a report with one diagnostic (got ${JSON.stringify(report).slice(0, 300)})`);
  const [d] = report.diagnostics;
  check(d.code === "internal-error" && d.severity === "error" && d.path === "" && /trapped/.test(d.message) && typeof d.hint === "string",
    "the diagnostic is an internal-error that says what happened");
  check(exportsOf() !== before && exportsOf().memory.buffer.byteLength < 64 << 20, "the instance was replaced by a fresh one");
  for (const { name } of ck.presets()) {
    const r = ck.validate(JSON.stringify(ck.preset(name)));
    check(r.valid && !r.diagnostics.some((x) => x.severity === "error"), `after the trap, preset ${name} validates clean`);
  }
  check(ck.renderTemplate("https://{{domain}}/api", { domain: "acme.freshdesk.com" }) === "https://acme.freshdesk.com/api",
    "after the trap, renderTemplate gives the right URL");

  // 2. Every other export: the trapped call throws an internal-error, the next one is right.
  for (const [name, call] of Object.entries(calls)) {
    before = exportsOf();
    starve(before);
    if (name === "validate") {
      const r = call();
      check(r.diagnostics.length === 1 && r.diagnostics[0].code === "internal-error", "validate (update mode) answers an internal-error report");
    } else {
      let error;
      let result;
      try { result = call(); } catch (e) { error = e; }
      if (error === undefined && same(result, expected[name]) && exportsOf() === before) {
        steps.push(`${name} allocates nothing (jsonSchema parses static text): right without a trap`);
        continue;
      }
      check(isInternal(error), `${name} throws a ConnectorError internal-error caused by the trap (got ${error?.code}: ${error?.message})`);
    }
    check(exportsOf() !== before, `${name}: the instance was replaced`);
    check(same(call(), expected[name]), `${name} answers as before the trap`);
    trapped += 1;
  }
  check(trapped >= Object.keys(calls).length - 1, `every export but jsonSchema was made to trap (${trapped})`);

  // 3. A trap in the first call after a reset, before anything else ran in the new instance.
  starve(exportsOf());
  check(ck.validate(text).diagnostics[0]?.code === "internal-error", "a trap (reset)");
  starve(exportsOf());
  let second;
  try {
    second = ck.validate(text);
  } catch (e) {
    check(false, `the first call after a reset traps: validate threw ${e?.name} ${e?.message}`);
  }
  check(second.diagnostics.length === 1 && second.diagnostics[0].code === "internal-error", "the first call after a reset traps too: still a report");
  starve(exportsOf());
  let thrown;
  try { ck.renderTemplate("https://{{d}}", { d: "a.example" }); } catch (e) { thrown = e; }
  check(isInternal(thrown), "and renderTemplate right after: an internal-error");
  check(same(calls.validate(), expected.validate) && ck.validate(text).valid, "then validate is clean again");
  return steps;
}

/** The manager: `exportsOf()` resolves to the live manager instance's exports; `env` talks to the emulator. */
async function managerScenario(ck, exportsOf, env, starve) {
  const steps = [];
  const check = (ok, what) => {
    if (!ok) throw new Error(`manager scenario: ${what}`);
    steps.push(what);
  };
  // Settles within `ms` or reports a hang.
  const settle = (promise, ms = 10_000) => {
    let timer;
    return Promise.race([
      promise.then((value) => ({ value }), (error) => ({ error })),
      new Promise((r) => { timer = setTimeout(r, ms, { hang: true }); }),
    ]).finally(() => clearTimeout(timer));
  };
  const isInternal = (r) => r.error instanceof ck.ConnectorError && r.error.code === "internal-error";
  const describe = (r) => r.hang ? "a hang" : r.error ? `${r.error.code}: ${r.error.message}` : `success ${JSON.stringify(r.value).slice(0, 120)}`;
  const payload = (name) => ({
    display_name: name, description: "trap test",
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password" }] }],
    proxy_url: "https://api.example.com", proxy_enabled: true,
  });
  const until = async (fn, what) => {
    for (let i = 0; i < 400; i++) {
      if (await fn()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`manager scenario: timed out waiting for ${what}`);
  };
  const names = async (client) => (await client.list()).map((c) => c.display_name).sort();

  const client = new ck.ManagementClient(env.credentials);
  const one = await client.create(payload("Trap One"));
  check(one.identifier === "trap_one", "a client creates before any trap");
  const imported = await ck.importOpenApi(env.openapi);
  check(imported.payload && typeof imported.payload.display_name === "string", "importOpenApi works before any trap");

  // 1. A trap in the call itself.
  let before = await exportsOf();
  starve(before);
  let r = await settle(client.get("trap_one"));
  check(isInternal(r), `get traps: an internal-error (got ${describe(r)})`);
  check((await exportsOf()) !== before, "the manager instance was replaced");
  r = await settle(client.get("trap_one"));
  check(r.value?.display_name === "Trap One", `the same client gets again after the trap (got ${describe(r)})`);

  // 2. A trap in a callback while the call is in flight (the response arrives into a starved instance).
  await env.addFault({ kind: "latency", ms: 300, method: "GET", path: "/api/v1/providers" });
  const other = new ck.ManagementClient(env.credentials);
  check((await names(other)).includes("Trap One"), "a second client lists"); // takes the fault
  await env.addFault({ kind: "latency", ms: 300, method: "GET", path: "/api/v1/providers" });
  const listing = client.list();
  await until(async () => (await env.faultsLeft()) === 0, "the list request to reach the emulator");
  before = await exportsOf();
  starve(before);
  r = await settle(listing);
  check(isInternal(r), `a list whose response comes back to a starved instance rejects with an internal-error (got ${describe(r)})`);
  check((await exportsOf()) !== before, "the instance was replaced after the trap in a callback");
  r = await settle(client.list());
  check(r.value?.some((c) => c.display_name === "Trap One"), `list works again (got ${describe(r)})`);
  r = await settle(other.list());
  check(r.value?.length === 1, `the other client works too (got ${describe(r)})`);

  // 2b. Many calls in flight, on two clients, when a callback traps: every one settles.
  await env.addFault({ kind: "latency", ms: 300, method: "GET", path: "/api/v1/providers", count: 20 });
  const flying = Array.from({ length: 20 }, (_, i) => (i % 2 ? client : other).list());
  await until(async () => (await env.faultsLeft()) === 0, "the 20 lists to reach the emulator");
  starve(await exportsOf());
  const landed = await Promise.all(flying.map((p) => settle(p)));
  check(landed.every((x) => isInternal(x) || Array.isArray(x.value)) && landed.some(isInternal),
    `20 calls in flight all settle, with an internal-error or their answer (got ${landed.map(describe).join("; ").slice(0, 300)})`);
  r = await settle(client.list());
  check(r.value?.length === 1, `and the next list works (got ${describe(r)})`);

  // 3. A write in flight when the module traps: an internal-error that says so; the emulator
  //    holds what the server did (the latency fault answers normally, after the trap).
  await env.addFault({ kind: "latency", ms: 300, method: "POST", path: "/api/v1/custom-providers" });
  const creating = client.create(payload("Trap Two"));
  await until(async () => (await env.faultsLeft()) === 0, "the create to reach the emulator");
  starve(await exportsOf());
  r = await settle(creating);
  check(isInternal(r) && /in flight/.test(r.error.message), `the create in flight rejects with an internal-error saying so (got ${describe(r)})`);
  await until(async () => (await env.names()).includes("Trap Two"), "the emulator to finish the create");
  r = await settle(client.findByName("Trap Two"));
  check(r.value?.identifier === "trap_two", `the client finds what the server did (got ${describe(r)})`);
  r = await settle(client.create(payload("Trap Three")));
  check(r.value?.identifier === "trap_three", `and creates again (got ${describe(r)})`);

  // 4. A trap while the lazily made client is made: its next call makes it again.
  const late = new ck.ManagementClient(env.credentials);
  starve(await exportsOf());
  r = await settle(late.list());
  check(isInternal(r), `a trap while making the client: an internal-error (got ${describe(r)})`);
  r = await settle(late.list());
  check(r.value?.length === 3, `the same client object works on its next call (got ${describe(r)})`);

  // 5. The synchronous exports of the manager.
  starve(await exportsOf());
  r = await settle(ck.importOpenApi(env.openapi));
  check(isInternal(r), `importOpenApi traps: an internal-error (got ${describe(r)})`);
  r = await settle(ck.importOpenApi(env.openapi));
  check(JSON.stringify(r.value) === JSON.stringify(imported), "importOpenApi answers as before");

  const server = await env.names();
  check(JSON.stringify(server) === JSON.stringify(["Trap One", "Trap Three", "Trap Two"]), `the emulator holds exactly what succeeded (${server})`);
  for (const id of ["trap_one", "trap_two", "trap_three"]) await client.delete(id);
  check((await names(client)).length === 0, "and deletes it all");
  return steps;
}

// ---- Node ----

test("empty strings cross into both modules without a trap (regression: realloc to 0 bytes)", async () => {
  // Every URL's username is "" when Rust asks the host's URL parser, so before the fix every
  // renderTemplate and every client call trapped and was healed into an internal-error.
  const { initSync } = await import(glueUrl("web", "connector_kit"));
  const engine = initSync();
  const cjs = require("connector-kit");
  for (const ck of [esm, cjs]) {
    assert.equal(ck.renderTemplate("https://{{domain}}/api", { domain: "acme.freshdesk.com" }), "https://acme.freshdesk.com/api");
    assert.deepEqual(ck.templateVariables(""), []);
    assert.throws(() => ck.preset(""), (e) => e.code !== "internal-error");
    assert.equal(ck.previewRequest(ck.preset("basic-freshdesk"), { domain: "acme.freshdesk.com", username: "k" }, { path: "" }).method, "GET");
    const client = new ck.ManagementClient(credentials());
    const made = await client.create({ ...ck.preset("bearer-token"), display_name: `Empty ${ck === esm ? "Esm" : "Cjs"}`, description: "" });
    assert.equal((await client.get(made.identifier)).description, "");
    assert.ok((await client.list()).some((c) => c.identifier === made.identifier));
    await client.delete(made.identifier);
  }
  assert.equal(initSync(), engine, "no reset happened: nothing trapped");
  assert.deepEqual(escaped, []);
});

test("Node ESM: traps in the real engine and manager heal", async () => {
  const engine = await import(glueUrl("web", "connector_kit"));
  const manager = await import(glueUrl("web-manage", "connector_kit_manage"));
  await engineScenario(esm, () => engine.initSync(), starve);
  emu.reset();
  await esm.importOpenApi(OPENAPI); // loads the manager module
  await managerScenario(esm, async () => manager.initSync(), nodeEnv(), starve);
  assert.deepEqual(escaped, []);
});

test("Node CJS: traps in the real engine and manager heal", async () => {
  const cjs = require("connector-kit");
  assert.ok(live.node, "the CJS engine was instantiated after the spy");
  await engineScenario(cjs, () => live.node, starve);
  emu.reset();
  await cjs.importOpenApi(OPENAPI); // requires the manager module
  assert.ok(live["node-manage"], "the CJS manager was instantiated");
  await managerScenario(cjs, async () => live["node-manage"], nodeEnv(), starve);
  assert.deepEqual(escaped, []);
});

test("a trap with a request in flight leaves no timer behind: Node exits at once (regression)", async () => {
  // The dead instance's request timeout (30 s by default) used to keep the process alive.
  const url = (p) => JSON.stringify(pathToFileURL(p).href);
  const script = `
    import { ManagementClient } from ${url(join(PKG, "node.mjs"))};
    import { initSync } from ${url(join(PKG, "wasm", "web-manage", "connector_kit_manage.js"))};
    import { startEmulator } from ${url(join(PKG, "lib", "emulator.mjs"))};
    const emu = await startEmulator({ port: 0, quiet: true });
    const client = new ManagementClient({ environmentUrl: emu.url, clientId: "skc_emulator", clientSecret: "sks_emulator" });
    await client.list();
    emu.addFaults({ kind: "latency", ms: 400, method: "GET", path: "/api/v1/providers" });
    const listing = client.list().then(() => "listed", (e) => e.code);
    while (emu.state().faults.length > 0) await new Promise((r) => setTimeout(r, 10));
    const x = initSync();
    x.memory.grow(65536 - x.memory.buffer.byteLength / 65536);
    for (let size = 1 << 26; size >= 1; size >>= 1) { try { for (;;) x.__wbindgen_malloc(size, 1); } catch {} }
    console.log(await listing);
    await emu.close();
  `;
  const start = Date.now();
  const out = await new Promise((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
  const seconds = (Date.now() - start) / 1000;
  assert.equal(out, "internal-error");
  assert.ok(seconds < 10, `the process took ${seconds} s to exit (the request timeout is 30 s)`);
});

// ---- Chromium: pkg/ served as files, index.js imported as a page would ----

test("Chromium: traps in the real engine and manager heal", async () => {
  const server = await serveStatic(PKG);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    const env = nodeEnv();
    await page.exposeFunction("addFault", env.addFault);
    await page.exposeFunction("faultsLeft", env.faultsLeft);
    await page.exposeFunction("names", env.names);
    await page.goto(`${server.url}/package.json`); // same origin as the modules
    emu.reset();
    const result = await page.evaluate(async ({ engineSrc, managerSrc, starveSrc, credentials, openapi }) => {
      const engineScenario = (0, eval)(`(${engineSrc})`);
      const managerScenario = (0, eval)(`(${managerSrc})`);
      const starve = (0, eval)(`(${starveSrc})`);
      const ck = await import("/index.js");
      const engine = await import("/wasm/web/connector_kit.js");
      const manager = await import("/wasm/web-manage/connector_kit_manage.js");
      try {
        const steps = await engineScenario(ck, () => engine.initSync(), starve);
        await ck.importOpenApi(openapi); // loads the manager module
        const env = { credentials, openapi, addFault: window.addFault, faultsLeft: window.faultsLeft, names: window.names };
        steps.push(...await managerScenario(ck, () => manager.default(), env, starve));
        return steps;
      } catch (e) {
        return `FAILED: ${e.message}`;
      }
    }, { engineSrc: engineScenario.toString(), managerSrc: managerScenario.toString(), starveSrc: starve.toString(), credentials: credentials(), openapi: OPENAPI });
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
  assert.deepEqual(escaped, []);
});

// Self-healing (pkg/lib/heal.js) against a crate whose exports trap on purpose
// (trap-fixture/), built and wrapped exactly like the package: same wasm-bindgen flags,
// same generated api.js / heal.cjs. Runs the same scenario on every flavour of the glue.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { bindgen, cargoBuild, quiet, writeHelpers } from "../../scripts/build.mjs";
import { ROOT, launchChromium, pageResult, serveStatic } from "./helpers.mjs";
import { healScenario } from "./heal-scenario.mjs";

const TARGET = join(ROOT, "target", "trap-fixture"); // its own: the fixture has its own profile
const OUT = join(TARGET, "pkg");

// Anything that escapes (an uncaught exception or unhandled rejection) fails the test.
const escaped = [];
const onEscape = (e) => escaped.push(e);

before(async () => {
  quiet();
  const wasm = cargoBuild({ dir: join(ROOT, "tests", "package", "trap-fixture"), crate: "trap_fixture", targetDir: TARGET });
  bindgen(wasm, OUT);
  await writeHelpers(OUT, join(ROOT, "pkg", "lib", "heal.js"), "trap_fixture");
  process.on("uncaughtException", onEscape);
  process.on("unhandledRejection", onEscape);
}, { timeout: 600_000 });

after(() => {
  process.off("uncaughtException", onEscape);
  process.off("unhandledRejection", onEscape);
});

test("Node ESM (web glue + initSync, as node.mjs) recovers from traps", async () => {
  const { initSync } = await import(pathToFileURL(join(OUT, "web", "trap_fixture.js")).href);
  initSync({ module: readFileSync(join(OUT, "web", "trap_fixture_bg.wasm")) });
  const ck = await import(pathToFileURL(join(OUT, "api.js")).href);
  await healScenario(ck);
  assert.deepEqual(escaped, []);
});

test("Node CJS (nodejs glue, as index.cjs) recovers from traps", async () => {
  const require = createRequire(import.meta.url);
  const { heal } = require(join(OUT, "heal.cjs"));
  await healScenario(heal(require(join(OUT, "node", "trap_fixture.js"))));
  assert.deepEqual(escaped, []);
});

test("Chromium (web glue, as index.js) recovers from traps", async () => {
  // The page needs the fixture's glue, pkg/lib/heal.js and heal-scenario.mjs: serve the repo.
  const base = "/target/trap-fixture/pkg";
  writeFileSync(join(OUT, "heal.html"), `<!doctype html><script type="module">
    import init from "${base}/web/trap_fixture.js";
    import { healScenario } from "/tests/package/heal-scenario.mjs";
    await init({ module_or_path: "${base}/web/trap_fixture_bg.wasm" });
    const ck = await import("${base}/api.js");
    window.__result = await healScenario(ck).catch((e) => "FAILED: " + e.message);
  </script>`);
  const server = await serveStatic(ROOT);
  const browser = await launchChromium();
  try {
    const { result, consoleErrors } = await pageResult(browser, `${server.url}${base}/heal.html`);
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

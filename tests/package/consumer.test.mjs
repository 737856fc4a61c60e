// The built package as users get it: `npm pack` of pkg/, installed from the tarball into
// a fresh project, then imported by name from Node ESM, Node CJS, a browser with no
// bundler (an import map) and a Vite build. Every consumer runs probe.mjs and must give
// the same answers. Run scripts/build.mjs first.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CRATE_VERSION, installPackedPackage, launchChromium, pageResult, run, serveStatic } from "./helpers.mjs";

const PROBE = fileURLToPath(new URL("./probe.mjs", import.meta.url));

let project; // { dir, tarball }
let browser;
let expected; // what Node ESM saw; every other consumer must see the same

before(async () => {
  project = installPackedPackage();
  copyFileSync(PROBE, join(project.dir, "probe.mjs"));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("ships the entries, both wasm builds, the types, lib/ and the bin", () => {
    const files = run("tar", ["tzf", project.tarball]).split("\n").map((f) => f.replace(/^package\//, ""));
    for (const f of [
      "package.json", "index.js", "node.mjs", "index.cjs", "index.d.ts", "lib/heal.js",
      "wasm/api.js", "wasm/heal.cjs", "wasm/web/connector_kit.js", "wasm/web/connector_kit_bg.wasm",
      "wasm/node/connector_kit.js", "wasm/node/connector_kit_bg.wasm", "wasm/node/connector_kit.d.ts",
      "wasm/node/package.json", "bin/connector-kit.mjs",
    ]) {
      assert.ok(files.includes(f), `${f} is missing from the tarball`);
    }
  });
});

describe("Node", () => {
  test("ESM: import { version } from \"connector-kit\" resolves node.mjs and works", () => {
    writeFileSync(join(project.dir, "esm.mjs"), [
      'import * as ck from "connector-kit";',
      'import { version } from "connector-kit";',
      'import { probe } from "./probe.mjs";',
      'if (version !== ck.version) throw new Error("named and namespace imports differ");',
      'console.log(JSON.stringify({ entry: import.meta.resolve("connector-kit"), probe: probe(ck) }));',
    ].join("\n"));
    const out = JSON.parse(run("node", ["esm.mjs"], { cwd: project.dir }));
    assert.match(out.entry, /\/node_modules\/connector-kit\/node\.mjs$/);
    assert.equal(out.probe.version, CRATE_VERSION);
    assert.ok(out.probe.exports.includes("version"));
    expected = out.probe;
  });

  test("CJS: require(\"connector-kit\") resolves index.cjs and gives the same answers", () => {
    writeFileSync(join(project.dir, "cjs.cjs"), [
      'const ck = require("connector-kit");',
      'import("./probe.mjs").then(({ probe }) =>',
      '  console.log(JSON.stringify({ entry: require.resolve("connector-kit"), probe: probe(ck) })));',
    ].join("\n"));
    const out = JSON.parse(run("node", ["cjs.cjs"], { cwd: project.dir }));
    assert.match(out.entry, /\/node_modules\/connector-kit\/index\.cjs$/);
    assert.deepEqual(out.probe, expected);
  });

  test("the glue is private: only the exports map's entries resolve", () => {
    writeFileSync(join(project.dir, "private.mjs"), 'import "connector-kit/wasm/web/connector_kit.js";');
    assert.throws(() => run("node", ["private.mjs"], { cwd: project.dir }), /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});

describe("heal's reset path on the real module", () => {
  // heal.js replaces the instance after a trap; the package has no export that traps on
  // purpose (heal.test.mjs covers that with a fixture), so call the reset hook directly.
  test("Node ESM and CJS", () => {
    writeFileSync(join(project.dir, "reset.mjs"), [
      'import { createRequire } from "node:module";',
      'import * as ck from "connector-kit";',
      'import * as glue from "./node_modules/connector-kit/wasm/web/connector_kit.js";',
      'import { probe } from "./probe.mjs";',
      "const require = createRequire(import.meta.url);",
      'const cjs = require("connector-kit");',
      'require("./node_modules/connector-kit/wasm/node/connector_kit.js").__wbg_reset_state();',
      "glue.__wbg_reset_state();",
      "console.log(JSON.stringify([probe(ck), probe(cjs)]));",
    ].join("\n"));
    assert.deepEqual(JSON.parse(run("node", ["reset.mjs"], { cwd: project.dir })), [expected, expected]);
  });

  test("Chromium (synchronous re-instantiation on the main thread)", async () => {
    writeFileSync(join(project.dir, "reset.html"), `<!doctype html>
<script type="importmap">{ "imports": { "connector-kit": "/node_modules/connector-kit/index.js" } }</script>
<script type="module">
  import * as ck from "connector-kit";
  import * as glue from "/node_modules/connector-kit/wasm/web/connector_kit.js";
  import { probe } from "/probe.mjs";
  glue.__wbg_reset_state();
  window.__result = probe(ck);
</script>`);
    const server = await serveStatic(project.dir);
    try {
      const { result } = await pageResult(browser, `${server.url}/reset.html`);
      assert.deepEqual(result, expected);
    } finally {
      await server.close();
    }
  });
});

describe("browsers", () => {
  test("native ES modules with an import map, no bundler and no init call", async () => {
    writeFileSync(join(project.dir, "index.html"), `<!doctype html>
<script type="importmap">{ "imports": { "connector-kit": "/node_modules/connector-kit/index.js" } }</script>
<script type="module">
  import * as ck from "connector-kit";
  import { probe } from "/probe.mjs";
  window.__result = probe(ck);
</script>`);
    const server = await serveStatic(project.dir);
    try {
      const { result } = await pageResult(browser, `${server.url}/index.html`);
      assert.deepEqual(result, expected);
    } finally {
      await server.close();
    }
  });

  test("a Vite build of a consumer ships the wasm and runs", async () => {
    const app = join(project.dir, "vite-app");
    mkdirSync(app, { recursive: true });
    copyFileSync(PROBE, join(app, "probe.mjs"));
    writeFileSync(join(app, "index.html"), '<!doctype html>\n<script type="module" src="./main.js"></script>\n');
    writeFileSync(join(app, "main.js"), [
      'import * as ck from "connector-kit";',
      'import { probe } from "./probe.mjs";',
      "window.__result = probe(ck);",
    ].join("\n"));
    const { build } = await import("vite"); // the repo's dev dependency
    await build({ root: app, configFile: false, logLevel: "warn", build: { outDir: "dist", emptyOutDir: true } });
    const assets = readdirSync(join(app, "dist", "assets"));
    assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm among the built assets: ${assets}`);

    const server = await serveStatic(join(app, "dist"));
    try {
      const { result } = await pageResult(browser, `${server.url}/index.html`);
      assert.deepEqual(result, expected);
    } finally {
      await server.close();
    }
  });
});

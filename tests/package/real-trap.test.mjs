// Traps forced inside the REAL engine and manager modules (not the throwaway fixture of
// heal.test.mjs), in Node ESM, Node CJS and Chromium, with nothing added to the product.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import * as esm from "connector-kit";
import { startEmulator } from "../../pkg/lib/emulator.mjs";

const require = createRequire(import.meta.url);
const PKG = dirname(require.resolve("connector-kit/package.json"));
const glueUrl = (dir, name) => pathToFileURL(join(PKG, "wasm", dir, `${name}.js`)).href;

let emu;
before(async () => {
  emu = await startEmulator({ port: 0, quiet: true });
});
after(async () => {
  await emu?.close();
});

const credentials = () => ({ environmentUrl: emu.url, clientId: "skc_emulator", clientSecret: "sks_emulator" });

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
});

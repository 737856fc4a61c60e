// --data FILE: load at start, atomic save after each successful write.
import { test, describe, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../../pkg/lib/emulator.mjs";
import { Client, startWithClient, payload, example, grpcError, runBin } from "./helpers.mjs";

let dir;
let file;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-emulator-"));
  file = path.join(dir, "state.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const listing = () => fs.readdirSync(dir).sort();

describe("persistence", () => {
  test("round trip: connectors and connections survive a restart; tokens do not", async () => {
    let { emu, client } = await startWithClient({ dataFile: file });
    assert.deepEqual(listing(), [], "nothing is written before the first write");
    const a = (await client.create(example("oauth-asana"))).json.provider;
    await client.create(example("mcp-oauth-github"));
    await client.update("github_mcp", { ...example("mcp-oauth-github"), description: "updated" });
    await client.control("POST", "/connections", { identifier: "my_asana", count: 2 });
    await client.create(payload("Temporary"));
    await client.remove("temporary");
    const before = emu.state();
    const oldToken = client.accessToken;
    await emu.close();

    assert.deepEqual(listing(), ["state.json"], "no temp file is left behind");
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.equal(saved.format, "connector-kit-emulator");
    assert.equal(saved.version, 1);

    emu = await startEmulator({ quiet: true, dataFile: file });
    try {
      client = new Client(emu.url);
      assert.deepEqual(emu.state().providers, before.providers);
      assert.deepEqual(emu.state().connections, { my_asana: 2 });
      grpcError(assert, await client.request("GET", "/api/v1/providers", { token: oldToken }), 401, 16);
      await client.token();
      const l = await client.list();
      assert.deepEqual(l.json.providers.map((p) => p.identifier), ["my_asana", "github_mcp"]);
      assert.equal(l.json.providers[0].id, a.id);
      assert.equal(l.json.providers[1].description, "updated");
      grpcError(assert, await client.remove("my_asana"), 400, 9);
      // identifiers stay unique against loaded connectors
      assert.equal((await client.create(payload("MY ASANA"))).json.provider.identifier, "my_asana-2");
    } finally {
      await emu.close();
    }
  });

  test("a refused or faulted write leaves the file untouched", async () => {
    const { emu, client } = await startWithClient({ dataFile: file });
    try {
      await client.create(payload("Kept"));
      const text = fs.readFileSync(file, "utf8");
      const mtime = fs.statSync(file).mtimeMs;
      await new Promise((r) => setTimeout(r, 20));
      grpcError(assert, await client.create(payload("Kept")), 409, 6);
      grpcError(assert, await client.create({ display_name: "x" }), 400, 3);
      await client.control("POST", "/faults", { kind: "status", status: 503 });
      grpcError(assert, await client.create(payload("Faulted")), 503, 14);
      await client.control("POST", "/faults", { kind: "drop" });
      await assert.rejects(client.remove("kept"));
      assert.equal(fs.readFileSync(file, "utf8"), text);
      assert.equal(fs.statSync(file).mtimeMs, mtime);
      assert.deepEqual(listing(), ["state.json"]);
    } finally {
      await emu.close();
    }
  });

  test("reset is saved too", async () => {
    const { emu, client } = await startWithClient({ dataFile: file });
    await client.create(payload("Gone Soon"));
    await client.control("POST", "/reset");
    await emu.close();
    assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")).providers, []);
  });

  test("when saving fails: 500, and the change is rolled back", async () => {
    const sub = path.join(dir, "sub");
    fs.mkdirSync(sub);
    const { emu, client } = await startWithClient({ dataFile: path.join(sub, "state.json") });
    try {
      await client.create(payload("Saved"));
      fs.rmSync(sub, { recursive: true }); // the temp file can no longer be created
      grpcError(assert, await client.create(payload("Not Saved")), 500, 13);
      grpcError(assert, await client.remove("saved"), 500, 13);
      assert.deepEqual(emu.state().providers.map((p) => p.identifier), ["saved"]);
    } finally {
      await emu.close();
    }
  });

  test("an unreadable data file refuses to start", async () => {
    fs.writeFileSync(file, "{not json");
    await assert.rejects(startEmulator({ quiet: true, dataFile: file }), /not valid JSON/);
    fs.writeFileSync(file, JSON.stringify({ providers: [] }));
    await assert.rejects(startEmulator({ quiet: true, dataFile: file }), /data file/);
  });

  test("through the bin: restart with --data", async () => {
    const first = runBin(["emulator", "--port", "0", "--quiet", "--data", file]);
    const url = await first.ready;
    const c = new Client(url);
    await c.token();
    assert.equal((await c.create(example("basic-freshdesk"))).status, 201);
    first.child.kill("SIGTERM");
    assert.equal((await first.exited).code, 0);

    const second = runBin(["emulator", "--port=0", "--quiet", `--data=${file}`]);
    const url2 = await second.ready;
    const c2 = new Client(url2);
    await c2.token();
    const l = await c2.list();
    assert.deepEqual(l.json.providers.map((p) => p.identifier), ["my_freshdesk"]);
    assert.deepEqual(l.json.providers[0].auth_patterns, example("basic-freshdesk").auth_patterns);
    second.child.kill("SIGINT");
    assert.equal((await second.exited).code, 0);
    assert.deepEqual(listing(), ["state.json"]);
  });

  test("the bin exits 1 on a bad data file", async () => {
    fs.writeFileSync(file, "garbage");
    const r = runBin(["emulator", "--data", file]);
    const { code, stderr } = await r.exited;
    assert.equal(code, 1);
    assert.match(stderr, /cannot start/);
  });
});

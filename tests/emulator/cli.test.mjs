// The bin (pkg/bin/connector-kit.mjs) and emulatorCommand().
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { emulatorCommand, startEmulator } from "../../pkg/lib/emulator.mjs";
import { BIN, Client, runBin } from "./helpers.mjs";

const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+$/;

function sink() {
  const s = { text: "", write(chunk) { s.text += chunk; return true; } };
  return s;
}

describe("connector-kit emulator (child process)", () => {
  test("prints its base URL first, serves the API, stops cleanly on SIGTERM", async () => {
    const run = runBin(["emulator", "--port", "0"]);
    const first = await run.ready;
    assert.match(first, URL_LINE);
    const client = new Client(first);
    await client.token();
    assert.equal((await client.list()).status, 200);
    run.child.kill("SIGTERM");
    const { code, signal, stdout } = await run.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    const lines = stdout.trim().split("\n");
    assert.equal(lines[0], first);
    assert.ok(lines.some((l) => l.includes("skc_emulator")));
    assert.ok(lines.some((l) => l.includes("sks_emulator")), "the default secret is shown");
  });

  test("--port=N form, and SIGINT", async () => {
    const probe = await startEmulator({ quiet: true });
    const { port } = probe;
    await probe.close();
    const run = runBin(["emulator", `--port=${port}`, "--quiet"]);
    assert.equal(await run.ready, `http://127.0.0.1:${port}`);
    run.child.kill("SIGINT");
    assert.equal((await run.exited).code, 0);
  });

  test("a configured secret is never printed; tokens and secrets never reach the log", async () => {
    const secret = "sks_super_secret_value_42";
    const run = runBin(["emulator", "--port", "0", "--client-id", "skc_mine", "--client-secret", secret, "--token-ttl", "60"]);
    const client = new Client(await run.ready);
    const token = await client.token("skc_mine", secret);
    await client.list();
    await client.request("GET", `/api/v1/providers?access_token=${token}&client_secret=${secret}&page_size=5`);
    await client.request("GET", "/api/v1/providers", { token: "ske_bogus_token_value" });
    run.child.kill("SIGTERM");
    const { code, stdout, stderr } = await run.exited;
    assert.equal(code, 0);
    assert.ok(!stdout.includes(secret), "secret on stdout");
    assert.ok(!stderr.includes(secret), "secret in the log");
    assert.ok(!stderr.includes(token), "token in the log");
    assert.ok(!stderr.includes("ske_bogus_token_value"));
    assert.match(stdout, /skc_mine/);
    assert.match(stderr, /GET \/api\/v1\/providers\?filter|GET \/api\/v1\/providers 200/);
    assert.match(stderr, /access_token=\[redacted\]/);
    assert.match(stderr, /page_size=5/);
  });

  test("the secret can come from CONNECTOR_KIT_EMULATOR_CLIENT_SECRET", async () => {
    const run = runBin(["emulator", "--quiet"], { env: { CONNECTOR_KIT_EMULATOR_CLIENT_SECRET: "sks_from_env" } });
    const client = new Client(await run.ready);
    await assert.rejects(client.token());
    await client.token("skc_emulator", "sks_from_env");
    run.child.kill("SIGTERM");
    const { stdout } = await run.exited;
    assert.ok(!stdout.includes("sks_from_env"));
  });

  for (const args of [
    ["--bogus"],
    ["--port"],
    ["--port", "abc"],
    ["--port=99999"],
    ["--token-ttl", "0"],
    ["--client-id="],
    ["extra"],
    ["--port", "1", "--port", "2"],
  ]) {
    test(`usage error: emulator ${args.join(" ")} → exit 2`, async () => {
      const { code, stdout, stderr } = await runBin(["emulator", ...args]).exited;
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.match(stderr, /^connector-kit emulator: /);
      assert.match(stderr, /Usage: connector-kit emulator/);
    });
  }

  test("a port in use → exit 1", async () => {
    const taken = await startEmulator({ quiet: true });
    try {
      const { code, stderr } = await runBin(["emulator", "--port", String(taken.port)]).exited;
      assert.equal(code, 1);
      assert.match(stderr, /in use/);
    } finally {
      await taken.close();
    }
  });

  test("emulator --help → exit 0, usage on stdout", async () => {
    const { code, stdout } = await runBin(["emulator", "--help"]).exited;
    assert.equal(code, 0);
    assert.match(stdout, /--client-secret/);
  });
});

describe("the dispatcher", () => {
  test("is an executable node script", () => {
    const text = fs.readFileSync(BIN, "utf8");
    assert.ok(text.startsWith("#!/usr/bin/env node\n"));
    assert.ok(fs.statSync(BIN).mode & 0o111, "executable bit");
  });

  test("unknown command → usage on stderr, exit 2", async () => {
    const { code, stdout, stderr } = await runBin(["frobnicate"]).exited;
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /unknown command: frobnicate/);
    assert.match(stderr, /emulator/);
  });

  test("no command → exit 2", async () => {
    const { code, stderr } = await runBin([]).exited;
    assert.equal(code, 2);
    assert.match(stderr, /Usage: connector-kit <command>/);
  });

  test("--help → exit 0", async () => {
    const { code, stdout } = await runBin(["--help"]).exited;
    assert.equal(code, 0);
    assert.match(stdout, /emulator/);
  });

  test("prototype keys are not commands", async () => {
    assert.equal((await runBin(["toString"]).exited).code, 2);
  });
});

describe("emulatorCommand() in process", () => {
  test("runs until its signal aborts; resolves 0", async () => {
    const stdout = sink();
    const stderr = sink();
    const ac = new AbortController();
    const done = emulatorCommand(["--port", "0", "--quiet"], { stdout, stderr, signal: ac.signal, env: {} });
    for (let i = 0; i < 100 && !stdout.text.includes("\n"); i++) await new Promise((r) => setTimeout(r, 10));
    const url = stdout.text.split("\n")[0];
    assert.match(url, URL_LINE);
    const client = new Client(url);
    await client.token();
    ac.abort();
    assert.equal(await done, 0);
    await assert.rejects(fetch(`${url}/_emulator/state`));
  });

  test("usage errors resolve 2 without starting", async () => {
    const stderr = sink();
    assert.equal(await emulatorCommand(["--nope"], { stdout: sink(), stderr }), 2);
    assert.match(stderr.text, /unknown option: --nope/);
  });
});

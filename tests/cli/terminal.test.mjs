// On a terminal (a pty from util-linux `script`): confirmations are asked, Production needs the
// environment's name typed, delete needs the connector's name typed, the progress bar and colour
// show. Skipped where `script` is missing.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { assertNoSecret, baseEnv, BIN, emulator, envFor, payload, seeded, tempDir, writeFiles } from "./helpers.mjs";

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
const quote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

/** Runs the bin on a pty; `input` is typed (it must end with a newline). Output is stdout+stderr. */
function runOnTerminal(args, { cwd, env = {}, input }) {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd,
      env: { ...baseEnv(), TERM: "xterm", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d) => { output += d; });
    child.stderr.setEncoding("utf8").on("data", (d) => { output += d; });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: output, stderr: "" });
    });
    child.stdin.write(input);
  });
}

describe("on a terminal", { skip: !hasScript && "util-linux script is not installed" }, () => {
  test("push asks y/N: no writes nothing (exit 1), yes writes", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("Alpha One") });
    const no = await runOnTerminal(["push", "a.json"], { cwd: dir, env: envFor(emu), input: "n\n" });
    assert.match(no.stdout, /Write 1 connector to default\? \[y\/N\]/);
    assert.equal(no.code, 1);
    assert.match(no.stdout, /not confirmed: nothing was written/);
    assert.equal(emu.state().providers.length, 0);
    const yes = await runOnTerminal(["push", "a.json"], { cwd: dir, env: envFor(emu), input: "y\n" });
    assert.equal(yes.code, 0, yes.stdout);
    assert.match(yes.stdout, /created "Alpha One"/);
    assertNoSecret(assert, no, yes);
  });

  test("Production: y is not enough, the environment's name must be typed", async (t) => {
    const dev = await seeded(t, payload("Shared One"));
    const prod = await emulator(t);
    const env = { ...envFor(dev, "dev"), ...envFor(prod, "prod") };
    const y = await runOnTerminal(["promote", "--from", "dev", "--to", "prod", "Shared One"], { env, input: "y\n" });
    assert.match(y.stdout, /Type "prod" to write 1 connector to prod:/);
    assert.equal(y.code, 1);
    assert.equal(prod.state().providers.length, 0);
    const typed = await runOnTerminal(["promote", "--from", "dev", "--to", "prod", "Shared One"], { env, input: "prod\n" });
    assert.equal(typed.code, 0, typed.stdout);
    assert.equal(prod.state().providers.length, 1);
  });

  test("delete: the connector's name must be typed", async (t) => {
    const emu = await seeded(t, payload("Doomed One"));
    const wrong = await runOnTerminal(["delete", "doomed_one"], { env: envFor(emu), input: "yes\n" });
    assert.match(wrong.stdout, /Type "Doomed One" to delete "Doomed One" from default:/);
    assert.equal(wrong.code, 1);
    assert.equal(emu.state().providers.length, 1);
    const right = await runOnTerminal(["delete", "doomed_one"], { env: envFor(emu), input: "Doomed One\n" });
    assert.equal(right.code, 0, right.stdout);
    assert.equal(emu.state().providers.length, 0);
  });

  test("a bulk push draws a progress bar; lint output is coloured unless NO_COLOR", async (t) => {
    const emu = await emulator(t);
    const dir = tempDir(t);
    const files = {};
    for (let i = 1; i <= 6; i++) files[`c${i}.json`] = payload(`Connector ${i}`);
    files["bad.json"] = payload("Bad-Name");
    writeFiles(dir, files);
    const push = await runOnTerminal(["push", ".", "--yes"], { cwd: dir, env: envFor(emu), input: "\n" });
    assert.match(push.stdout, /pushing \[#*-*\] \d\/6/);
    assert.match(push.stdout, /pushing \[#{24}\] 6\/6/);
    const lint = await runOnTerminal(["lint", "bad.json"], { cwd: dir, input: "\n" });
    assert.match(lint.stdout, /\x1b\[31merror\x1b\[39m/);
    const plain = await runOnTerminal(["lint", "bad.json"], { cwd: dir, env: { NO_COLOR: "1" }, input: "\n" });
    assert.equal(plain.code, 1);
    assert.ok(!/\x1b\[3\dm/.test(plain.stdout));
  });
});

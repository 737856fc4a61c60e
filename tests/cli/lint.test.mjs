// connector-kit lint: every format, exit codes, folders, broken and missing files, colour.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { diagnosticCodes } from "connector-kit";
import { EXAMPLES, exampleNames, payload, run, tempDir, writeFiles } from "./helpers.mjs";

// Line 2 holds a display name with a hyphen (error at 2:19), line 5 an unknown key (a warning
// located at its value, 5:17).
const BAD = `{
  "display_name": "Acme-CRM",
  "description": "x",
  "auth_patterns": [{"type": "BEARER", "display_name": "T", "description": "d", "fields": [{"field_name": "token", "label": "T", "input_type": "password", "hint": "h"}]}],
  "proxy_urll": "https://api.example.com",
  "proxy_url": "https://api.example.com",
  "proxy_enabled": true
}
`;

function fixture(t) {
  const dir = tempDir(t);
  writeFiles(dir, {
    "good.json": payload("Good One"),
    "connectors/bad.json": BAD,
    "connectors/nested/broken.json": '{"display_name": ',
    "connectors/nested/z.json": payload("Zed"),
    "connectors/notes.txt": "not json, not linted in a folder",
    "connectors/node_modules/skip.json": "{",
    "connectors/.git/skip.json": "{",
  });
  return dir;
}

describe("lint --format json", () => {
  test("one array of {file, valid, diagnostics}, folders recursive and sorted, exit 1 on errors", async (t) => {
    const dir = fixture(t);
    const r = await run(["lint", "good.json", "connectors", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.map((x) => x.file), [
      "good.json",
      path.join("connectors", "bad.json"),
      path.join("connectors", "nested", "broken.json"),
      path.join("connectors", "nested", "z.json"),
    ]);
    for (const entry of out) {
      assert.deepEqual(Object.keys(entry), ["file", "valid", "diagnostics"]);
      assert.equal(entry.valid, !entry.diagnostics.some((d) => d.severity === "error"));
    }
    assert.equal(out[0].valid, true);
    const charset = out[1].diagnostics.find((d) => d.code === "display-name-charset");
    assert.deepEqual({ ...charset, message: undefined, hint: undefined }, {
      code: "display-name-charset", severity: "error", path: "/display_name", message: undefined, hint: undefined, line: 2, column: 19,
    });
    const unknown = out[1].diagnostics.find((d) => d.code === "unknown-key");
    assert.equal(unknown.severity, "warning");
    assert.match(unknown.hint, /proxy_url/);
    assert.equal(out[2].valid, false);
    assert.equal(out[2].diagnostics[0].code, "invalid-json");
    assert.equal(r.stderr, "");
  });

  test("the provider's eight examples are clean: exit 0", async () => {
    const r = await run(["lint", EXAMPLES, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, exampleNames().length);
    assert.ok(out.every((x) => x.valid));
  });

  test("warnings alone still exit 0", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "w.json": payload("Warned", { extra_key: 1 }) });
    const r = await run(["lint", "w.json", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout)[0].diagnostics[0].code, "unknown-key");
  });
});

describe("lint exit 2: usage and I/O problems", () => {
  test("a missing file is reported on stderr, the rest are still linted, exit 2", async (t) => {
    const dir = fixture(t);
    const r = await run(["lint", "missing.json", "good.json", "connectors/bad.json", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.json: no such file or directory/);
    assert.deepEqual(JSON.parse(r.stdout).map((x) => x.file), ["good.json", "connectors/bad.json"]);
  });

  test("an unreadable file and a non-UTF-8 file do not stop the others", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("A One"), "locked.json": payload("Locked") });
    fs.writeFileSync(path.join(dir, "latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    fs.chmodSync(path.join(dir, "locked.json"), 0o000);
    const readable = (() => { try { fs.readFileSync(path.join(dir, "locked.json")); return true; } catch { return false; } })();
    const r = await run(["lint", ".", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /latin1\.json: not UTF-8 text/);
    if (!readable) assert.match(r.stderr, /locked\.json: permission denied/);
    assert.ok(JSON.parse(r.stdout).some((x) => x.file === "a.json"));
  });

  test("bad usage: no paths, an unknown format, an unknown flag, a folder without *.json", async (t) => {
    const dir = tempDir(t);
    fs.mkdirSync(path.join(dir, "empty"));
    for (const args of [["lint"], ["lint", ".", "--format", "xml"], ["lint", ".", "--bogus"], ["lint", "empty"]]) {
      const r = await run(args, { cwd: dir });
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /connector-kit lint: /);
    }
  });
});

describe("lint --format pretty", () => {
  test("file:line:column severity code message, a code frame with a caret, the hint, a summary", async (t) => {
    const dir = fixture(t);
    const r = await run(["lint", "connectors/bad.json"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes("\x1b["), "no colour when not a TTY");
    const block = r.stdout.split("\n\n").find((b) => b.includes("display-name-charset"));
    const lines = block.split("\n");
    assert.match(lines[0], /^connectors\/bad\.json:2:19 error display-name-charset `display_name` may hold only letters/);
    assert.equal(lines[1], "  1 | {");
    assert.equal(lines[2], '> 2 |   "display_name": "Acme-CRM",');
    assert.equal(lines[3], "    |                   ^");
    assert.equal(lines[4], '  3 |   "description": "x",');
    assert.equal(lines[5], '  hint: use "Acme CRM"');
    assert.match(r.stdout, /^2 problems \(1 error, 1 warning, 0 infos\) in 1 of 1 file\n$/m);
  });

  test("a clean run says so", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "a.json": payload("A One"), "b.json": payload("B Two") });
    const r = await run(["lint", "."], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "no problems in 2 files\n");
  });

  test("a minified line is cut around the column, the caret still under it", async (t) => {
    const dir = tempDir(t);
    const long = JSON.stringify(payload("Long One", { description: "d".repeat(300), zzz: 1 }));
    writeFiles(dir, { "min.json": long });
    const r = await run(["lint", "min.json"], { cwd: dir });
    const lines = r.stdout.split("\n\n").find((b) => b.includes("unknown-key")).split("\n");
    assert.match(lines[0], /^min\.json:1:\d{3} warning unknown-key/);
    const shown = lines[1].slice("> 1 | ".length);
    const caret = lines[2].indexOf("^") - "    | ".length;
    assert.ok(shown.startsWith("…") && shown.length < 110, shown);
    assert.equal(shown.slice(caret - 6, caret + 2), '"zzz":1}');
  });

  test("colour: FORCE_COLOR turns it on off a TTY, NO_COLOR always wins", async (t) => {
    const dir = fixture(t);
    const forced = await run(["lint", "connectors/bad.json"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    assert.match(forced.stdout, /\x1b\[31merror\x1b\[39m/);
    const none = await run(["lint", "connectors/bad.json"], { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    assert.ok(!none.stdout.includes("\x1b["));
    assert.equal(none.code, 1);
  });
});

describe("lint --format github", () => {
  test("one workflow command per diagnostic, exact, with escaping", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "a,b:c.json": BAD, "ok.json": payload("Fine One") });
    const r = await run(["lint", ".", "--format", "github"], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.deepEqual(lines, [
      "::error file=a%2Cb%3Ac.json,line=2,col=19,title=display-name-charset::`display_name` may hold only letters, digits and spaces; the server refuses `-` (use \"Acme CRM\")",
      "::warning file=a%2Cb%3Ac.json,line=5,col=17,title=unknown-key::Unknown key `proxy_urll` in the payload; the server stores it but nothing uses it (did you mean `proxy_url`?)",
    ]);
  });

  test("info → ::notice; %, CR and LF in messages are escaped", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "n.json": payload("No Desc", { description: undefined }), "pct.json": '{"display_name": "50% off\\n"' });
    const r = await run(["lint", ".", "--format", "github"], { cwd: dir });
    assert.match(r.stdout, /^::notice file=n\.json,line=1,col=1,title=missing-description::The connector has no `description`/m);
    for (const line of r.stdout.trimEnd().split("\n")) assert.match(line, /^::(error|warning|notice) file=[^:]+(,line=\d+,col=\d+)?,title=[a-z-]+::[^\r\n]*$/);
  });
});

describe("lint --format sarif", () => {
  test("SARIF 2.1.0: driver with rules from diagnosticCodes(), results with locations", async (t) => {
    const dir = fixture(t);
    const r = await run(["lint", "good.json", "connectors", "--format", "sarif"], { cwd: dir });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [runLog] = log.runs;
    const { driver } = runLog.tool;
    assert.equal(driver.name, "connector-kit");
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(driver.rules.map((x) => x.id), diagnosticCodes().map((c) => c.code));
    assert.ok(driver.rules.every((x) => ["error", "warning", "note"].includes(x.defaultConfiguration.level) && x.shortDescription.text));
    const charset = runLog.results.find((x) => x.ruleId === "display-name-charset");
    assert.equal(charset.level, "error");
    assert.equal(driver.rules[charset.ruleIndex].id, "display-name-charset");
    assert.match(charset.message.text, /may hold only letters/);
    assert.deepEqual(charset.locations[0].physicalLocation, {
      artifactLocation: { uri: "connectors/bad.json" },
      region: { startLine: 2, startColumn: 19 },
    });
    const levels = new Set(runLog.results.map((x) => x.level));
    assert.ok([...levels].every((l) => ["error", "warning", "note"].includes(l)));
    assert.ok(runLog.results.some((x) => x.ruleId === "invalid-json" && x.locations[0].physicalLocation.artifactLocation.uri === "connectors/nested/broken.json"));
    assert.equal(runLog.invocations[0].executionSuccessful, true);
  });

  test("URIs are percent-encoded; unreadable files become notifications (exit 2)", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "my dir/a b.json": payload("Spaced", { zz: 1 }) });
    const r = await run(["lint", "my dir", "gone.json", "--format", "sarif"], { cwd: dir });
    assert.equal(r.code, 2);
    const [runLog] = JSON.parse(r.stdout).runs;
    assert.equal(runLog.results[0].locations[0].physicalLocation.artifactLocation.uri, "my%20dir/a%20b.json");
    assert.equal(runLog.results[0].level, "warning");
    assert.equal(runLog.invocations[0].executionSuccessful, false);
    assert.match(runLog.invocations[0].toolExecutionNotifications[0].message.text, /gone\.json/);
  });
});

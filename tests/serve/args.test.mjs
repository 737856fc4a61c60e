// serve's arguments and the environments they resolve to (no server started).

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseServeArgs, resolveEnvironments } from "../../pkg/lib/serve/args.mjs";

test("arguments: port, upstream, repeated --env and --production", () => {
  assert.deepEqual(parseServeArgs([]), { port: 0, upstream: undefined, envs: [], production: [], upstreamTimeoutMs: undefined });
  assert.deepEqual(parseServeArgs(["--port", "8080", "--env", "dev=https://a.example/", "--env=EU_West=https://b.example/x/",
    "--production", "eu_west"]), {
    port: 8080,
    upstream: undefined,
    envs: [{ name: "dev", url: "https://a.example" }, { name: "eu-west", url: "https://b.example/x" }],
    production: ["eu-west"],
    upstreamTimeoutMs: undefined,
  });
  assert.equal(parseServeArgs(["--upstream-timeout", "5"]).upstreamTimeoutMs, 5000);
  assert.equal(parseServeArgs(["--upstream-timeout=0.5"]).upstreamTimeoutMs, 500);
  assert.equal(parseServeArgs(["--upstream=https://acme.scalekit.dev"]).upstream, "https://acme.scalekit.dev");
  assert.deepEqual(parseServeArgs(["--help"]), { help: true });
});

test("arguments: usage errors", () => {
  const bad = [
    ["--port", "70000"], ["--port", "x"], ["--port"], ["--bogus"], ["extra"],
    ["--upstream", "ftp://x"], ["--upstream", "not a url"], ["--upstream", "https://user:pw@x.example"],
    ["--upstream", "https://x.example/?a=1"], ["--upstream", "https://a", "--upstream", "https://b"],
    ["--env", "dev"], ["--env", "=https://x"], ["--env", "d v=https://x"], ["--production", "a b"],
    ["--upstream-timeout", "0"], ["--upstream-timeout", "-1"], ["--upstream-timeout", "1e3"], ["--upstream-timeout", "601"],
    ["--upstream-timeout", "5", "--upstream-timeout", "6"],
  ];
  for (const argv of bad) assert.throws(() => parseServeArgs(argv), { name: "UsageError" }, argv.join(" "));
});

test("no configuration: the embedded emulators", () => {
  assert.deepEqual(resolveEnvironments(parseServeArgs([]), {}), { mode: "emulated", production: new Set() });
  assert.deepEqual(resolveEnvironments(parseServeArgs(["--production", "dev"]), {}).production, new Set(["dev"]));
  assert.throws(() => resolveEnvironments(parseServeArgs(["--production", "eu"]), {}), /embedded ones are dev and prod/);
  // A client id alone configures nothing.
  assert.equal(resolveEnvironments(parseServeArgs([]), { SCALEKIT_CLIENT_ID: "skc_x" }).mode, "emulated");
});

test("--upstream: 'default' with SCALEKIT_CLIENT_ID/SECRET", () => {
  const env = { SCALEKIT_CLIENT_ID: "skc_1", SCALEKIT_CLIENT_SECRET: "sks_1", SCALEKIT_ENVIRONMENT_URL: "https://ignored.example" };
  assert.deepEqual(resolveEnvironments(parseServeArgs(["--upstream", "https://acme.scalekit.dev"]), env), {
    mode: "upstream",
    environments: [{ name: "default", url: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: "sks_1", production: false, emulated: false }],
  });
  const prod = resolveEnvironments(parseServeArgs(["--upstream", "https://acme.scalekit.cloud", "--production", "default"]), env);
  assert.equal(prod.environments[0].production, true);
  assert.equal(resolveEnvironments(parseServeArgs(["--upstream", "https://a"]), { ...env, SCALEKIT_PRODUCTION: "default" })
    .environments[0].production, true);
});

test("--env NAME=URL: SCALEKIT_<NAME>_… credentials, environments.mjs's Production rule", () => {
  const env = {
    SCALEKIT_DEV_CLIENT_ID: "a", SCALEKIT_DEV_CLIENT_SECRET: "b",
    SCALEKIT_PROD_CLIENT_ID: "c", SCALEKIT_PROD_CLIENT_SECRET: "d",
    SCALEKIT_EU_WEST_CLIENT_ID: "e", SCALEKIT_EU_WEST_CLIENT_SECRET: "f",
  };
  const r = resolveEnvironments(parseServeArgs(["--env", "dev=https://d.example", "--env", "prod=https://p.example",
    "--env", "eu-west=https://e.example"]), env);
  assert.deepEqual(r.environments.map((e) => [e.name, e.clientId, e.clientSecret, e.production]),
    [["dev", "a", "b", false], ["prod", "c", "d", true], ["eu-west", "e", "f", false]]);
  const listed = resolveEnvironments(parseServeArgs(["--env", "dev=https://d.example", "--env", "prod=https://p.example",
    "--env", "eu-west=https://e.example"]), { ...env, SCALEKIT_PRODUCTION: "eu-west" });
  assert.deepEqual(listed.environments.map((e) => e.production), [false, false, true]);
  assert.throws(() => resolveEnvironments(parseServeArgs(["--env", "dev=https://a", "--env", "DEV=https://b"]), env), /more than once/);
  assert.throws(() => resolveEnvironments(parseServeArgs(["--env", "dev=https://a", "--production", "qa"]), env), /no such environment/);
});

test("SCALEKIT_* variables alone", () => {
  const env = {
    SCALEKIT_DEV_ENVIRONMENT_URL: "https://d.example/", SCALEKIT_DEV_CLIENT_ID: "a", SCALEKIT_DEV_CLIENT_SECRET: "b",
    SCALEKIT_PRODUCTION_ENVIRONMENT_URL: "https://p.example", SCALEKIT_PRODUCTION_CLIENT_ID: "c", SCALEKIT_PRODUCTION_CLIENT_SECRET: "d",
  };
  const r = resolveEnvironments(parseServeArgs([]), env);
  assert.equal(r.mode, "upstream");
  assert.deepEqual(r.environments.map((e) => [e.name, e.url, e.production]), [["dev", "https://d.example", false], ["production", "https://p.example", true]]);
  assert.deepEqual(resolveEnvironments(parseServeArgs(["--production", "dev"]), env).environments.map((e) => e.production), [true, true]);
});

test("missing credentials name the variables, never a value", () => {
  const secret = "sks_do_not_print_me";
  const cases = [
    [["--upstream", "https://a.example"], { SCALEKIT_CLIENT_SECRET: secret }, /SCALEKIT_CLIENT_ID/],
    [["--env", "dev=https://a.example"], { SCALEKIT_DEV_CLIENT_ID: "skc_x" }, /SCALEKIT_DEV_CLIENT_SECRET/],
    [[], { SCALEKIT_QA_ENVIRONMENT_URL: "https://q.example", SCALEKIT_QA_CLIENT_SECRET: secret }, /SCALEKIT_QA_CLIENT_ID/],
  ];
  for (const [argv, env, re] of cases) {
    assert.throws(() => resolveEnvironments(parseServeArgs(argv), env), (err) => {
      const text = `${err.message} ${err.hint}`;
      assert.equal(err.name, "UsageError");
      assert.match(text, re);
      assert.ok(!text.includes(secret));
      return true;
    });
  }
});

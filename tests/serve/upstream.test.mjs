// Real upstream mode: an external emulator (its own process, a recognisable secret passed by
// environment variables), a recording proxy in front of it, and serve as a child process.
// The secret and the tokens must never show in any answer, log line or error.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runBin, startServeBin, startRecorder, request, payload } from "./helpers.mjs";

const SECRET = "sks_RECOGNISABLE_serve_test_secret_7f3a9c";
const CLIENT_ID = "skc_serve_upstream_test";

let emulator; // child process
let emulatorUrl;
let recorder;
const answers = []; // everything serve answered, to scan for the secret and the tokens
const serves = []; // every serve child, to scan its output

before(async () => {
  emulator = runBin(["emulator", "--client-id", CLIENT_ID, "--token-ttl", "3600"], {
    env: { CONNECTOR_KIT_EMULATOR_CLIENT_SECRET: SECRET },
  });
  emulatorUrl = await emulator.ready;
  recorder = await startRecorder(emulatorUrl);
});

after(async () => {
  await recorder.close();
  emulator.child.kill("SIGTERM");
  await emulator.exited;
  const tokens = new Set();
  for (const a of recorder.answers) {
    try {
      const t = JSON.parse(a.body).access_token;
      if (t) tokens.add(t);
    } catch { /* not JSON */ }
  }
  assert.ok(tokens.size >= 2, "tokens were issued (and refreshed)");
  const outputs = await Promise.all(serves.map((s) => s.stop()));
  const haystacks = [
    ...answers.map((r) => `${JSON.stringify(r.headers)}\n${r.text}`),
    ...outputs.map((o) => `${o.stdout}\n${o.stderr}`),
  ];
  for (const text of haystacks) {
    assert.ok(!text.includes(SECRET), `the client secret leaked: ${text.slice(0, 300)}`);
    for (const t of tokens) assert.ok(!text.includes(t), `an access token leaked: ${text.slice(0, 300)}`);
  }
});

async function startUpstreamServe(args, env) {
  const s = await startServeBin(args, { env });
  serves.push(s);
  return s;
}

async function call(s, method, path, body) {
  const res = await request(s.port, path, { method, body, session: s.token });
  answers.push(res);
  return res;
}

test("--upstream URL: one 'default' environment, credentials from SCALEKIT_CLIENT_ID/SECRET, bearer added by serve", async () => {
  const s = await startUpstreamServe(["--upstream", recorder.url], { SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: SECRET });
  const session = await call(s, "GET", "/api/session");
  assert.deepEqual(session.json.environments, [{ name: "default", production: false, emulated: false, host: `127.0.0.1:${recorder.port}` }]);
  assert.ok(!session.text.includes(SECRET) && !session.text.includes(CLIENT_ID));

  const before = recorder.seen.length;
  const created = await call(s, "POST", "/env/default/api/v1/custom-providers", payload("Upstream One"));
  assert.equal(created.status, 201, created.text);
  const list = await call(s, "GET", "/env/default/api/v1/providers?filter.provider_type=CUSTOM");
  assert.deepEqual(list.json.providers.map((p) => p.identifier), ["upstream_one"]);
  const upd = await call(s, "PUT", "/env/default/api/v1/custom-providers/upstream_one", payload("Upstream One", { description: "u" }));
  assert.equal(upd.status, 200);

  const mine = recorder.seen.slice(before);
  const tokenCalls = mine.filter((r) => r.url === "/oauth/token");
  assert.equal(tokenCalls.length, 1, "one token, cached across calls");
  assert.equal(tokenCalls[0].method, "POST");
  assert.match(tokenCalls[0].headers["content-type"], /^application\/x-www-form-urlencoded/);
  const form = new URLSearchParams(tokenCalls[0].body);
  assert.deepEqual([form.get("grant_type"), form.get("client_id"), form.get("client_secret")], ["client_credentials", CLIENT_ID, SECRET]);
  const token = JSON.parse(recorder.answers.find((a) => a.body.includes("access_token")).body).access_token;
  const apiCalls = mine.filter((r) => r.url.startsWith("/api/v1/"));
  assert.equal(apiCalls.length, 3);
  for (const r of apiCalls) {
    assert.equal(r.headers.authorization, `Bearer ${token}`, "the upstream saw serve's bearer token");
    assert.equal(r.headers.cookie, undefined);
    assert.equal(r.headers["x-connector-kit-session"], undefined);
  }
  assert.equal(apiCalls[0].headers["content-type"], "application/json");
  for (const r of [created, list, upd]) assert.ok(!r.text.includes(token) && !JSON.stringify(r.headers).includes(token));
});

test("token refresh: after /_emulator/expire-tokens, one 401 upstream, a new token, the call succeeds", async () => {
  const s = await startUpstreamServe(["--upstream", recorder.url], { SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: SECRET });
  assert.equal((await call(s, "GET", "/env/default/api/v1/providers")).status, 200);
  const expired = await fetch(`${emulatorUrl}/_emulator/expire-tokens`, { method: "POST" });
  assert.ok((await expired.json()).expired >= 1);

  const from = recorder.seen.length;
  const res = await call(s, "GET", "/env/default/api/v1/providers?filter.provider_type=CUSTOM");
  assert.equal(res.status, 200, res.text);
  const steps = recorder.seen.slice(from).map((r, i) => `${r.url.split("?")[0]} ${recorder.answers[from + i]?.status}`);
  assert.deepEqual(steps, ["/api/v1/providers 401", "/oauth/token 200", "/api/v1/providers 200"]);
  const [first, , second] = recorder.seen.slice(from);
  assert.notEqual(first.headers.authorization, second.headers.authorization, "a fresh token");

  // A write is retried the same way, with its body.
  await fetch(`${emulatorUrl}/_emulator/expire-tokens`, { method: "POST" });
  const w = await call(s, "POST", "/env/default/api/v1/custom-providers", payload("After Expiry"));
  assert.equal(w.status, 201, w.text);
});

test("an expiring token is renewed before it runs out (short TTL, no 401 needed)", async () => {
  const shortEmu = runBin(["emulator", "--client-id", CLIENT_ID, "--token-ttl", "2"], { env: { CONNECTOR_KIT_EMULATOR_CLIENT_SECRET: SECRET } });
  const shortUrl = await shortEmu.ready;
  const rec = await startRecorder(shortUrl);
  try {
    const s = await startUpstreamServe(["--env", `dev=${rec.url}`], { SCALEKIT_DEV_CLIENT_ID: CLIENT_ID, SCALEKIT_DEV_CLIENT_SECRET: SECRET });
    assert.equal((await call(s, "GET", "/env/dev/api/v1/providers")).status, 200);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal((await call(s, "GET", "/env/dev/api/v1/providers")).status, 200);
    assert.deepEqual(rec.answers.map((a) => a.status), [200, 200, 200, 200], "token, call, token, call: never a 401");
    assert.equal(rec.seen.filter((r) => r.url === "/oauth/token").length, 2);
  } finally {
    await rec.close();
    shortEmu.child.kill("SIGTERM");
    await shortEmu.exited;
  }
});

test("--env NAME=URL (several), SCALEKIT_<NAME>_… credentials, --production", async () => {
  const s = await startUpstreamServe(["--env", `dev=${recorder.url}`, "--env", `live=${recorder.url}/`, "--production", "live"], {
    SCALEKIT_DEV_CLIENT_ID: CLIENT_ID, SCALEKIT_DEV_CLIENT_SECRET: SECRET,
    SCALEKIT_LIVE_CLIENT_ID: CLIENT_ID, SCALEKIT_LIVE_CLIENT_SECRET: SECRET,
  });
  const session = await call(s, "GET", "/api/session");
  assert.deepEqual(session.json.environments.map((e) => [e.name, e.production, e.emulated]), [["dev", false, false], ["live", true, false]]);
  assert.equal((await call(s, "POST", "/env/live/api/v1/custom-providers", payload("Live One"))).status, 403);
  assert.equal((await call(s, "POST", "/api/confirm-production", { environment: "live" })).status, 204);
  assert.equal((await call(s, "POST", "/env/live/api/v1/custom-providers", payload("Live One"))).status, 201);
  assert.equal((await call(s, "DELETE", "/env/live/api/v1/custom-providers/live_one")).status, 403);
  assert.equal((await call(s, "DELETE", "/env/dev/api/v1/custom-providers/live_one")).status, 200, "dev writes need nothing");
});

test("environments from SCALEKIT_* variables alone; 'prod' is Production", async () => {
  const s = await startUpstreamServe([], {
    SCALEKIT_PROD_ENVIRONMENT_URL: recorder.url, SCALEKIT_PROD_CLIENT_ID: CLIENT_ID, SCALEKIT_PROD_CLIENT_SECRET: SECRET,
  });
  const session = await call(s, "GET", "/api/session");
  assert.deepEqual(session.json.environments, [{ name: "prod", production: true, emulated: false, host: `127.0.0.1:${recorder.port}` }]);
  assert.equal((await call(s, "GET", "/env/prod/api/v1/providers")).status, 200);
  assert.equal((await call(s, "DELETE", "/env/prod/api/v1/custom-providers/x")).json.code, "confirmation-required");
});

test("a wrong secret: 502 saying the credentials were refused, without the secret", async () => {
  const wrong = `${SECRET}_WRONG`;
  const s = await startUpstreamServe(["--upstream", recorder.url], { SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: wrong });
  const res = await call(s, "GET", "/env/default/api/v1/providers");
  assert.equal(res.status, 502);
  assert.equal(res.json.code, "upstream-auth-failed");
  assert.match(res.json.message, /refused serve's client credentials \(token endpoint answered 401 invalid_client\)/);
  assert.ok(!res.text.includes(wrong));
  const { stderr } = s.output();
  assert.ok(!stderr.includes(wrong));
});

test("upstream down: 502 with a clear message", async () => {
  // A port that was free a moment ago: borrow one and close it.
  const probe = await import("node:net").then(({ default: net }) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  }));
  const s = await startUpstreamServe(["--upstream", `http://127.0.0.1:${probe}`], { SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: SECRET });
  const res = await call(s, "GET", "/env/default/api/v1/providers");
  assert.equal(res.status, 502);
  assert.equal(res.json.code, "upstream-unreachable");
  assert.equal(res.json.message, `cannot reach environment "default" (127.0.0.1:${probe}): connection refused`);
  assert.equal(res.headers["content-type"], "application/json");
});

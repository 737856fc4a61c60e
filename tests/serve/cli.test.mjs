// `connector-kit serve` as a child process: its first line, its exits, its shutdown.

import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { FIRST_LINE, runBin, startServeBin, request, startHttp } from "./helpers.mjs";

test("first stdout line is the session URL, then a short human line or two", async () => {
  const serve = await startServeBin();
  try {
    assert.match(serve.first, FIRST_LINE);
    assert.equal(Buffer.from(serve.token, "base64url").length, 32);
    await new Promise((r) => setTimeout(r, 100));
    const lines = serve.output().stdout.trim().split("\n");
    assert.ok(lines.length >= 2 && lines.length <= 4, lines.join("\n"));
    assert.match(lines.slice(1).join("\n"), /dev \(embedded emulator\).*prod \(embedded emulator, Production\)/s);
    for (const l of lines.slice(1)) assert.ok(!l.includes(serve.token), "the token appears on the first line only");
    // Bound to 127.0.0.1 only.
    const other = await new Promise((resolve) => {
      const s = net.connect(serve.port, "::1");
      s.on("connect", () => { s.destroy(); resolve("connected"); });
      s.on("error", (e) => resolve(e.code));
    });
    assert.notEqual(other, "connected");
  } finally {
    await serve.stop();
  }
});

test("two runs get two different tokens", async () => {
  const [a, b] = await Promise.all([startServeBin(), startServeBin()]);
  try {
    assert.notEqual(a.token, b.token);
    assert.notEqual(a.port, b.port);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test("--help prints the usage and exits 0; the dispatcher lists serve", async () => {
  const help = await runBin(["serve", "--help"]).exited;
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: connector-kit serve/);
  assert.match(help.stdout, /--env NAME=URL/);
  const top = await runBin(["--help"]).exited;
  assert.match(top.stdout, /^\s+serve\s+/m);
});

test("usage errors exit 2", async () => {
  for (const args of [["--bogus"], ["--port", "x"], ["--upstream", "ftp://a"], ["--env", "nope"]]) {
    const r = await runBin(["serve", ...args]).exited;
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /connector-kit serve: /);
  }
});

test("missing credentials for a real upstream: clear error, exit 2, no secret printed", async () => {
  const secret = "sks_cli_secret_must_not_show";
  const r = await runBin(["serve", "--upstream", "https://acme.scalekit.dev"], { env: { SCALEKIT_CLIENT_SECRET: secret } }).exited;
  assert.equal(r.code, 2);
  assert.match(r.stderr, /environment "default" \(acme\.scalekit\.dev\) has no client credentials/);
  assert.match(r.stderr, /SCALEKIT_CLIENT_ID/);
  assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret));

  const named = await runBin(["serve", "--env", "prod=https://acme.scalekit.cloud"]).exited;
  assert.equal(named.code, 2);
  assert.match(named.stderr, /SCALEKIT_PROD_CLIENT_ID and SCALEKIT_PROD_CLIENT_SECRET/);

  const fromEnv = await runBin(["serve"], { env: { SCALEKIT_DEV_ENVIRONMENT_URL: "https://d.example" } }).exited;
  assert.equal(fromEnv.code, 2);
  assert.match(fromEnv.stderr, /environment "dev"/);
});

test("a port in use: exit 1", async () => {
  const busy = await startHttp((req, res) => res.end());
  try {
    const r = await runBin(["serve", "--port", String(busy.port)]).exited;
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`port ${busy.port} is in use`));
  } finally {
    await busy.close();
  }
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  test(`${signal}: clean stop (exit 0), embedded emulators closed`, async () => {
    const serve = await startServeBin();
    const session = await request(serve.port, "/api/session", { session: serve.token });
    const hosts = session.json.environments.map((e) => e.host);
    assert.equal(hosts.length, 2);
    const done = await serve.stop(signal);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stderr, new RegExp(`stopped \\(${signal}\\)`));
    for (const h of [`127.0.0.1:${serve.port}`, ...hosts]) {
      const [hostname, port] = h.split(":");
      const code = await new Promise((resolve) => {
        const s = net.connect(Number(port), hostname);
        s.on("connect", () => { s.destroy(); resolve("connected"); });
        s.on("error", (e) => resolve(e.code));
      });
      assert.equal(code, "ECONNREFUSED", `${h} closed`);
    }
  });
}

test("log lines: method, path without query, status, duration; no token, cookie or body", async () => {
  const serve = await startServeBin();
  try {
    await request(serve.port, `/?session=${serve.token}&x=1`);
    await request(serve.port, "/api/session", { headers: { Cookie: `ck_session=${serve.token}` } });
    await request(serve.port, `/env/dev/api/v1/providers?filter.provider_type=CUSTOM&identifier=query_marker_q`, { session: serve.token });
    await request(serve.port, "/env/dev/api/v1/custom-providers", { method: "POST", session: serve.token,
      body: { display_name: "Body Marker Xyzzy", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] } });
    await request(serve.port, `/${serve.token}`, { session: serve.token });
  } finally {
    const { stderr } = await serve.stop();
    const lines = stderr.trim().split("\n").filter((l) => l.startsWith("[serve]"));
    assert.ok(lines.length >= 5, stderr);
    for (const l of lines) assert.match(l, /^\[serve\] (GET|POST|PUT|DELETE|HEAD) \S+ (\d{3}|dropped) \d+ms$/, l);
    assert.ok(lines.some((l) => l === `[serve] GET / 303 ${l.split(" ").pop()}`));
    assert.ok(lines.some((l) => l.startsWith("[serve] GET /env/dev/api/v1/providers 200 ")));
    assert.ok(lines.some((l) => l.startsWith("[serve] GET /[redacted] ")));
    assert.ok(!stderr.includes(serve.token), "token never logged");
    assert.ok(!stderr.includes("Xyzzy") && !stderr.includes("query_marker_q") && !stderr.includes("ck_session"));
  }
});

test("--upstream-timeout: a hung environment becomes a 504 after that many seconds", async () => {
  // Answers the token request, then never answers the API call.
  const hung = await startHttp((req, res) => {
    if (req.url.startsWith("/oauth/token")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "tok", token_type: "Bearer", expires_in: 3600 }));
    }
  });
  const serve = await startServeBin(["--upstream", hung.url, "--upstream-timeout", "0.5"],
    { env: { SCALEKIT_CLIENT_ID: "skc_t", SCALEKIT_CLIENT_SECRET: "sks_t" } });
  try {
    const started = Date.now();
    const res = await request(serve.port, "/env/default/api/v1/providers", { session: serve.token });
    assert.equal(res.status, 504);
    assert.equal(res.json.code, "upstream-timeout");
    assert.match(res.json.message, /did not answer within 0\.5 s/);
    assert.ok(Date.now() - started < 10_000);
  } finally {
    await serve.stop();
    await hung.close();
  }
});

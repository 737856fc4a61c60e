// Host (DNS rebinding), Origin and Sec-Fetch-Site: checked before anything else, session included.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServeBin, request, rawExchange, rawStatus, assertSecurityHeaders } from "./helpers.mjs";

let serve;
before(async () => { serve = await startServeBin(); });
after(async () => { await serve.stop(); });

test("Host must be 127.0.0.1:PORT or localhost:PORT", async () => {
  const p = serve.port;
  for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`]) {
    const res = await request(p, "/api/session", { host, session: serve.token });
    assert.equal(res.status, 200, host);
  }
  const foreign = [
    `evil.example:${p}`, `127.0.0.1.evil.example:${p}`, `localhost.evil.example:${p}`, `evil.example`,
    "127.0.0.1", "localhost", `127.0.0.1:${p + 1}`, `[::1]:${p}`, `0.0.0.0:${p}`, `127.0.0.2:${p}`,
    `2130706433:${p}`, `127.1:${p}`, `localhost.:${p}`, `127.0.0.1:${p}@evil.example`, `127.0.0.1:0${p}`, "",
  ];
  for (const host of foreign) {
    const res = await request(p, "/api/session", { host, session: serve.token });
    assert.equal(res.status, 403, `Host: ${host}`);
    assert.equal(res.json.code, "forbidden-host");
    assert.ok(!res.text.includes("evil"), "the refused value is not echoed");
    assertSecurityHeaders(res, { what: `Host ${host}` });
  }
  const none = await request(p, "/api/session", { host: null, session: serve.token });
  assert.equal(none.status, 403, "no Host header");
  // HTTP/1.0 without Host, raw.
  const raw = await rawExchange(p, `GET /api/session HTTP/1.0\r\nX-Connector-Kit-Session: ${serve.token}\r\n\r\n`);
  assert.equal(rawStatus(raw), 403);
});

test("a foreign Host is refused before the session: no cookie handed to a rebinding page", async () => {
  const res = await request(serve.port, `/?session=${serve.token}`, { host: `attacker.example:${serve.port}` });
  assert.equal(res.status, 403);
  assert.equal(res.headers["set-cookie"], undefined);
  assert.equal(res.headers.location, undefined);
});

test("Origin, when present, must be this server's own", async () => {
  const p = serve.port;
  for (const origin of [`http://127.0.0.1:${p}`, `http://localhost:${p}`]) {
    const res = await request(p, "/api/session", { headers: { Origin: origin }, session: serve.token });
    assert.equal(res.status, 200, origin);
  }
  const foreign = [
    "http://evil.example", `http://evil.example:${p}`, "null", `http://127.0.0.1:${p + 1}`, `https://127.0.0.1:${p}`,
    `http://127.0.0.1:${p}/`, `http://127.0.0.1.evil.example:${p}`, `http://[::1]:${p}`, "", `HTTP://127.0.0.1:${p}x`,
  ];
  for (const origin of foreign) {
    for (const [method, path] of [["GET", "/api/session"], ["POST", "/api/confirm-production"], ["DELETE", "/env/dev/api/v1/custom-providers/x"]]) {
      const res = await request(p, path, { method, headers: { Origin: origin }, session: serve.token });
      assert.equal(res.status, 403, `${method} ${path} Origin: ${origin}`);
      assert.equal(res.json.code, "forbidden-origin");
    }
  }
  const exchange = await request(p, `/?session=${serve.token}`, { headers: { Origin: "http://evil.example" } });
  assert.equal(exchange.status, 403);
  assert.equal(exchange.headers["set-cookie"], undefined);
});

test("Sec-Fetch-Site: cross-site (and same-site: another port is the same site) → 403", async () => {
  for (const site of ["cross-site", "same-site", "bogus"]) {
    const res = await request(serve.port, "/api/session", { headers: { "Sec-Fetch-Site": site }, session: serve.token });
    assert.equal(res.status, 403, site);
    assert.equal(res.json.code, "forbidden-site");
    const page = await request(serve.port, `/?session=${serve.token}`, { headers: { "Sec-Fetch-Site": site } });
    assert.equal(page.status, 403);
    assert.match(page.headers["content-type"], /^text\/html/);
    assert.equal(page.headers["set-cookie"], undefined);
  }
  for (const site of ["same-origin", "none"]) {
    const res = await request(serve.port, "/api/session", { headers: { "Sec-Fetch-Site": site }, session: serve.token });
    assert.equal(res.status, 200, site);
  }
});

test("an absolute-form request target is not a way around Host", async () => {
  const raw = await rawExchange(serve.port,
    `GET http://evil.example/api/session HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nX-Connector-Kit-Session: ${serve.token}\r\nConnection: close\r\n\r\n`);
  assert.equal(rawStatus(raw), 400);
  const rawHost = await rawExchange(serve.port,
    `GET http://127.0.0.1:${serve.port}/api/session HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
  assert.equal(rawStatus(rawHost), 403);
});

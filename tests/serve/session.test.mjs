// The session: token → cookie exchange, and 401 for everything without it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServeBin, request, assertSecurityHeaders } from "./helpers.mjs";

let serve;
before(async () => { serve = await startServeBin(); });
after(async () => { await serve.stop(); });

test("?session=TOKEN → 303 to the same path without it, and the cookie with the right flags", async () => {
  const res = await request(serve.port, `/?session=${serve.token}`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, "/");
  const cookies = res.headers["set-cookie"];
  assert.equal(cookies.length, 1);
  const [pair, ...attrs] = cookies[0].split(";").map((s) => s.trim());
  assert.equal(pair, `ck_session=${serve.token}`);
  assert.deepEqual(attrs.map((a) => a.toLowerCase()).sort(), ["httponly", "path=/", "samesite=strict"]);
  assert.ok(!/expires|max-age|domain/i.test(cookies[0]), "a session cookie, host-only");
  assert.equal(res.text, "");

  const deep = await request(serve.port, `/www/guide.html?a=1&session=${serve.token}&b=x%20y`);
  assert.equal(deep.status, 303);
  assert.equal(deep.headers.location, "/www/guide.html?a=1&b=x%20y");
  assert.ok(!deep.headers.location.includes(serve.token));
});

test("the exchange never redirects off-site (scheme-relative paths)", async () => {
  for (const path of ["//evil.example/", "//evil.example", "/\\evil.example/", "///evil.example/x"]) {
    const res = await request(serve.port, `${path}?session=${serve.token}`);
    assert.equal(res.status, 303, path);
    assert.match(res.headers.location, /^\/[^/\\]/, `${path} → ${res.headers.location}`);
    assert.ok(!new URL(res.headers.location, "http://127.0.0.1/").host.includes("evil"));
  }
});

test("the cookie (or the tools' header) opens every route", async () => {
  const cookie = await request(serve.port, "/api/session", { headers: { Cookie: `other=1; ck_session=${serve.token}; x=y` } });
  assert.equal(cookie.status, 200);
  const header = await request(serve.port, "/api/session", { session: serve.token });
  assert.equal(header.status, 200);
  // A stale cookie of an earlier run riding along does not shut out the right one.
  const both = await request(serve.port, "/api/session", { headers: { Cookie: `ck_session=stale; ck_session=${serve.token}` } });
  assert.equal(both.status, 200);
});

test("401 without a session: JSON under /api and /env, a short page elsewhere", async () => {
  for (const path of ["/api/session", "/env/dev/api/v1/providers", "/api/nope", "/env/nope"]) {
    const res = await request(serve.port, path);
    assert.equal(res.status, 401, path);
    assert.match(res.headers["content-type"], /^application\/json/);
    assert.equal(res.json.code, "session-required");
    assert.match(res.json.message, /URL printed by connector-kit serve/);
    assertSecurityHeaders(res, { what: path });
  }
  for (const path of ["/", "/www/index.html", "/pkg/index.js", "/nope"]) {
    const res = await request(serve.port, path);
    assert.equal(res.status, 401, path);
    assert.match(res.headers["content-type"], /^text\/html/);
    assert.match(res.text, /Open the URL printed by <code>connector-kit serve<\/code>/);
    assert.ok(!/<script|style=/i.test(res.text), "nothing the CSP would block");
    assertSecurityHeaders(res, { what: path });
  }
  const post = await request(serve.port, "/env/dev/api/v1/custom-providers", { method: "POST", body: { display_name: "X" } });
  assert.equal(post.status, 401);
});

test("401 with a wrong token, and with the right token in a wrong place", async () => {
  const wrong = serve.token.replace(/^./, (c) => (c === "A" ? "B" : "A"));
  const attempts = {
    "wrong cookie": { headers: { Cookie: `ck_session=${wrong}` } },
    "wrong header": { session: wrong },
    "prefix of the token": { session: serve.token.slice(0, 20) },
    "token plus a byte": { session: `${serve.token}x` },
    "empty cookie": { headers: { Cookie: "ck_session=" } },
    "Authorization: Bearer": { headers: { Authorization: `Bearer ${serve.token}` } },
    "Authorization: Basic": { headers: { Authorization: `Basic ${Buffer.from(`x:${serve.token}`).toString("base64")}` } },
    "another cookie name": { headers: { Cookie: `session=${serve.token}; ck-session=${serve.token}; CK_SESSION=${serve.token}` } },
    "another header name": { headers: { "X-Session": serve.token, "X-Connector-Kit-Token": serve.token } },
    "the query under another name": { path: `/api/session?token=${serve.token}&ck_session=${serve.token}` },
    "the path": { path: `/api/session/${serve.token}` },
  };
  for (const [what, opts] of Object.entries(attempts)) {
    const res = await request(serve.port, opts.path ?? "/api/session", opts);
    assert.equal(res.status, 401, what);
    assert.equal(res.headers["set-cookie"], undefined, what);
    assert.ok(!res.text.includes(serve.token), what);
  }
  // A wrong ?session= is refused outright (no cookie), even next to a right cookie.
  for (const path of [`/?session=${wrong}`, "/?session=", `/api/session?session=${wrong}&session=${serve.token}`]) {
    const res = await request(serve.port, path, { headers: { Cookie: `ck_session=${serve.token}` } });
    assert.equal(res.status, 401, path);
    assert.equal(res.headers["set-cookie"], undefined);
  }
  // Body carrying the token is not a session either.
  const body = await request(serve.port, "/api/confirm-production", { method: "POST", body: { session: serve.token, environment: "prod" } });
  assert.equal(body.status, 401);
});

// In real headless Chromium: the attacks a web page could try against a running serve, tried as an
// attacker would (a page on another local origin, a DNS-rebinding host name), and the CSP as the
// browser enforces it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServeBin, startHttp, request } from "./helpers.mjs";
import { makeFixture, startFixtureServe } from "./fixture.mjs";

const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  // DNS rebinding, simulated: these names resolve to 127.0.0.1, as an attacker's would after rebinding.
  "--host-resolver-rules=MAP rebind.test 127.0.0.1, MAP evil.test 127.0.0.1",
];

let browser;
let serve;
let attacker;

// The attacker's page: tries to read and to write through serve with the victim's cookie.
function attackPage(target) {
  return `<!doctype html><html><body><h1>totally harmless page</h1>
<form id="f" method="POST" action="${target}/env/dev/api/v1/custom-providers" enctype="text/plain" target="sink">
<input name='{"display_name":"Form Attack","proxy_url":"https://x.example","auth_patterns":[{"type":"NO_AUTH"}],"x":"' value='"}'>
</form><iframe name="sink"></iframe>
<script>
const T = ${JSON.stringify(target)};
async function attempt(name, fn) {
  try { const v = await fn(); return [name, "read", v]; } catch (e) { return [name, "refused", String(e && e.name)]; }
}
window.attack = async () => {
  const out = [];
  out.push(await attempt("read /api/session", async () => (await fetch(T + "/api/session", { credentials: "include" })).text()));
  out.push(await attempt("read providers", async () => (await fetch(T + "/env/dev/api/v1/providers?filter.provider_type=ALL", { credentials: "include" })).text()));
  out.push(await attempt("json POST (preflighted)", async () => (await fetch(T + "/env/dev/api/v1/custom-providers", {
    method: "POST", credentials: "include", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ display_name: "Cors Attack", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] }) })).text()));
  // Simple requests go out without a preflight; the attacker cannot read them but hopes they act.
  const blind = [
    [T + "/api/confirm-production", JSON.stringify({ environment: "prod" })],
    [T + "/env/prod/api/v1/custom-providers", JSON.stringify({ display_name: "Blind Prod", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] })],
    [T + "/env/dev/api/v1/custom-providers", JSON.stringify({ display_name: "Blind Dev", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] })],
  ];
  for (const [url, body] of blind) {
    out.push(await attempt("no-cors POST " + url.slice(T.length), async () => {
      const r = await fetch(url, { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body });
      return r.type + ":" + (await r.text());
    }));
  }
  out.push(await attempt("no-cors GET", async () => { const r = await fetch(T + "/api/session", { mode: "no-cors", credentials: "include" }); return r.type + ":" + (await r.text()); }));
  out.push(await attempt("script tag", () => new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = T + "/env/dev/api/v1/providers";
    s.onload = () => resolve("loaded"); s.onerror = () => reject(new Error("blocked"));
    document.body.append(s);
  })));
  document.getElementById("f").submit();
  await new Promise((r) => setTimeout(r, 500));
  return out;
};
</script></body></html>`;
}

before(async () => {
  serve = await startServeBin();
  attacker = await startHttp((req, res) => {
    const target = new URL(req.url, "http://x").searchParams.get("target") ?? serve.base;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(attackPage(target));
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await attacker?.close();
  await serve?.stop();
});

async function customNames(env) {
  const res = await request(serve.port, `/env/${env}/api/v1/providers?filter.provider_type=CUSTOM`, { session: serve.token });
  return res.json.providers.map((p) => p.display_name);
}

test("the victim's browser: the URL gives an HttpOnly, SameSite=Strict cookie, and the page's own origin works", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const res = await page.goto(serve.first);
    assert.equal(new URL(page.url()).search, "", "the token is gone from the address bar");
    assert.ok([200, 404].includes(res.status()), `status ${res.status()}`);
    const cookies = await context.cookies(serve.base);
    const ck = cookies.find((c) => c.name === "ck_session");
    assert.ok(ck);
    assert.equal(ck.httpOnly, true);
    assert.equal(ck.sameSite, "Strict");
    assert.equal(await page.evaluate(() => document.cookie), "", "scripts cannot read it");
    const own = await page.evaluate(async () => {
      const r = await fetch("/api/session");
      return { status: r.status, body: await r.json() };
    });
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.environments.map((e) => e.name), ["dev", "prod"]);
    const write = await page.evaluate(async () => (await fetch("/env/dev/api/v1/custom-providers", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ display_name: "From The Page", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] }),
    })).status);
    assert.equal(write, 201, "a same-origin write (with Origin) goes through");
  } finally {
    await context.close();
  }
});

for (const [label, attackerOrigin] of [["another port of 127.0.0.1 (same site)", "127.0.0.1"], ["localhost (another site)", "localhost"]]) {
  test(`a page on ${label} cannot read or write through serve, even with the victim's cookie`, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(serve.first); // the victim has opened serve: the cookie is in the jar
      await page.waitForLoadState("networkidle");
      await page.close(); // (its own traffic would blur the log checked below)
      const devBefore = await customNames("dev");
      const prodBefore = await customNames("prod");
      const evil = await context.newPage();
      await new Promise((r) => setTimeout(r, 200));
      const mark = serve.output().stderr.length;
      await evil.goto(`http://${attackerOrigin}:${attacker.port}/?target=${encodeURIComponent(serve.base)}`);
      const results = await evil.evaluate(() => window.attack());
      await new Promise((r) => setTimeout(r, 300));
      // Every request the attack made reached serve and was refused at the door.
      const seen = serve.output().stderr.slice(mark).split("\n").filter((l) => l.startsWith("[serve]"));
      assert.ok(seen.length >= 8, seen.join("\n"));
      for (const l of seen) assert.match(l, / 403 \d+ms$/, l);
      assert.ok(seen.some((l) => l.startsWith("[serve] POST /api/confirm-production 403")), seen.join("\n"));
      const byName = Object.fromEntries(results.map(([n, outcome, v]) => [n, { outcome, v }]));
      for (const n of ["read /api/session", "read providers", "json POST (preflighted)", "script tag"]) {
        assert.equal(byName[n].outcome, "refused", `${n}: ${JSON.stringify(byName[n])}`);
      }
      for (const [n, { outcome, v }] of Object.entries(byName)) {
        if (outcome === "read") assert.equal(v, "opaque:", `${n} must not be readable: ${v}`);
        assert.ok(!String(v).includes("environments") && !String(v).includes("GitHub"), n);
      }
      assert.deepEqual(await customNames("dev"), devBefore, "no write reached dev");
      assert.deepEqual(await customNames("prod"), prodBefore, "no write reached prod");
      // The blind confirmation did not arm anything either.
      const prod = await request(serve.port, "/env/prod/api/v1/custom-providers", {
        method: "POST", session: serve.token, body: { display_name: "Check Armed", proxy_url: "https://x.example", auth_patterns: [{ type: "NO_AUTH" }] } });
      assert.equal(prod.status, 403);
    } finally {
      await context.close();
    }
  });
}

test("DNS rebinding: a page whose host name now points at 127.0.0.1 gets 403 and no cookie", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(serve.first);
    const rebound = await context.newPage();
    // Rebinding completes: the attacker's host name resolves to 127.0.0.1 on serve's port.
    const res = await rebound.goto(`http://rebind.test:${serve.port}/api/session`);
    assert.equal(res.status(), 403);
    const fromThere = await rebound.evaluate(async () => {
      const r = await fetch("/api/session");
      const s = await fetch("/env/dev/api/v1/providers");
      return [r.status, await r.text(), s.status];
    });
    assert.equal(fromThere[0], 403);
    assert.equal(fromThere[2], 403);
    assert.ok(!fromThere[1].includes("environments"));
    // Even with the token in hand the exchange is refused on that host.
    const withToken = await rebound.goto(`http://rebind.test:${serve.port}/?session=${serve.token}`);
    assert.equal(withToken.status(), 403);
    assert.equal((await context.cookies(`http://rebind.test:${serve.port}`)).length, 0);
  } finally {
    await context.close();
  }
});

test("serve cannot be framed by another page", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(serve.first);
    const framer = await startHttp((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(`<!doctype html><iframe id="f" src="${serve.base}/"></iframe>`);
    });
    try {
      const evil = await context.newPage();
      await evil.goto(framer.url);
      await evil.waitForTimeout(500);
      const frame = evil.frames().find((f) => f !== evil.mainFrame());
      assert.ok(frame, "the iframe exists");
      assert.match(frame.url(), /^chrome-error:/, "the frame shows the browser's error page, not serve's");
      const framed = await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "");
      assert.ok(!framed.includes("environments") && !framed.includes("connector-builder"), framed);
    } finally {
      await framer.close();
    }
  } finally {
    await context.close();
  }
});

test("the CSP as Chromium enforces it: the import map runs by hash, an injected inline script does not", async () => {
  const fixture = makeFixture();
  const s = await startFixtureServe(fixture);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const messages = [];
    page.on("console", (m) => messages.push(m.text()));
    await page.goto(s.sessionUrl);
    await page.waitForFunction(() => document.documentElement.dataset.loaded !== undefined, null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.loaded), "object", "the module resolved through the import map");
    assert.deepEqual(messages.filter((m) => /Content Security Policy/i.test(m)), [], "no violation for the import map");
    const injected = await page.evaluate(async () => {
      const sc = document.createElement("script");
      sc.textContent = "window.pwned = 1";
      document.head.append(sc);
      const st = document.createElement("style");
      st.textContent = "body { background: red }";
      document.head.append(st);
      await new Promise((r) => setTimeout(r, 100));
      return { pwned: window.pwned ?? null, bg: getComputedStyle(document.body).backgroundColor };
    });
    assert.equal(injected.pwned, null, "inline script blocked");
    assert.notEqual(injected.bg, "rgb(255, 0, 0)", "inline style blocked");
    assert.ok(messages.some((m) => /Content Security Policy/i.test(m)), "the browser reported the violation");
  } finally {
    await context.close();
    await s.close();
    fixture.remove();
  }
});

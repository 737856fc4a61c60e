// Static files: the page, the package's browser files, and every way out of them refused.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { request, rawExchange, rawStatus, startServeBin, assertSecurityHeaders } from "./helpers.mjs";
import { makeFixture, startFixtureServe, SECRET_TEXT } from "./fixture.mjs";
import { safeSegments, isPackageBrowserFile, defaultWwwDirs } from "../../pkg/lib/serve/static.mjs";

let fixture;
let serve;
before(async () => {
  fixture = makeFixture();
  serve = await startFixtureServe(fixture);
});
after(async () => {
  await serve.close();
  fixture.remove();
});

const get = (path, opts = {}) => request(serve.port, path, { session: serve.token, ...opts });

test("the page and its files, with the right Content-Type", async () => {
  const want = {
    "/": "text/html; charset=utf-8",
    "/www/index.html": "text/html; charset=utf-8",
    "/www/app.js": "text/javascript; charset=utf-8",
    "/www/module.mjs": "text/javascript; charset=utf-8",
    "/www/style.css": "text/css; charset=utf-8",
    "/www/icon.svg": "image/svg+xml",
    "/www/data.json": "application/json",
    "/www/font.woff2": "font/woff2",
    "/www/blob.bin": "application/octet-stream",
    "/www/sub/dir/deep.txt": "text/plain; charset=utf-8",
    "/www/alias.js": "text/javascript; charset=utf-8", // a symlink inside the root is fine
    "/www/%61pp.js": "text/javascript; charset=utf-8", // percent-encoded plain letters
  };
  for (const [path, type] of Object.entries(want)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers["content-type"], type, path);
    assert.equal(Number(res.headers["content-length"]), res.raw.length, path);
    assertSecurityHeaders(res, { what: path });
  }
  const head = await get("/www/app.js", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.text, "");
});

test("/pkg/ serves only the browser files of the package", async () => {
  const allowed = {
    "/pkg/index.js": "text/javascript; charset=utf-8",
    "/pkg/wasm/api.js": "text/javascript; charset=utf-8",
    "/pkg/wasm/web/connector_kit.js": "text/javascript; charset=utf-8",
    "/pkg/wasm/web/connector_kit_bg.wasm": "application/wasm",
    "/pkg/lib/heal.js": "text/javascript; charset=utf-8",
    "/pkg/lib/errors.js": "text/javascript; charset=utf-8",
  };
  for (const [path, type] of Object.entries(allowed)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers["content-type"], type, path);
  }
  const refused = [
    "/pkg/package.json", "/pkg/node.mjs", "/pkg/index.d.ts", "/pkg/wasm/heal.cjs", "/pkg/wasm/web/connector_kit.d.ts",
    "/pkg/wasm/node/connector_kit.js", "/pkg/lib/emulator.mjs", "/pkg/lib/serve/index.mjs", "/pkg/bin/connector-kit.mjs",
    "/pkg/www/index.html", "/pkg/", "/pkg", "/pkg/wasm/", "/pkg/wasm/web/", "/pkg/lib/", "/pkg/wasm/web/stolen.js",
    "/pkg/wasm/web/stolen.wasm", "/pkg/index.js/", "/pkg//index.js", "/pkg/./index.js", "/pkg/INDEX.JS",
  ];
  for (const path of refused) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.text.includes(SECRET_TEXT), `${path} leaks`);
  }
});

test("no directory listings, no dotfiles, nothing but GET and HEAD", async () => {
  for (const path of ["/www/", "/www", "/www/sub/", "/www/sub", "/www/sub/dir", "/www/.hidden", "/www/sub/../.hidden"]) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.text.includes(SECRET_TEXT) && !res.text.includes("deep.txt"), path);
  }
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
    const res = await get("/www/app.js", { method });
    assert.equal(res.status, 404, method);
  }
});

const TRAVERSALS = [
  "/www/../secret.txt", "/www/..%2fsecret.txt", "/www/..%2Fsecret.txt", "/www/%2e%2e/secret.txt", "/www/%2E%2E%2Fsecret.txt",
  "/www/..%5csecret.txt", "/www/..\\secret.txt", "/www/%2e%2e%5csecret.txt", "/www/sub/../../secret.txt",
  "/www/%252e%252e/secret.txt", "/www/..%252fsecret.txt", "/www/..%c0%afsecret.txt", "/www/.%2e/secret.txt",
  "/www/escape.txt", "/www/relative-escape.txt", "/www/linkdir/also-secret.txt",
  "/www//etc/passwd", "/www/%2fetc%2fpasswd", "/www/%2Fetc/passwd", "/www/C:%5cWindows", "/www/file:%2f%2f%2fetc%2fpasswd",
  "/www/app.js%00.png", "/www/%00", "/www/app.js%0a", "/www/%", "/www/%zz",
  "/pkg/../package.json", "/pkg/..%2fpackage.json", "/pkg/%2e%2e/package.json", "/pkg/wasm/../package.json",
  "/pkg/wasm/web/..%2f..%2fpackage.json", "/pkg/wasm/web/%2e%2e/%2e%2e/package.json", "/pkg/lib/heal.js/../../package.json",
  "/www/..%2f..%2fCargo.toml", "/www/..%2f..%2f..%2fetc%2fpasswd", "/..%2fsecret.txt", "/%2e%2e/secret.txt",
  "/www/../pkg/package.json", "/www/..%2fpkg%2fpackage.json",
];

test("traversal, encoded traversal, symlinks, absolute paths, NUL: 404 without leaking", async () => {
  for (const path of TRAVERSALS) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!res.text.includes(SECRET_TEXT) && !res.text.includes("9.9.9-fixture"), `${path} leaks`);
    assert.ok(!res.text.includes(fixture.root), `${path} names a file system path`);
    assertSecurityHeaders(res, { what: path });
  }
});

test("NUL bytes and raw dots sent on the wire", async () => {
  for (const target of ["/www/app.js\0.png", "/www/\0", "/pkg/index.js\0", "/www/../secret.txt", "/www/./../secret.txt"]) {
    const answer = await rawExchange(serve.port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nX-Connector-Kit-Session: ${serve.token}\r\nConnection: close\r\n\r\n`);
    const status = rawStatus(answer);
    assert.ok(status === 400 || status === 404, `${JSON.stringify(target)} → ${status}`);
    assert.ok(!answer.includes(SECRET_TEXT));
  }
});

test("path helpers", () => {
  assert.deepEqual(safeSegments("a/b%20c.js"), ["a", "b c.js"]);
  for (const bad of ["", "a//b", "../a", "a/..", "%2e%2e", "a%2fb", "a%5cb", ".git/config", "a%00", "%", "c:x"]) {
    assert.equal(safeSegments(bad), null, bad);
  }
  assert.ok(isPackageBrowserFile("wasm/web/connector_kit_bg.wasm"));
  for (const bad of ["package.json", "wasm/web/x.d.ts", "wasm/web/sub/x.js", "wasm/node/connector_kit.js", "lib/emulator.mjs"]) {
    assert.ok(!isPackageBrowserFile(bad), bad);
  }
  // An installed package never falls back to a sibling www/ (node_modules/www would be another package).
  const dirs = defaultWwwDirs("/nonexistent/node_modules/connector-kit");
  assert.deepEqual(dirs, ["/nonexistent/node_modules/connector-kit/www"]);
});

test("the real package through the real bin: traversal refused, browser files served", async () => {
  const bin = await startServeBin();
  try {
    const repo = fileURLToPath(new URL("../../", import.meta.url));
    const cargo = fs.readFileSync(`${repo}Cargo.toml`, "utf8");
    for (const path of ["/pkg/../package.json", "/pkg/%2e%2e/package.json", "/www/..%2f..%2fCargo.toml", "/www/%2e%2e/%2e%2e/Cargo.toml",
      "/pkg/package.json", "/pkg/bin/connector-kit.mjs", "/pkg/lib/serve/index.mjs", "/pkg/lib/emulator.mjs",
      "/www/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/pkg/wasm/node/connector_kit_bg.wasm", "/pkg/node.mjs"]) {
      const res = await request(bin.port, path, { session: bin.token });
      assert.equal(res.status, 404, path);
      assert.ok(!res.text.includes("[package]") && !res.text.includes('"bin"') && !res.text.includes("root:x:0") && !res.text.includes(cargo.slice(0, 40)), path);
    }
    const pkgDir = `${repo}pkg/`;
    if (fs.existsSync(`${pkgDir}wasm/web/connector_kit_bg.wasm`)) {
      const wasm = await request(bin.port, "/pkg/wasm/web/connector_kit_bg.wasm", { session: bin.token });
      assert.equal(wasm.status, 200);
      assert.equal(wasm.headers["content-type"], "application/wasm");
      assert.deepEqual(wasm.raw.subarray(0, 4), Buffer.from([0, 0x61, 0x73, 0x6d]));
      for (const path of ["/pkg/index.js", "/pkg/wasm/api.js", "/pkg/lib/heal.js", "/pkg/lib/errors.js", "/pkg/wasm/web/connector_kit.js"]) {
        const res = await request(bin.port, path, { session: bin.token });
        assert.equal(res.status, 200, path);
        assert.equal(res.headers["content-type"], "text/javascript; charset=utf-8");
      }
    }
  } finally {
    await bin.stop();
  }
});

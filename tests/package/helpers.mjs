// Shared by the package tests: packing and installing pkg/ as a user would, a static
// file server on 127.0.0.1, and Debian's Chromium driven by playwright-core.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "../../scripts/build.mjs";

export { ROOT };

// The same flags as webdriver.json (see the toolchain notes).
export const CHROMIUM_ARGS = JSON.parse(readFileSync(join(ROOT, "webdriver.json"), "utf8"))["goog:chromeOptions"].args;

export const CRATE_VERSION = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];

export function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts });
}

/** `npm pack` pkg/ and install the tarball into a fresh project; returns the project dir. */
export function installPackedPackage() {
  const dir = mkdtempSync(join(tmpdir(), "connector-kit-consumer-"));
  const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: join(ROOT, "pkg") }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  run("npm", ["install", join(dir, filename), "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir });
  return { dir, tarball: join(dir, filename) };
}

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".cjs": "text/javascript",
  ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css",
};

/** Serves `root` read-only on 127.0.0.1 at a free port; resolves to { url, close }. */
export function serveStatic(root) {
  const server = createServer((req, res) => {
    if (req.url === "/favicon.ico") { res.writeHead(204).end(); return; } // keeps the console clean
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!path.startsWith(root + sep) && path !== root) { res.writeHead(403).end(); return; }
    const file = path.endsWith(sep) ? join(path, "index.html") : path;
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}

export function launchChromium() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Opens `url` and waits for the page to set `window.__result`; fails on the first page
 * error (an exception the page did not catch, or a module that did not load).
 */
export async function pageResult(browser, url) {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  try {
    const failed = new Promise((_, reject) => page.on("pageerror", (e) => reject(new Error(`page error: ${e.message}`))));
    await Promise.race([
      (async () => {
        await page.goto(url);
        await page.waitForFunction(() => "__result" in window, null, { timeout: 30_000 });
      })(),
      failed,
    ]);
    return { result: await page.evaluate(() => window.__result), consoleErrors };
  } catch (e) {
    e.message += consoleErrors.length ? `\nconsole errors:\n${consoleErrors.join("\n")}` : "";
    throw e;
  } finally {
    await page.close();
  }
}

// Shared by the end-to-end suites: start `connector-kit serve` (embedded emulators), drive Debian's
// Chromium with playwright-core, collect console errors, page errors, CSP violations and dialogs,
// and save screenshots to artifacts/screenshots/.

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHOTS = join(ROOT, "artifacts", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * Starts `node pkg/bin/connector-kit.mjs serve --port 0 [args]` (with `env` added to this
 * process's); resolves with the URL on its first stdout line.
 */
export function startServe({ args = [], env = {}, timeoutMs = 30_000 } = {}) {
  const child = spawn(process.execPath, [join(ROOT, "pkg", "bin", "connector-kit.mjs"), "serve", "--port", "0", ...args], {
    cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => { child.kill("SIGTERM"); reject(new Error(`serve printed no URL within ${timeoutMs} ms\n${stderr}`)); }, timeoutMs);
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code} before printing its URL\n${stderr}`)); });
    child.stdout.on("data", function onData(d) {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stdout.resume();
      const url = out.slice(0, nl).trim();
      resolve({
        url,
        origin: new URL(url).origin,
        child,
        stderr: () => stderr,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.removeAllListeners("exit");
          child.once("exit", () => done());
          child.kill("SIGTERM");
        }),
      });
    });
  });
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A browser with the builder page of `serve` open: `{ browser, session, page, b }` (see openPage, builder). */
export async function openBuilder(serve) {
  const browser = await launchBrowser();
  const session = await openPage(browser, serve);
  return { browser, session, page: session.page, b: builder(session.page) };
}

/**
 * A page that records every console error, page error, CSP violation and JS dialog (alert,
 * confirm…). `problems()` lists them; an empty list is what the suites expect.
 */
export async function openPage(browser, serve, { colorScheme = "light", viewport = { width: 1440, height: 900 }, path } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serve.origin });
  const page = await context.newPage();
  const seen = { console: [], pageErrors: [], csp: [], dialogs: [] };
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    const text = m.text();
    if (/CSP violation|Content.Security.Policy/i.test(text)) seen.csp.push(text);
    else if (m.type() === "error") seen.console.push(text);
  });
  page.on("pageerror", (e) => seen.pageErrors.push(e.message));
  page.on("dialog", (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(serve.url); // sets the session cookie and redirects to /
  if (path) await page.goto(serve.origin + path);
  await page.waitForFunction(() => customElements.get("connector-builder") !== undefined, null, { timeout: 30_000 });
  return { page, context, seen, problems: () => [...seen.console, ...seen.pageErrors, ...seen.csp, ...seen.dialogs] };
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(250); // let the typing pause (150 ms) and colour transitions settle
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms with `message`). */
export async function until(fn, { timeout = 5000, interval = 50, message = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Locators inside the component (playwright's CSS engine pierces open shadow roots). */
export function builder(page, host = "connector-builder") {
  const q = (sel) => page.locator(`${host} ${sel}`);
  return {
    q,
    editor: q("textarea.code"),
    pill: q('[part="status"]'),
    diagnostics: q('[part="diagnostic"]'),
    diagnostic: (code) => q(`[part="diagnostic"][data-code="${code}"]`),
    formInput: (pointer) => q(`form [data-path="${pointer}"]`),
    tab: (name) => q(`[role="tab"][data-tab="${name}"]`),
    dialog: (label) => q(`dialog[data-dialog="${label}"]`),
    notice: q('[part="notice"]'),
    action: (name) => q(`[data-action="${name}"]`),
    row: (identifier) => q(`.connector[data-identifier="${identifier}"]`),
    /** The editor's text. */
    text: () => q("textarea.code").inputValue(),
    /** The payload the component reports (its `payload` property). */
    payload: () => page.evaluate((h) => document.querySelector(h).payload, host),
  };
}

// Issue 7.3: one end-to-end run of the whole flow — page, CLI, client, serve, emulator — with
// recognisable secrets, and proof that none of them (nor its base64 or prefixed forms) shows up
// anywhere but its own place:
//
//   client secret   only in the body of POST /oauth/token to the upstream;
//   access tokens   only in the Authorization header of requests from serve, the CLI or the
//                   client to the upstream (and the token endpoint's own answer);
//   typed values    (test credentials typed into the page, --set on the CLI) only where the user
//                   asked to see them: the Reveal toggle, a copy made while revealed, --reveal;
//   mutation default  inside the payload itself (it is part of the connector), and revealed
//                   previews; the page warns next to it.
//
// "The upstream" is an emulator behind a recording proxy, so every request that reaches it is
// seen, with the endpoint it went to. Everything else is collected as it happens: stdout and
// stderr of every process, every file written below the run's folder (each process gets its own
// HOME and TMPDIR there), the page's storage (localStorage, sessionStorage, IndexedDB, Cache
// Storage, cookies), every browser request and response (headers and bodies), the page's DOM
// while masked and while revealed, the clipboard, console messages, the component's error
// events and every ConnectorError. The last test scans it all and names each place a secret was
// found.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { ManagementClient } from "connector-kit";
import { launchBrowser, openPage, builder, until } from "../e2e/helpers.mjs";
import { runBin, startServeBin } from "../serve/helpers.mjs";
import { run as runCli } from "../cli/helpers.mjs";
import { canary, Evidence, findIn } from "./canary.mjs";
import { startRecordingProxy } from "./recording-proxy.mjs";

// ---- the secrets ------------------------------------------------------------------------------

const CLIENT_ID = "skc_leakcanary_client";
const SECRET = {
  client: "sks_LEAKCANARY_client_7f3a",
  wrong: "sks_LEAKCANARY_wrong_0b7d", // a bad secret: the failing calls
  bogusToken: "tok_LEAKCANARY_bogus_33aa", // an access token nobody issued
  token: "tok_LEAKCANARY_typed_91c2", // typed: a bearer token
  apiKey: "key_LEAKCANARY_typed_5d0e", // typed: an API key
  username: "usr_LEAKCANARY_typed_2b6f", // typed: a Basic username (Freshdesk's is an API key)
  password: "pw_LEAKCANARY_typed_c4b8", // typed: a Basic password
  botToken: "bot_LEAKCANARY_typed_e71d", // typed: a token that sits in the URL path
  mutationDefault: "mutdef_LEAKCANARY_9e11", // password.default in the payload
  pin: "pin_LEAKCANARY_typed_8a3c", // typed into a password input that is then renamed and retyped
};
const TOKEN_PREFIX = "Tok ";
const KEY_PREFIX = "Klaviyo-API-Key ";

const STATIC_CANARIES = [
  canary("client secret", SECRET.client, { kind: "client-secret", pairs: [`${CLIENT_ID}:${SECRET.client}`] }),
  canary("wrong client secret", SECRET.wrong, { kind: "client-secret", pairs: [`${CLIENT_ID}:${SECRET.wrong}`] }),
  canary("bogus access token", SECRET.bogusToken, { kind: "access-token", prefixes: ["Bearer "] }),
  canary("typed bearer token", SECRET.token, { kind: "typed", prefixes: [`Bearer ${TOKEN_PREFIX}`, "Bearer ", TOKEN_PREFIX] }),
  canary("typed API key", SECRET.apiKey, { kind: "typed", prefixes: [KEY_PREFIX] }),
  canary("typed Basic username", SECRET.username, { kind: "typed", pairs: [`${SECRET.username}:${SECRET.password}`, `${SECRET.username}:${SECRET.mutationDefault}`] }),
  canary("typed Basic password", SECRET.password, { kind: "typed", pairs: [`${SECRET.username}:${SECRET.password}`, `KEY:${SECRET.password}`] }),
  canary("typed path token", SECRET.botToken, { kind: "typed", prefixes: ["Bearer ", "bot"] }),
  canary("typed PIN", SECRET.pin, { kind: "typed" }),
  canary("password.default mutation", SECRET.mutationDefault, { kind: "mutation-default", pairs: [`${SECRET.username}:${SECRET.mutationDefault}`, `KEY:${SECRET.mutationDefault}`] }),
];

// ---- the connectors ---------------------------------------------------------------------------

const BEARER = {
  display_name: "Leak Canary Bearer",
  description: "Canary connector for the secrets test",
  proxy_url: "https://api.example.com/v1",
  proxy_enabled: true,
  auth_patterns: [{
    type: "BEARER", display_name: "Token", description: "A bearer token",
    fields: [{ field_name: "token", label: "Token", input_type: "password", hint: "From the settings page", required: true }],
    auth_field_mutations: { token: { prefix: TOKEN_PREFIX } },
  }],
};

const API_KEY = {
  display_name: "Leak Canary Key",
  description: "Canary connector for the secrets test",
  proxy_url: "https://a.klaviyo.example/api",
  proxy_enabled: true,
  auth_patterns: [{
    type: "API_KEY", display_name: "Key", description: "An API key", auth_header_key_override: "X-Api-Key",
    fields: [{ field_name: "api_key", label: "API key", input_type: "password", hint: "From the settings page", required: true }],
    auth_field_mutations: { api_key: { prefix: KEY_PREFIX } },
  }],
};

/** BASIC, with a secret in password.default: the connector the page and the client save. */
const basic = (name) => ({
  display_name: name,
  description: "Canary connector for the secrets test",
  proxy_url: "https://{{domain}}/api",
  proxy_enabled: true,
  auth_patterns: [{
    type: "BASIC", display_name: "Basic", description: "Username and password",
    fields: [
      { field_name: "domain", label: "Domain", input_type: "text", hint: "acme.example.com", required: true },
      { field_name: "username", label: "API key", input_type: "text", hint: "From the profile page", required: true },
      { field_name: "password", label: "Password", input_type: "password", hint: "Leave empty", required: false },
    ],
    auth_field_mutations: { password: { default: SECRET.mutationDefault } },
  }],
});

/** A token in the URL path, as Telegram's bot API wants it. */
const PATH_TOKEN = {
  display_name: "Leak Canary Bot",
  description: "Canary connector for the secrets test",
  proxy_url: "https://api.telegram.example/bot{{token}}",
  proxy_enabled: true,
  auth_patterns: [{
    type: "BEARER", display_name: "Bot token", description: "The bot's token",
    fields: [{ field_name: "token", label: "Bot token", input_type: "password", hint: "From BotFather", required: true, is_path_param: true }],
  }],
};

// ---- the run ----------------------------------------------------------------------------------

const evidence = new Evidence();
let WORK;
let emulator;
let emulatorUrl;
let proxy;
let serve;
let browser;
let session;
let page;
let b;
const pending = []; // browser bodies being read
let seq = 0;

/** A HOME and TMPDIR of its own below the run's folder, so every file a process writes is seen. */
function homeFor(name) {
  const home = path.join(WORK, "homes", name);
  const tmp = path.join(home, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  return { HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: path.join(home, ".config"), XDG_CACHE_HOME: path.join(home, ".cache"), XDG_DATA_HOME: path.join(home, ".local", "share"), NO_COLOR: "1" };
}

before(async () => {
  WORK = fs.mkdtempSync(path.join(os.tmpdir(), "ck-secrets-"));
  emulator = runBin(["emulator", "--port", "0", "--client-id", CLIENT_ID],
    { env: { ...homeFor("emulator"), CONNECTOR_KIT_EMULATOR_CLIENT_SECRET: SECRET.client } });
  emulatorUrl = (await emulator.ready).trim();
  assert.match(emulatorUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  proxy = await startRecordingProxy(emulatorUrl);
  serve = await startServeBin(["--port", "0", "--upstream", proxy.url],
    { env: { ...homeFor("serve"), SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: SECRET.client } });
  // Chromium's profile and temp files go below the run's folder too (playwright makes them in
  // os.tmpdir()), so whatever the browser writes to disk is scanned with the rest.
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = homeFor("chromium").TMPDIR;
  try {
    browser = await launchBrowser();
  } finally {
    if (tmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = tmp;
  }
});

after(async () => {
  await browser?.close().catch(() => {});
  await serve?.stop();
  if (emulator && emulator.child.exitCode === null) emulator.child.kill("SIGTERM");
  await emulator?.exited;
  await proxy?.close();
  if (WORK && !process.env.KEEP_SECRETS_RUN) fs.rmSync(WORK, { recursive: true, force: true });
});

/** Emulator control (straight to the emulator: not upstream traffic). */
async function control(route, body) {
  const res = await fetch(`${emulatorUrl}/_emulator/${route}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}),
  });
  assert.ok(res.ok, `emulator control ${route}: ${res.status}`);
}

test("the scanner finds a canary in every form it could travel in", () => {
  const c = canary("probe", "probe_LEAKCANARY_value_0a1b", { kind: "typed", prefixes: ["Bearer "] });
  const b64 = (t) => Buffer.from(t).toString("base64");
  const forms = {
    raw: `x=${c.value}&y`,
    bearer: `Authorization: Bearer ${c.value}`,
    base64: b64(c.value),
    "base64 user:pass": `Basic ${b64(`someone:${c.value}`)}`,
    "base64 pass:": b64(`${c.value}:`),
    "base64 in the middle": b64(`ab:${c.value}:cd`),
    base64url: Buffer.from(`zz${c.value}`).toString("base64url"),
    "percent-encoded base64": encodeURIComponent(b64(`?>${c.value}`)),
    "JSON-escaped": JSON.stringify({ v: c.value }),
  };
  for (const [label, text] of Object.entries(forms)) {
    assert.ok(findIn(text, [c]).length > 0, `${label}: ${text}`);
  }
  assert.deepEqual(findIn(`Bearer ${c.value}`, [c]).map((h) => h.form.label), ['prefixed "Bearer "'], "the most specific form is reported");
  assert.deepEqual(findIn(b64("probe_LEAKCANARY_value_0a1c"), [c]), [], "a neighbour is not a match");
});

// ---- the page ---------------------------------------------------------------------------------

function recordBrowser(context) {
  context.on("request", (req) => {
    const n = ++seq;
    pending.push((async () => {
      const where = `browser request #${n} ${req.method()} ${req.url()}`;
      const api = /\/env\/[^/]+\/api\/v1\//.test(req.url());
      evidence.add(`${where}: URL`, req.url(), ["browser"]);
      const headers = await req.allHeaders().catch(() => req.headers());
      for (const [k, v] of Object.entries(headers)) evidence.add(`${where}: header ${k}`, v, ["browser"]);
      evidence.add(`${where}: body`, req.postData() ?? "", ["browser", ...(api ? ["payload"] : [])]);
    })());
  });
  context.on("response", (res) => {
    const n = ++seq;
    pending.push((async () => {
      const where = `browser response #${n} ${res.status()} to ${res.request().method()} ${res.url()}`;
      const api = /\/env\/[^/]+\/api\/v1\//.test(res.url());
      const headers = await res.allHeaders().catch(() => res.headers());
      for (const [k, v] of Object.entries(headers)) evidence.add(`${where}: header ${k}`, v, ["browser"]);
      let body = "";
      try { body = (await res.body()).toString("latin1"); } catch { /* redirects have none */ }
      evidence.add(`${where}: body`, body, ["browser", ...(api ? ["payload"] : [])]);
    })());
  });
  context.on("console", (m) => evidence.add(`browser console (${m.type()})`, m.text(), ["log"]));
  context.on("weberror", (e) => evidence.add("browser page error", String(e.error()?.stack ?? e.error()), ["error"]));
}

async function listenToComponent() {
  await page.evaluate(() => {
    window.__ckErrors ??= [];
    const el = document.querySelector("connector-builder");
    el.addEventListener("error", (e) => {
      const x = e.detail?.error ?? {};
      window.__ckErrors.push(JSON.stringify({ action: e.detail?.action, code: x.code, message: x.message, hint: x.hint, status: x.status, violations: x.violations, stack: x.stack }));
    });
  });
}

/** The component's DOM, the panels apart: [label, html]. Input values are not in it (only typed text). */
async function domParts() {
  return page.evaluate(() => {
    const root = document.querySelector("connector-builder").shadowRoot;
    const out = [];
    const preview = root.querySelector('[part="preview"]');
    const template = root.querySelector('[part="template"]');
    out.push(["wire preview", preview?.outerHTML ?? ""], ["template panel", template?.outerHTML ?? ""]);
    // A copy of the shadow root's children, serialised without the two panels.
    const holder = document.createElement("div");
    for (const child of root.childNodes) holder.append(child.cloneNode(true));
    holder.querySelector('[part="preview"]')?.remove();
    holder.querySelector('[part="template"]')?.remove();
    out.push(["form, editor, problems, manage, dialogs", holder.innerHTML]);
    out.push(["document outside the component", document.documentElement.outerHTML]);
    return out;
  });
}

/** Snapshots the DOM. `revealed`: the user asked to see secrets. */
async function snapshot(step, { revealed = false } = {}) {
  for (const [part, html] of await domParts()) {
    const tags = ["page-dom"];
    if (revealed && part === "wire preview") tags.push("revealed");
    // The form, the editor and the dialogs show the payload itself.
    if (part.startsWith("form")) tags.push("payload");
    evidence.add(`page DOM, ${part}, ${step}`, html, tags);
  }
}

async function clipboardAfterCopy(step, { revealed }) {
  await page.evaluate(() => navigator.clipboard.writeText("(empty)"));
  await b.action("copy-curl").click();
  const text = await until(async () => {
    const t = await page.evaluate(() => navigator.clipboard.readText());
    return t !== "(empty)" && t;
  }, { message: "the clipboard" });
  evidence.add(`clipboard after Copy as curl, ${step}`, text, ["clipboard", ...(revealed ? ["revealed"] : [])]);
  return text;
}

async function dumpStorage(step) {
  const dump = await page.evaluate(async () => {
    const local = Object.fromEntries(Object.entries(localStorage));
    const sessionS = Object.fromEntries(Object.entries(sessionStorage));
    const idb = [];
    for (const info of (await indexedDB.databases?.()) ?? []) {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open(info.name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((resolve) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => resolve([]); });
        idb.push({ db: info.name, store, rows: JSON.stringify(all) });
      }
      db.close();
    }
    const cacheRows = [];
    if (globalThis.caches) {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) cacheRows.push({ name, url: req.url, body: await (await cache.match(req)).text() });
      }
    }
    return { local, sessionS, idb, cacheRows };
  });
  for (const [key, value] of Object.entries(dump.local)) {
    let draft = null;
    try { draft = JSON.parse(value); } catch { /* not JSON */ }
    if (draft && typeof draft.text === "string") {
      // The draft's text is the payload; the rest (test values, environment) is not.
      evidence.add(`localStorage[${key}].text, ${step}`, draft.text, ["storage", "payload"]);
      evidence.add(`localStorage[${key}] without its text, ${step}`, JSON.stringify({ ...draft, text: undefined }), ["storage"]);
    } else {
      evidence.add(`localStorage[${key}], ${step}`, value, ["storage"]);
    }
  }
  for (const [key, value] of Object.entries(dump.sessionS)) evidence.add(`sessionStorage[${key}], ${step}`, value, ["storage"]);
  for (const row of dump.idb) evidence.add(`IndexedDB ${row.db}/${row.store}, ${step}`, row.rows, ["storage"]);
  for (const row of dump.cacheRows) evidence.add(`Cache Storage ${row.name} ${row.url}, ${step}`, row.body, ["storage"]);
  const cookies = await session.context.cookies();
  for (const c of cookies) evidence.add(`cookie ${c.name} (${c.domain}${c.path}), ${step}`, `${c.name}=${c.value}`, ["storage"]);
  return { dump, cookies };
}

test("the page: preview with typed secrets, create, update through the diff, reload, delete", { timeout: 180_000 }, async () => {
  proxy.setPhase("page");
  session = await openPage(browser, { url: serve.first, origin: serve.base });
  page = session.page;
  recordBrowser(session.context);
  // Again, now that everything is recorded: the session exchange, the page, /api/session, the list.
  await page.goto(serve.first);
  await page.waitForFunction(() => customElements.get("connector-builder") !== undefined);
  b = builder(page);
  await listenToComponent();
  await b.editor.waitFor();

  const wire = b.q('[part="wire"]');
  const wireText = () => wire.textContent();

  // BEARER: a typed token, masked; revealed once (and copied), then masked again.
  await b.editor.fill(JSON.stringify(BEARER, null, 2));
  await until(async () => (await b.formInput("/display_name").inputValue()) === BEARER.display_name, { message: "the bearer payload in the form" });
  await b.tab("try").click();
  await b.q('[part="preview"] input[data-var="token"]').fill(SECRET.token);
  await until(async () => (await wireText()).includes(`Bearer ${TOKEN_PREFIX}••••••••`), { message: "the masked bearer header" });
  assert.equal(await b.q('[part="preview"] input[data-var="token"]').getAttribute("type"), "password");
  await snapshot("bearer, masked");
  const maskedCopy = await clipboardAfterCopy("bearer, masked", { revealed: false });
  assert.match(maskedCopy, /Authorization: Bearer Tok ••••••••/);
  await b.action("reveal").click();
  await until(async () => (await wireText()).includes(`Bearer ${TOKEN_PREFIX}${SECRET.token}`), { message: "the revealed bearer header" });
  await snapshot("bearer, revealed", { revealed: true });
  const revealedCopy = await clipboardAfterCopy("bearer, revealed", { revealed: true });
  assert.ok(revealedCopy.includes(`Bearer ${TOKEN_PREFIX}${SECRET.token}`), "a copy made while revealed holds the secret, as asked");
  await b.action("reveal").click();
  await until(async () => (await wireText()).includes(`Bearer ${TOKEN_PREFIX}••••••••`), { message: "masked again" });
  await snapshot("bearer, hidden again");

  // A secret typed into a password input stays secret when the input is then renamed or
  // becomes a text input (the value typed is still in the tab, and drafts are saved after).
  const withPin = structuredClone(BEARER);
  withPin.auth_patterns[0].fields.push({ field_name: "pin", label: "PIN", input_type: "password", hint: "4 digits", required: false });
  await b.editor.fill(JSON.stringify(withPin, null, 2));
  await b.q('[part="preview"] input[data-var="pin"]').fill(SECRET.pin);
  assert.equal(await b.q('[part="preview"] input[data-var="pin"]').getAttribute("type"), "password");
  withPin.auth_patterns[0].fields[1] = { field_name: "pin_code", label: "PIN", input_type: "text", hint: "4 digits", required: false };
  await b.editor.fill(JSON.stringify(withPin, null, 2));
  await b.q('[part="preview"] input[data-var="pin_code"]').waitFor();
  await page.waitForTimeout(600); // the draft is written 400 ms after the last change
  await dumpStorage("after renaming a password input");

  // API_KEY with a prefix mutation and a header override.
  await b.editor.fill(JSON.stringify(API_KEY, null, 2));
  await until(async () => (await b.formInput("/display_name").inputValue()) === API_KEY.display_name, { message: "the API key payload" });
  await b.q('[part="preview"] input[data-var="api_key"]').fill(SECRET.apiKey);
  await until(async () => (await wireText()).includes(`${KEY_PREFIX}••••••••`), { message: "the masked API key" });
  await snapshot("api key, masked");
  await clipboardAfterCopy("api key, masked", { revealed: false });

  // A token in the URL path: masked in the URL too; a path that would leave the API is refused
  // without showing it.
  await b.editor.fill(JSON.stringify(PATH_TOKEN, null, 2));
  await until(async () => (await b.formInput("/display_name").inputValue()) === PATH_TOKEN.display_name, { message: "the path token payload" });
  await b.q('[part="template"] input[data-var="token"]').fill(SECRET.botToken);
  await until(async () => (await wireText()).includes("https://api.telegram.example/bot••••••••"), { message: "the masked path token" });
  await snapshot("path token, masked");
  await b.q('[part="preview"] .request-line input').fill("//evil.example/steal");
  await until(async () => /Cannot preview/.test(await wireText()), { message: "the refused path" });
  await snapshot("path token, refused path");
  await b.q('[part="preview"] .request-line input').fill("");

  // BASIC with a secret in password.default: the page warns next to it.
  await b.editor.fill(JSON.stringify(basic("Leak Canary Basic"), null, 2));
  await until(async () => (await b.formInput("/display_name").inputValue()) === "Leak Canary Basic", { message: "the basic payload" });
  const defaultInput = b.formInput("/auth_patterns/0/auth_field_mutations/password/default");
  assert.equal(await defaultInput.inputValue(), SECRET.mutationDefault);
  const warning = await defaultInput.evaluate((el) => {
    const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return ids.map((id) => el.getRootNode().getElementById(id)?.textContent ?? "").join(" ");
  });
  assert.match(warning, /never a real secret/i, "the page warns that a default is not a place for a real secret");

  await b.q('[part="template"] input[data-var="domain"]').fill("acme.example.com");
  await b.q('[part="preview"] input[data-var="username"]').fill(SECRET.username);
  await until(async () => (await wireText()).includes("Basic ••••••••"), { message: "the masked Basic header (the default fills the password)" });
  await snapshot("basic, username typed, default password, masked");
  await b.q('[part="preview"] input[data-var="password"]').fill(SECRET.password);
  await until(async () => (await wireText()).includes("Basic ••••••••"), { message: "the masked Basic header" });
  await snapshot("basic, masked");
  await clipboardAfterCopy("basic, masked", { revealed: false });
  await b.action("reveal").click();
  const basicB64 = Buffer.from(`${SECRET.username}:${SECRET.password}`).toString("base64");
  await until(async () => (await wireText()).includes(`Basic ${basicB64}`), { message: "the revealed Basic header" });
  await snapshot("basic, revealed", { revealed: true });
  await b.action("reveal").click();
  await until(async () => (await wireText()).includes("Basic ••••••••"), { message: "masked again" });
  await snapshot("basic, hidden again");
  await dumpStorage("after typing the test values");

  // Create it in the upstream environment (serve's "default").
  await b.tab("manage").click();
  await until(async () => (await b.action("environment").inputValue()) === "default", { message: "the default environment" });
  await b.action("save").click();
  await b.dialog("create").waitFor();
  await snapshot("create dialog");
  await b.action("confirm-create").click();
  await b.dialog("create").waitFor({ state: "detached" });
  await b.row("leak_canary_basic").waitFor();

  // Tokens expire: serve fetches a new one. Then an update through the diff, refused once by the
  // server (its error is shown), then applied.
  await control("expire-tokens");
  await b.formInput("/description").fill("Updated canary description");
  await until(async () => (await b.text()).includes("Updated canary description"), { message: "the description in the JSON" });
  await control("faults", { kind: "status", status: 400, message: "Validation error", method: "PUT", count: 1 });
  await b.action("save").click();
  const update = b.dialog("update");
  await update.waitFor();
  assert.match(await update.textContent(), /Updated canary description/);
  await snapshot("update dialog");
  await b.action("confirm-update").click();
  await until(async () => /The update was not applied/.test(await update.textContent()), { message: "the refused update's error" });
  await snapshot("update refused");
  await b.action("confirm-update").click();
  await update.waitFor({ state: "detached" });
  assert.match(await b.notice.textContent(), /Updated “Leak Canary Basic”/);

  // Reload: the draft comes back, the typed secrets do not.
  await until(async () => {
    const all = await page.evaluate(() => Object.values(localStorage).join("\n"));
    return all.includes("Updated canary description") && all.includes("acme.example.com");
  }, { message: "the draft saved" });
  await dumpStorage("before reload");
  const errorsBefore = await page.evaluate(() => window.__ckErrors ?? []);
  await page.reload();
  await page.waitForFunction(() => customElements.get("connector-builder") !== undefined);
  b = builder(page);
  await listenToComponent();
  await until(async () => (await b.text()).includes("Updated canary description"), { message: "the restored draft" });
  assert.match(await b.notice.textContent(), /Restored your draft/);
  await b.tab("try").click();
  for (const name of ["username", "password"]) {
    assert.equal(await b.q(`[part="preview"] input[data-var="${name}"]`).inputValue(), "", `${name} is not restored`);
  }
  assert.equal(await b.q('[part="template"] input[data-var="domain"]').inputValue(), "acme.example.com");
  await snapshot("after reload");
  await dumpStorage("after reload");

  // Delete it.
  await b.tab("manage").click();
  await b.row("leak_canary_basic").locator('[data-action="delete"]').click();
  await b.dialog("delete").waitFor();
  await b.action("type-name").fill("Leak Canary Basic");
  await b.action("confirm-delete").click();
  await b.dialog("delete").waitFor({ state: "detached" });
  await until(async () => (await b.row("leak_canary_basic").count()) === 0, { message: "the row to go" });
  await snapshot("after delete");

  const { cookies } = await dumpStorage("at the end");
  assert.deepEqual(cookies.map((c) => c.name), ["ck_session"], "the session cookie and nothing else");
  const errors = [...errorsBefore, ...await page.evaluate(() => window.__ckErrors ?? [])];
  for (const [i, e] of errors.entries()) evidence.add(`component error event #${i + 1}`, e, ["error"]);
  assert.ok(errors.some((e) => /"action":"update"/.test(e)), "the refused update reached the page as an error event");
  await Promise.all(pending);
  assert.deepEqual(session.problems().filter((p) => !/status of 400/.test(p)), [], "no page errors, CSP violations or dialogs");
});

// ---- the CLI ----------------------------------------------------------------------------------

const cliRuns = [];

async function cli(label, args, { secret = SECRET.client, revealed = false, tags = [] } = {}) {
  const n = cliRuns.length + 1;
  const env = { ...homeFor(`cli-${n}`), SCALEKIT_ENVIRONMENT_URL: proxy.url, SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: secret };
  proxy.setPhase(`cli: ${label}`);
  const result = await runCli(args, { cwd: path.join(WORK, "project"), env });
  // The command as reported, with the secrets it was given replaced by their names.
  const shown = args.map((a) => Object.entries(SECRET).reduce((t, [k, v]) => t.replaceAll(v, `<${k}>`), a));
  const where = `CLI #${n} \`connector-kit ${shown.join(" ")}\``;
  evidence.add(`${where} stdout`, result.stdout, ["cli", ...(revealed ? ["revealed"] : []), ...tags]);
  evidence.add(`${where} stderr`, result.stderr, ["cli", ...tags]);
  cliRuns.push({ label, args, ...result });
  return result;
}

test("the CLI against the same upstream: lint, push, pull, diff, preview, delete, a bad secret", { timeout: 120_000 }, async () => {
  const project = path.join(WORK, "project");
  const write = (rel, obj) => {
    const file = path.join(project, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(obj, null, 2)}\n`);
  };
  write("connectors/leak-canary-cli.json", basic("Leak Canary Cli"));
  write("preview/bearer.json", BEARER);
  write("preview/api-key.json", API_KEY);
  write("preview/path-token.json", PATH_TOKEN);

  let r = await cli("lint", ["lint", "connectors", "preview"]);
  assert.equal(r.code, 0, r.stderr);
  for (const format of ["json", "github", "sarif"]) await cli(`lint ${format}`, ["lint", "connectors", "preview", "--format", format]);

  r = await cli("push (create)", ["push", "connectors", "--yes"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  r = await cli("pull", ["pull", "pulled"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(project, "pulled", "leak_canary_cli.json")));

  const file = path.join(project, "connectors", "leak-canary-cli.json");
  const edited = JSON.parse(fs.readFileSync(file, "utf8"));
  edited.description = "Updated from the command line";
  fs.writeFileSync(file, `${JSON.stringify(edited, null, 2)}\n`);
  r = await cli("diff", ["diff", "connectors"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Updated from the command line/);
  await cli("diff --json", ["diff", "connectors", "--json"]);
  r = await cli("push (update)", ["push", "connectors", "--yes"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);

  r = await cli("preview bearer", ["preview", "preview/bearer.json", "--set", `token=${SECRET.token}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Bearer Tok ••••••••/);
  await cli("preview bearer --json", ["preview", "preview/bearer.json", "--set", `token=${SECRET.token}`, "--json"]);
  r = await cli("preview bearer --reveal", ["preview", "preview/bearer.json", "--set", `token=${SECRET.token}`, "--reveal"], { revealed: true });
  assert.ok(r.stdout.includes(`Bearer ${TOKEN_PREFIX}${SECRET.token}`), "--reveal shows it, as asked");
  await cli("preview api key", ["preview", "preview/api-key.json", "--set", `api_key=${SECRET.apiKey}`, "--method", "POST", "--path", "/v2/lists"]);
  await cli("preview basic, default password", ["preview", "connectors/leak-canary-cli.json", "--set", "domain=acme.example.com", "--set", `username=${SECRET.username}`]);
  await cli("preview basic", ["preview", "connectors/leak-canary-cli.json", "--set", "domain=acme.example.com", "--set", `username=${SECRET.username}`, "--set", `password=${SECRET.password}`, "--json"]);
  r = await cli("preview path token", ["preview", "preview/path-token.json", "--set", `token=${SECRET.botToken}`, "--path", "/getMe"]);
  assert.match(r.stdout, /bot••••••••\/getMe/);
  r = await cli("preview path token, a path that leaves the API", ["preview", "preview/path-token.json", "--set", `token=${SECRET.botToken}`, "--path", "//evil.example/x"]);
  assert.equal(r.code, 1, "refused");
  await cli("render path token, a missing value", ["render", "preview/path-token.json"]);

  // A --set without its name: the value alone may be the secret.
  r = await cli("preview, --set without a name", ["preview", "preview/bearer.json", "--set", SECRET.token]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--set expects NAME=VALUE/);

  r = await cli("delete", ["delete", "Leak Canary Cli", "--yes"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);

  r = await cli("pull with a wrong secret", ["pull", "pulled-wrong"], { secret: SECRET.wrong });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /invalid_client|client authentication|refused|401/i);
});

// ---- the client in Node -----------------------------------------------------------------------

function recordError(where, error) {
  evidence.add(`${where}: message`, String(error?.message), ["error"]);
  evidence.add(`${where}: hint`, String(error?.hint ?? ""), ["error"]);
  evidence.add(`${where}: JSON`, JSON.stringify(error), ["error"]);
  evidence.add(`${where}: String()`, String(error), ["error"]);
  evidence.add(`${where}: stack`, String(error?.stack ?? ""), ["error"]);
  evidence.add(`${where}: util.inspect`, inspect(error, { depth: 5, showHidden: true }), ["error"]);
}

test("the ManagementClient in Node: create, list, update, delete; a bad secret, an expired and a bogus token", { timeout: 60_000 }, async () => {
  proxy.setPhase("client");
  const client = new ManagementClient({ environmentUrl: proxy.url, clientId: CLIENT_ID, clientSecret: SECRET.client });
  evidence.add("ManagementClient util.inspect", inspect(client, { depth: 5, showHidden: true }), ["client"]);
  evidence.add("ManagementClient JSON", JSON.stringify(client) ?? "", ["client"]);
  const created = await client.create(basic("Leak Canary Client"));
  assert.equal(created.identifier, "leak_canary_client");
  evidence.add("client.create() result", JSON.stringify(created), ["client", "payload"]);
  evidence.add("client.list() result", JSON.stringify(await client.list()), ["client", "payload"]);
  const found = await client.findByName("Leak Canary Client");
  const updated = await client.update(found.identifier, { ...basic("Leak Canary Client"), description: "Updated by the client" });
  evidence.add("client.update() result", JSON.stringify(updated), ["client", "payload"]);
  try {
    await client.create(basic("Leak Canary Client"));
    assert.fail("a duplicate create is refused");
  } catch (error) {
    recordError("client.create() of a duplicate", error);
    assert.equal(error.status, 409);
  }
  await client.delete("leak_canary_client");

  proxy.setPhase("client: wrong secret");
  const wrong = new ManagementClient({ environmentUrl: proxy.url, clientId: CLIENT_ID, clientSecret: SECRET.wrong });
  await assert.rejects(wrong.list(), (error) => {
    recordError("client with a wrong secret: list()", error);
    assert.equal(error.name, "ConnectorError");
    assert.ok(error.message.length > 0);
    return true;
  });

  proxy.setPhase("client: access token");
  const tokens = issuedTokens();
  assert.ok(tokens.length > 0, "the upstream issued tokens");
  const withToken = new ManagementClient({ environmentUrl: proxy.url, accessToken: tokens.at(-1) });
  evidence.add("ManagementClient({accessToken}) util.inspect", inspect(withToken, { depth: 5, showHidden: true }), ["client"]);
  await withToken.list();
  await control("expire-tokens");
  await assert.rejects(withToken.list(), (error) => {
    recordError("client with an expired token: list()", error);
    assert.equal(error.status, 401);
    return true;
  });
  proxy.setPhase("client: bogus token");
  const bogus = new ManagementClient({ environmentUrl: proxy.url, accessToken: SECRET.bogusToken });
  await assert.rejects(bogus.delete("leak_canary_client"), (error) => {
    recordError("client with a bogus token: delete()", error);
    return true;
  });
});

// ---- serve with a secret the upstream refuses ---------------------------------------------------

test("serve with a wrong secret: the page's call fails with a message that holds no secret", { timeout: 60_000 }, async () => {
  proxy.setPhase("serve: wrong secret");
  const wrong = await startServeBin(["--port", "0", "--upstream", proxy.url],
    { env: { ...homeFor("serve-wrong"), SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: SECRET.wrong } });
  try {
    const res = await fetch(`${wrong.base}/env/default/api/v1/providers?filter.provider_type=CUSTOM`, {
      headers: { "X-Connector-Kit-Session": wrong.token, accept: "application/json" },
    });
    const body = await res.text();
    evidence.add("serve (wrong secret) answer to GET /env/default/api/v1/providers", `${res.status} ${JSON.stringify([...res.headers])} ${body}`, ["error"]);
    assert.equal(res.status, 502);
    assert.equal(JSON.parse(body).code, "upstream-auth-failed");
  } finally {
    const out = await wrong.stop();
    evidence.add("serve (wrong secret) stdout", out.stdout, ["log"]);
    evidence.add("serve (wrong secret) stderr", out.stderr, ["log"]);
  }
});

// ---- everything else, then the scan ---------------------------------------------------------

function issuedTokens() {
  const out = [];
  for (const x of proxy.exchanges) {
    if (x.method !== "POST" || !x.target.startsWith("/oauth/token") || x.status !== 200) continue;
    try { out.push(JSON.parse(x.responseBody).access_token); } catch { /* not JSON */ }
  }
  return out.filter((t) => typeof t === "string" && t);
}

function collectUpstream() {
  for (const x of proxy.exchanges) {
    const where = `upstream #${x.n} (${x.phase}) ${x.method} ${x.target}`;
    const tokenEndpoint = x.target.split("?")[0] === "/oauth/token";
    const connectorApi = /^\/api\/v1\/(custom-providers|providers)/.test(x.target);
    evidence.add(`${where}: request target`, x.target, ["upstream"]);
    for (const [k, v] of Object.entries(x.headers)) {
      const tags = ["upstream", "request-header"];
      if (k === "authorization" && !tokenEndpoint) tags.push("authorization-header");
      evidence.add(`${where}: request header ${k}`, String(v), tags);
    }
    evidence.add(`${where}: request body`, x.body, ["upstream", ...(tokenEndpoint ? ["token-request-body"] : connectorApi ? ["payload"] : [])]);
    for (const [k, v] of Object.entries(x.responseHeaders ?? {})) evidence.add(`${where}: response header ${k}`, String(v), ["upstream"]);
    evidence.add(`${where}: response body (${x.status})`, x.responseBody, ["upstream", ...(tokenEndpoint ? ["token-response-body"] : connectorApi ? ["payload"] : [])]);
  }
}

function collectFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(WORK);
  for (const file of files) {
    const rel = path.relative(WORK, file);
    // The connector files this test wrote, and the ones pull wrote, are payloads.
    const payload = /^project\/(connectors|preview|pulled)\//.test(rel);
    evidence.add(`file ${rel}`, fs.readFileSync(file).toString("latin1"), ["file", ...(payload ? ["payload"] : [])]);
  }
  return files.map((f) => path.relative(WORK, f));
}

/** Where each kind of secret may be. */
function policy(c, item) {
  const t = item.tags;
  switch (c.kind) {
    case "client-secret": return t.has("upstream") && t.has("token-request-body");
    case "access-token": return t.has("upstream") && (t.has("authorization-header") || t.has("token-response-body"));
    case "typed": return t.has("revealed");
    case "mutation-default": return t.has("payload") || t.has("revealed");
    default: return false;
  }
}

test("no secret, nor its base64 or prefixed form, appears anywhere but its own place", { timeout: 60_000 }, async () => {
  await Promise.all(pending);
  // The browser's files, while it is still open (playwright removes its profile on close).
  await session?.context.close();
  // Stop the processes so their output is complete.
  await serve.stop();
  emulator.child.kill("SIGTERM");
  const emu = await emulator.exited;
  const srv = serve.output();
  evidence.add("serve stdout", srv.stdout, ["log"]);
  evidence.add("serve stderr", srv.stderr, ["log"]);
  evidence.add("emulator stdout", emu.stdout, ["log"]);
  evidence.add("emulator stderr (its request log)", emu.stderr, ["log"]);
  assert.match(emu.stderr, /POST \/oauth\/token 200/, "the emulator logged its requests");
  collectUpstream();
  const files = collectFiles();
  assert.ok(files.some((f) => f.startsWith("homes/chromium/")), `Chromium's profile was collected (${files.filter((f) => f.startsWith("homes/chromium/")).length} files)`);

  const tokens = [...new Set(issuedTokens())];
  assert.ok(tokens.length >= 3, `tokens were issued to serve, the CLI and the client (${tokens.length})`);
  const canaries = [...STATIC_CANARIES, ...tokens.map((t, i) => canary(`access token #${i + 1}`, t, { kind: "access-token", prefixes: ["Bearer "] }))];
  const { leaks, allowed } = evidence.scan(canaries, policy);

  // The collection saw what it should: each secret where it belongs (so a clean scan means something).
  const where = (name) => allowed.get(name) ?? [];
  assert.ok(where("client secret").some((w) => /POST \/oauth\/token: request body/.test(w)), "the client secret reached the token endpoint");
  assert.ok(where("client secret").some((w) => /\(page\)/.test(w)) && where("client secret").some((w) => /\(cli/.test(w)) && where("client secret").some((w) => /\(client\)/.test(w)),
    "serve, the CLI and the client each fetched a token");
  assert.ok(where("wrong client secret").length >= 3, "the wrong secret reached the token endpoint (CLI, client and serve)");
  assert.ok(where("access token #1").some((w) => /request header authorization/.test(w)), "an access token was sent upstream");
  assert.ok(where("bogus access token").some((w) => /request header authorization/.test(w)), "the bogus token was sent upstream");
  assert.ok(where("typed bearer token").some((w) => /clipboard.*revealed/.test(w)), "the revealed copy was collected");
  assert.ok(where("typed Basic password").some((w) => /page DOM, wire preview, basic, revealed/.test(w)), "the revealed DOM was collected");
  assert.ok(where("typed bearer token").some((w) => /--reveal/.test(w)), "--reveal output was collected");
  assert.ok(where("password.default mutation").some((w) => /upstream.*POST \/api\/v1\/custom-providers: request body/.test(w)), "the payload went upstream");
  assert.ok(where("password.default mutation").some((w) => /browser request.*body/.test(w)), "the payload went through the browser");
  assert.ok(where("password.default mutation").some((w) => /localStorage.*\.text/.test(w)), "the draft holds the payload");
  assert.ok(files.some((f) => f.startsWith("project/pulled/")), "pulled files were collected");
  assert.ok(evidence.count("browser request") > 10 && evidence.count("browser response") > 10, "browser traffic was collected");
  assert.ok(evidence.count("CLI #") >= 2 * cliRuns.length, "every CLI run's output was collected");

  if (process.env.SECRETS_EVIDENCE) {
    fs.writeFileSync(process.env.SECRETS_EVIDENCE, JSON.stringify(evidence.items.map((i) => ({ ...i, tags: [...i.tags] })), null, 1));
  }
  assert.deepEqual(leaks, [], `secrets found where they must not be:\n  ${leaks.join("\n  ")}`);
});

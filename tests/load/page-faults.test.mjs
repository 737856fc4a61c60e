// The builder page in Chromium, through `connector-kit serve --upstream <emulator>`, while the
// emulator (the upstream) fails in every way: listing, creating, updating and deleting each
// show a clear error; the editor's text (the draft) is never lost; once the fault clears, doing
// it again works; and the emulator never holds a half-applied change.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startServe } from "../../pkg/lib/serve/index.mjs";
import { builder, openBuilder, openPage, startServe as startServeBin, until } from "../e2e/helpers.mjs";
import { CLIENT_ID, CLIENT_SECRET, clientOf, emulator, payload, stored } from "./helpers.mjs";

/** `connector-kit serve --port 0 --upstream URL` with the credentials in its environment. */
function serveUpstream(url) {
  return startServeBin({ args: ["--upstream", url], env: { SCALEKIT_CLIENT_ID: CLIENT_ID, SCALEKIT_CLIENT_SECRET: CLIENT_SECRET } });
}

let emu;
let serve;
let browser;
let session;
let page;
let b;

before(async () => {
  emu = await emulator();
  serve = await serveUpstream(emu.url);
  ({ browser, session, page, b } = await openBuilder(serve));
  await b.tab("manage").click();
  await until(async () => (await b.action("environment").inputValue()) === "default", { message: "the default environment" });
});

after(async () => {
  await browser?.close();
  await serve?.stop();
  await emu?.close();
});

const listEl = () => b.q('[part="connector-list"]');
const errorIn = (scope) => scope.locator('[part="error"]');
/** The page's own problems, without the browser's log line for each failed request (expected here). */
const problems = () => session.problems().filter((p) => !/Failed to load resource: the server responded with a status of (4|5)\d\d/.test(p));
/** The draft the page keeps in localStorage (saved 400 ms after the last change). */
const storedDraft = () => page.evaluate(() => JSON.parse(localStorage.getItem("connector-kit:draft") ?? "null")?.text ?? null);

async function setEditor(text) {
  await b.editor.fill(text);
  await until(async () => (await storedDraft()) === text, { message: "the draft to be saved" });
}

async function editorKept(text, what) {
  assert.equal(await b.text(), text, `${what}: the editor's text is unchanged`);
  assert.equal(await storedDraft(), text, `${what}: the stored draft is unchanged`);
}

test("list: each fault shows a clear error in the list; Try again works once it clears", async () => {
  await clientOf(emu).create(payload("Listed One"));
  await b.action("refresh").click();
  await b.row("listed_one").waitFor();
  const text = JSON.stringify(payload("Not Saved Yet"), null, 2);
  await setEditor(text);
  const faults = [
    [{ kind: "status", status: 500 }, /server-error · HTTP 500/],
    [{ kind: "malformed" }, /The answer to GET \/api\/v1\/providers was not the JSON expected[\s\S]*code bad-response · HTTP 200/],
    [{ kind: "drop", count: 4 }, /cannot reach environment "default" \([^)]+\): the connection was closed without an answer[\s\S]*HTTP 502/],
    [{ kind: "status", status: 403, message: "the client may not read connectors" }, /the client may not read connectors[\s\S]*Fix: the client may not manage connectors[\s\S]*HTTP 403/],
  ];
  for (const [fault, shown] of faults) {
    emu.addFaults({ ...fault, method: "GET", path: "/api/v1/providers" });
    await b.action("refresh").click();
    const error = errorIn(listEl());
    await error.waitFor({ timeout: 15_000 });
    const said = await error.textContent();
    assert.match(said, /^Could not list default's connectors/, said);
    assert.match(said, shown, said);
    assert.deepEqual(emu.state().faults, []);
    await listEl().getByRole("button", { name: "Try again" }).click();
    await b.row("listed_one").waitFor();
    await editorKept(text, JSON.stringify(fault));
  }
  // A burst of 429s is waited out (Retry-After); the list just arrives.
  emu.addFaults({ kind: "rate-limit", retryAfter: 1, method: "GET", path: "/api/v1/providers", count: 2 });
  await b.action("refresh").click();
  await until(async () => emu.state().faults.length === 0 && (await listEl().getAttribute("aria-busy")) === "false", { timeout: 10_000, message: "the list after the 429s" });
  assert.equal(await errorIn(listEl()).count(), 0);
  await b.row("listed_one").waitFor();
  assert.deepEqual(problems(), []);
});

test("create: a clear error in the dialog for each fault, the draft kept, then it is created once", async () => {
  const text = JSON.stringify(payload("Page Made"), null, 2);
  await setEditor(text);
  await b.action("save").click();
  const dialog = b.dialog("create");
  await dialog.waitFor();
  const before = stored(emu);
  const faults = [
    [{ kind: "status", status: 503 }, /^It is not known whether it was created[\s\S]*Fix: Refresh the list to see whether it happened before trying again\.code server-error · HTTP 503$/],
    [{ kind: "rate-limit", retryAfter: 1 }, /^The server refused to create itrate limit exceeded[\s\S]*refused the request before running it[\s\S]*HTTP 429$/],
    [{ kind: "rate-limit", retryAfter: 30 }, /^The server refused to create itrate limit exceeded[\s\S]*asked to wait 30 s[\s\S]*HTTP 429$/],
    [{ kind: "drop" }, /^It is not known whether it was created[\s\S]*cannot reach environment "default"[\s\S]*Refresh the list[\s\S]*HTTP 502$/],
    [{ kind: "malformed" }, /^It is not known whether it was created[\s\S]*was not the JSON expected[\s\S]*Refresh the list[\s\S]*code bad-response · HTTP 200$/],
  ];
  for (const [fault, shown] of faults) {
    emu.addFaults({ ...fault, method: "POST", path: "/api/v1/custom-providers" });
    await b.action("confirm-create").click();
    const error = errorIn(dialog);
    await error.waitFor({ timeout: 15_000 });
    const said = await error.textContent();
    assert.match(said, shown, said);
    assert.ok(await dialog.isVisible(), "the dialog stays open to try again");
    assert.deepEqual(stored(emu), before, `${fault.kind}: nothing was created`);
    await editorKept(text, fault.kind);
    await until(async () => !(await b.action("confirm-create").isDisabled()), { message: "the create button to be ready again" });
  }
  await b.action("confirm-create").click();
  await dialog.waitFor({ state: "detached" });
  await b.row("page_made").waitFor();
  assert.deepEqual(Object.keys(stored(emu)).filter((n) => n === "Page Made"), ["Page Made"]);
  assert.match(await b.text(), /"display_name": "Page Made"/, "the editor holds what was created");
  assert.deepEqual(problems(), []);
});

test("update: a clear error for each fault, the edit kept, the connector untouched; then it is updated", async () => {
  const text = JSON.stringify(payload("Page Made", { description: "edited on the page" }), null, 2);
  await setEditor(text);
  await b.action("save").click();
  const dialog = b.dialog("update");
  await dialog.waitFor();
  const faults = [
    [{ kind: "status", status: 500 }, /^It is not known whether the update was applied[\s\S]*Refresh the list[\s\S]*code server-error · HTTP 500$/],
    [{ kind: "drop" }, /^It is not known whether the update was applied[\s\S]*cannot reach environment "default"[\s\S]*HTTP 502$/],
    [{ kind: "malformed" }, /^It is not known whether the update was applied[\s\S]*was not the JSON expected[\s\S]*code bad-response/],
    [{ kind: "status", status: 409, message: "a connector with that display name exists" }, /^The update was not applied[\s\S]*already-exists · HTTP 409$/],
  ];
  for (const [fault, shown] of faults) {
    emu.addFaults({ ...fault, method: "PUT", path: "/api/v1/custom-providers/" });
    await b.action("confirm-update").click();
    const error = errorIn(dialog);
    await error.waitFor({ timeout: 15_000 });
    const said = await error.textContent();
    assert.match(said, shown, said);
    assert.equal(stored(emu)["Page Made"], "load test", `${fault.kind}: the connector is untouched`);
    await editorKept(text, fault.kind);
    await until(async () => !(await b.action("confirm-update").isDisabled()), { message: "the update button to be ready again" });
  }
  await b.action("confirm-update").click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(stored(emu)["Page Made"], "edited on the page");
  assert.deepEqual(problems(), []);
});

test("delete: a clear error for each fault, nothing deleted; then it is deleted", async () => {
  const text = await b.text();
  await until(async () => (await storedDraft()) === text, { message: "the draft of the updated connector to be saved" });
  await b.row("page_made").locator('[data-action="delete"]').click();
  const dialog = b.dialog("delete");
  await dialog.waitFor();
  await b.action("type-name").fill("Page Made");
  const faults = [
    [{ kind: "status", status: 502 }, /^It is not known whether it was deleted[\s\S]*Refresh the list[\s\S]*code server-error · HTTP 502$/],
    [{ kind: "drop" }, /^It is not known whether it was deleted[\s\S]*cannot reach environment "default"[\s\S]*HTTP 502$/],
    [{ kind: "status", status: 400, message: "cannot delete custom provider with existing connections" }, /^The connector was not deleted[\s\S]*existing connections[\s\S]*delete the connector's connections/],
  ];
  for (const [fault, shown] of faults) {
    emu.addFaults({ ...fault, method: "DELETE", path: "/api/v1/custom-providers/" });
    await b.action("confirm-delete").click();
    const error = errorIn(dialog);
    await error.waitFor({ timeout: 15_000 });
    const said = await error.textContent();
    assert.match(said, shown, said);
    assert.ok("Page Made" in stored(emu), `${fault.kind}: not deleted`);
    await editorKept(text, fault.kind);
    await until(async () => !(await b.action("confirm-delete").isDisabled()), { message: "the delete button to be ready again" });
  }
  await b.action("confirm-delete").click();
  await dialog.waitFor({ state: "detached" });
  await until(async () => (await b.row("page_made").count()) === 0, { message: "the row to go" });
  assert.ok(!("Page Made" in stored(emu)));
  assert.deepEqual(problems(), []);
});

test("the upstream's tokens expire: serve fetches a new one and the page notices nothing", async () => {
  await clientOf(emu).create(payload("After Expiry"));
  emu.expireTokens();
  await b.action("refresh").click();
  await b.row("after_expiry").waitFor();
  assert.equal(await errorIn(listEl()).count(), 0);
  assert.equal(emu.state().active_tokens, 1, "serve's one new token (the test's client's expired too)");
  assert.deepEqual(problems(), []);
});

test("latency beyond serve's upstream timeout: reads retried, a write's outcome is unknown and the page says so", async () => {
  // serve's upstream timeout is 30 s on the command line; its API takes a shorter one.
  const quick = await startServe({
    environments: [{ name: "default", url: emu.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    upstreamTimeoutMs: 1000, log: () => {},
  });
  const ctx = await openPage(browser, { url: quick.sessionUrl, origin: new URL(quick.url).origin });
  try {
    const q = builder(ctx.page);
    await q.tab("manage").click();
    await q.row("after_expiry").waitFor();
    emu.addFaults({ kind: "latency", ms: 1500, method: "GET", path: "/api/v1/providers" });
    await q.action("refresh").click();
    await until(async () => emu.state().faults.length === 0 && (await q.q('[part="connector-list"]').getAttribute("aria-busy")) === "false", { timeout: 15_000, message: "the list after a slow answer" });
    await q.row("after_expiry").waitFor();

    const text = JSON.stringify(payload("Slow Page"), null, 2);
    await q.editor.fill(text);
    await q.action("save").click();
    const dialog = q.dialog("create");
    await dialog.waitFor();
    emu.addFaults({ kind: "latency", ms: 2500, method: "POST", path: "/api/v1/custom-providers" });
    await q.action("confirm-create").click();
    const error = dialog.locator('[part="error"]');
    await error.waitFor({ timeout: 15_000 });
    const said = await error.textContent();
    assert.match(said, /^It is not known whether it was created[\s\S]*did not answer within 1 s[\s\S]*Fix: Refresh the list to see whether it happened before trying again\.code server-error · HTTP 504$/, said);
    assert.equal(await q.text(), text, "the editor's text is kept");
    await until(() => "Slow Page" in stored(emu), { timeout: 10_000, message: "the slow create to land upstream" });
    // Trying again is refused clearly: it was made after all.
    await until(async () => !(await q.action("confirm-create").isDisabled()), { message: "the create button to be ready again" });
    await q.action("confirm-create").click();
    await until(async () => /already-exists · HTTP 409/.test(await error.textContent()), { message: "a clear refusal of the second create" });
    assert.equal(Object.keys(stored(emu)).filter((n) => n === "Slow Page").length, 1);
    assert.deepEqual(ctx.problems().filter((p) => !/Failed to load resource/.test(p)), []);
  } finally {
    await ctx.context.close();
    await quick.close();
  }
});

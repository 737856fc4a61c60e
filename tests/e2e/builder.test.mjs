// The builder page end to end, in real headless Chromium against `connector-kit serve` and its
// embedded emulated dev and prod environments: one connector's life from preset to deletion.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServe, openBuilder, builder, shot, until } from "./helpers.mjs";

const SECRET = "fd_live_Zq8TOKEN_4417";
const XSS = "<img src=x onerror=alert(1)>";

let serve;
let browser;
let session;
let page;
let b;

before(async () => {
  serve = await startServe();
  ({ browser, session, page, b } = await openBuilder(serve));
  // Record the component's DOM events, as an embedding page would see them.
  await page.evaluate(() => {
    window.__events = [];
    const el = document.querySelector("connector-builder");
    for (const type of ["change", "validate", "saved", "deleted", "error"]) {
      el.addEventListener(type, (e) => window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
    }
  });
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

const events = (type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);
const pillText = () => b.pill.textContent();

test("the page loads with a preset, valid, and explains itself", async () => {
  await b.editor.waitFor();
  await until(async () => (await pillText()) === "Valid", { message: "the status pill to say Valid" });
  assert.match(await page.locator("#guide").textContent(), /Start.*Shape.*Try.*Ship/s);
  assert.match(await b.text(), /"display_name"/);
  await shot(page, "01-start-light");
});

test("build a connector from a preset: form and JSON follow", async () => {
  await b.action("preset").selectOption("basic-freshdesk");
  await until(async () => (await b.text()).includes('"My Freshdesk"'), { message: "the Freshdesk preset in the editor" });
  assert.equal(await b.formInput("/display_name").inputValue(), "My Freshdesk");
  assert.equal(await b.formInput("/proxy_url").inputValue(), "https://{{domain}}/api");
  assert.equal(await b.formInput("/auth_patterns/0/type").inputValue(), "BASIC");
  // Form → JSON: the description typed in the form lands in the editor.
  await b.formInput("/description").fill("Tickets and contacts from Freshdesk");
  await until(async () => (await b.text()).includes('"description": "Tickets and contacts from Freshdesk"'), { message: "the description in the JSON" });
  // JSON → form: a label edited in the editor shows in the form.
  const text = await b.text();
  await b.editor.fill(text.replace('"label": "API Key"', '"label": "Your API key"'));
  await until(async () => (await b.formInput("/auth_patterns/0/fields/1/label").inputValue()) === "Your API key", { message: "the label in the form" });
  const payload = await b.payload();
  assert.equal(payload.auth_patterns[0].fields[1].label, "Your API key");
});

test("a diagnostic appears as you type, jumps to its line, and clears", async () => {
  const name = b.formInput("/display_name");
  await name.click();
  await name.press("End");
  await name.press("Home");
  await name.press("ArrowRight");
  await name.press("ArrowRight");
  await name.press("Delete");
  await name.pressSequentially("-");
  assert.equal(await name.inputValue(), "My-Freshdesk");
  const diag = b.diagnostic("display-name-charset");
  await diag.waitFor({ timeout: 5000 });
  assert.match(await diag.textContent(), /the server refuses -/);
  assert.match(await diag.textContent(), /Fix/);
  assert.match(await pillText(), /1 error/);
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  const validate = await events("validate");
  assert.ok(validate.at(-1).detail.report.diagnostics.some((d) => d.code === "display-name-charset"), "the validate event carries the report");

  // Click it: the editor gets focus with the caret on the diagnostic's line.
  const line = Number(await diag.getAttribute("data-line"));
  assert.ok(line > 1);
  await diag.click();
  const caret = await b.editor.evaluate((ta) => ({
    focused: ta.getRootNode().activeElement === ta,
    line: ta.value.slice(0, ta.selectionStart).split("\n").length,
    selected: ta.value.slice(ta.selectionStart, ta.selectionEnd),
  }));
  assert.equal(caret.focused, true);
  assert.equal(caret.line, line);
  assert.equal(caret.selected, '"My-Freshdesk"');
  await shot(page, "02-diagnostic-light");

  // Fix it in the editor (the selection is the value): the diagnostic clears.
  await page.keyboard.type('"My Freshdesk"');
  await until(async () => (await b.diagnostic("display-name-charset").count()) === 0, { message: "the diagnostic to clear" });
  await until(async () => (await pillText()) === "Valid", { message: "Valid again" });
  assert.equal(await name.inputValue(), "My Freshdesk");
});

test("invalid JSON keeps the text, pauses the form and says where", async () => {
  const good = await b.text();
  const broken = good.replace('"proxy_enabled": true', '"proxy_enabled": tru');
  await b.editor.fill(broken);
  const diag = b.diagnostic("invalid-json");
  await diag.waitFor();
  assert.equal(await b.text(), broken, "the editor keeps what was typed");
  assert.equal(await page.locator("connector-builder form fieldset.form-root").evaluate((f) => f.disabled), true);
  assert.equal(await b.payload(), null);
  await b.editor.fill(good);
  await until(async () => (await pillText()) === "Valid", { message: "Valid after the fix" });
  assert.equal(await page.locator("connector-builder form fieldset.form-root").evaluate((f) => f.disabled), false);
});

test("template: variables, test values, the rendered URL or why it is refused", async () => {
  await b.tab("try").click();
  const domain = b.q('[part="template"] input[data-var="domain"]');
  await domain.waitFor();
  const result = b.q('[part="template"] [part="rendered-url"]');
  assert.match(await result.textContent(), /no value for \{\{domain\}\}/i);
  await domain.fill("evil.example/x?");
  await until(async () => /Refused/.test(await result.textContent()), { message: "the unsafe value refused" });
  assert.match(await result.textContent(), /would add a path/);
  await domain.fill("acme.freshdesk.com");
  await until(async () => (await result.textContent()).includes("https://acme.freshdesk.com/api"), { message: "the rendered URL" });
});

test("wire preview: masked headers, reveal on demand, copy as curl", async () => {
  const wire = b.q('[part="wire"]');
  await b.q('[part="preview"] input[data-var="username"]').fill(SECRET);
  await b.q('[part="preview"] .request-line input').fill("/v2/tickets");
  await until(async () => (await wire.textContent()).includes("https://acme.freshdesk.com/api/v2/tickets"), { message: "the request URL" });
  assert.match(await wire.textContent(), /Authorization\s*Basic ••••••••/);
  assert.equal(await b.q('[part="preview"] input[data-var="username"]').getAttribute("type"), "password");
  await shot(page, "03-try-it-masked-light");

  await b.action("reveal").click();
  const basic = Buffer.from(`${SECRET}:`).toString("base64");
  await until(async () => (await wire.textContent()).includes(`Basic ${basic}`), { message: "the revealed header" });
  assert.equal(await b.action("reveal").getAttribute("aria-pressed"), "true");
  await b.action("copy-curl").click();
  const copied = await until(() => page.evaluate(() => navigator.clipboard.readText()), { message: "the clipboard" });
  assert.equal(copied, `curl https://acme.freshdesk.com/api/v2/tickets -H 'Authorization: Basic ${basic}'`);
  await shot(page, "04-try-it-revealed-light");
  await b.action("reveal").click();
  await until(async () => (await wire.textContent()).includes("Basic ••••••••"), { message: "masked again" });
});

test("a reload keeps the draft and no secret", async () => {
  // The draft is saved 400 ms after the last change.
  const storage = await until(async () => {
    const all = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
    return all.includes("acme.freshdesk.com") && all;
  }, { message: "the draft in localStorage" });
  assert.ok(storage.includes("My Freshdesk"), "the draft is stored");
  assert.ok(storage.includes("acme.freshdesk.com"), "a non-secret test value is stored");
  assert.ok(!storage.includes(SECRET), "the test credential is never stored");
  assert.ok(!storage.includes(Buffer.from(`${SECRET}:`).toString("base64")), "nor its encoding");

  await page.reload();
  await page.waitForFunction(() => customElements.get("connector-builder") !== undefined);
  b = builder(page);
  await until(async () => (await b.text()).includes("Tickets and contacts from Freshdesk"), { message: "the restored draft" });
  assert.equal(await b.formInput("/auth_patterns/0/fields/1/label").inputValue(), "Your API key");
  assert.match(await b.notice.textContent(), /Restored your draft/);
  await b.tab("try").click();
  assert.equal(await b.q('[part="template"] input[data-var="domain"]').inputValue(), "acme.freshdesk.com");
  assert.equal(await b.q('[part="preview"] input[data-var="username"]').inputValue(), "", "the secret was not restored");
  await page.evaluate(() => {
    window.__events = [];
    const el = document.querySelector("connector-builder");
    for (const type of ["change", "validate", "saved", "deleted", "error"]) {
      el.addEventListener(type, (e) => window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
    }
  });
});

test("create it on the emulated dev environment and find it in the list", async () => {
  await b.tab("manage").click();
  await until(async () => (await b.action("environment").inputValue()) === "dev", { message: "dev selected" });
  await b.q('[part="connector-list"] .empty').waitFor();
  await shot(page, "05-manage-empty-light");
  await b.action("save").click();
  const dialog = b.dialog("create");
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /POST \/api\/v1\/custom-providers/);
  await shot(page, "06-create-dialog-light");
  await b.action("confirm-create").click();
  await dialog.waitFor({ state: "detached" });
  await b.row("my_freshdesk").waitFor();
  assert.match(await b.row("my_freshdesk").textContent(), /My Freshdesk/);
  assert.match(await b.notice.textContent(), /Created “My Freshdesk” in dev/);
  const saved = await events("saved");
  assert.equal(saved.length, 1);
  assert.equal(saved[0].detail.environment, "dev");
  assert.equal(saved[0].detail.action, "create");
  assert.equal(saved[0].detail.connector.identifier, "my_freshdesk");
  await shot(page, "07-created-light");
});

test("update it only through the diff: an added scope is called out", async () => {
  // An OAuth connector: from its preset, created in dev, then given one more scope.
  await b.action("preset").selectOption("oauth-asana");
  await until(async () => (await b.text()).includes('"My Asana"'), { message: "the Asana preset" });
  await b.action("save").click();
  await b.dialog("create").waitFor();
  await b.action("confirm-create").click();
  await b.row("my_asana").waitFor();

  await b.q('form [data-focus="scopes:add"]').click();
  const scope = b.formInput("/auth_patterns/0/oauth_config/available_scopes/2/scope");
  await until(async () => page.evaluate(() => {
    const active = document.querySelector("connector-builder").shadowRoot.activeElement;
    return active?.dataset.path === "/auth_patterns/0/oauth_config/available_scopes/2/scope";
  }), { message: "focus on the new scope" });
  await scope.pressSequentially("tasks:read");
  await b.formInput("/auth_patterns/0/oauth_config/available_scopes/2/display_name").fill("Read tasks");
  await until(async () => (await b.text()).includes('"scope": "tasks:read"'), { message: "the scope in the JSON" });

  await b.action("save").click();
  const dialog = b.dialog("update");
  await dialog.waitFor();
  const text = await dialog.textContent();
  assert.match(text, /Scopes added \(1\)/);
  assert.match(text, /\+ tasks:read/);
  assert.match(text, /Connected accounts must re-authorize/);
  assert.match(text, /PUT \/api\/v1\/custom-providers\/my_asana/);
  await shot(page, "08-update-diff-light");
  await b.action("confirm-update").click();
  await dialog.waitFor({ state: "detached" });
  assert.match(await b.notice.textContent(), /Updated “My Asana” in dev/);
  const saved = await events("saved");
  assert.equal(saved.at(-1).detail.action, "update");
  assert.ok(saved.at(-1).detail.connector.auth_patterns[0].oauth_config.available_scopes.some((s) => s.scope === "tasks:read"));

  // The editor now shows what dev stores: saving again finds nothing to send.
  assert.equal(await b.pill.textContent(), "Valid");
  await b.action("save").click();
  await b.dialog("update").waitFor();
  assert.match(await b.dialog("update").textContent(), /No differences/);
  assert.equal(await b.action("confirm-update").isDisabled(), true);
  await page.keyboard.press("Escape");
  await b.dialog("update").waitFor({ state: "detached" });
});

test("promote Dev → Production with the three-column view and an explicit confirmation", async () => {
  await b.action("promote").click();
  let dialog = b.dialog("promote");
  await dialog.waitFor();
  const heads = await dialog.locator("thead th").allTextContents();
  assert.deepEqual(heads, ["Member", "Dev (dev)", "Production now (prod)", "Proposed"]);
  assert.match(await dialog.textContent(), /will be created/);
  const go = b.action("confirm-promote");
  assert.equal(await go.isDisabled(), true, "nothing happens before the confirmation");
  await b.action("confirm-production").check();
  assert.equal(await go.isDisabled(), false);
  await go.click();
  await dialog.waitFor({ state: "detached" });
  assert.match(await b.notice.textContent(), /Promoted “My Asana” to prod/);

  // Change Dev, promote again: the update shows Dev, Production now and proposed side by side,
  // user text (HTML included) shown as text.
  await b.formInput("/description").fill(`Asana tasks ${XSS}`);
  await b.action("save").click();
  await b.dialog("update").waitFor();
  await b.action("confirm-update").click();
  await b.dialog("update").waitFor({ state: "detached" });
  await b.action("promote").click();
  dialog = b.dialog("promote");
  await dialog.waitFor();
  const row = dialog.locator("tbody tr", { hasText: "/description" });
  const cells = await row.locator("td").allTextContents();
  assert.equal(cells.length, 3);
  assert.equal(cells[0], JSON.stringify(`Asana tasks ${XSS}`));
  assert.match(cells[1], /Manage tasks, projects/);
  assert.equal(cells[2], JSON.stringify(`Asana tasks ${XSS}`));
  assert.equal(await page.evaluate(() => document.querySelector("connector-builder").shadowRoot.querySelectorAll("img").length), 0);
  await shot(page, "09-promote-three-columns-light");
  await b.action("confirm-production").check();
  await b.action("confirm-promote").click();
  await dialog.waitFor({ state: "detached" });

  // Production now holds it.
  await b.action("environment").selectOption("prod");
  await b.row("my_asana").waitFor();
  assert.match(await b.row("my_asana").textContent(), /My Asana/);
  const promoted = (await events("saved")).filter((e) => e.detail.action === "promote");
  assert.equal(promoted.length, 2);
  assert.equal(promoted[1].detail.connector.description, `Asana tasks ${XSS}`);
  await b.action("environment").selectOption("dev");
  await b.row("my_freshdesk").waitFor();
});

test("open a connector from the list, then delete it only after typing its name", async () => {
  await b.row("my_freshdesk").locator('[data-action="open"]').click();
  await until(async () => (await b.text()).includes('"display_name": "My Freshdesk"'), { message: "Freshdesk in the editor" });
  assert.match(await b.notice.textContent(), /Opened “My Freshdesk” from dev/);
  await until(async () => /in the editor/.test(await b.row("my_freshdesk").textContent()), { message: "the row marked as open" });
  assert.doesNotMatch(await b.text(), /"identifier"|"id"/, "the server's own fields stay out of the editor");

  await b.row("my_freshdesk").locator('[data-action="delete"]').click();
  const dialog = b.dialog("delete");
  await dialog.waitFor();
  const go = b.action("confirm-delete");
  const input = b.action("type-name");
  assert.equal(await go.isDisabled(), true);
  await input.fill("My Freshdes");
  assert.equal(await go.isDisabled(), true, "a near miss does not arm it");
  await input.fill("My Freshdesk");
  assert.equal(await go.isDisabled(), false);
  await shot(page, "10-delete-light");
  await go.click();
  await dialog.waitFor({ state: "detached" });
  await until(async () => (await b.row("my_freshdesk").count()) === 0, { message: "the row to go" });
  assert.match(await b.notice.textContent(), /Deleted “My Freshdesk” from dev/);
  const deleted = await events("deleted");
  assert.deepEqual(deleted.at(-1).detail, { identifier: "my_freshdesk", displayName: "My Freshdesk", environment: "dev" });
});

test("a display_name of <img src=x onerror=alert(1)> shows as text", async () => {
  await b.formInput("/display_name").fill(XSS);
  await b.diagnostic("display-name-charset").waitFor();
  assert.match(await b.diagnostic("display-name-charset").textContent(), /refuses </);
  assert.equal(await b.formInput("/display_name").inputValue(), XSS);
  assert.ok((await b.text()).includes(JSON.stringify(XSS)));
  // Saving is refused before any dialog: the name breaks a server rule.
  await b.action("save").click();
  assert.match(await b.notice.textContent(), /Fix 1 error before saving/);
  await page.waitForTimeout(300);
  const imgs = await page.evaluate(() => {
    let n = document.querySelectorAll("img").length;
    const walk = (root) => { for (const el of root.querySelectorAll("*")) { if (el.shadowRoot) { n += el.shadowRoot.querySelectorAll("img").length; walk(el.shadowRoot); } } };
    walk(document);
    return n;
  });
  assert.equal(imgs, 0, "no img element was created from user text");
  assert.deepEqual(session.seen.dialogs, [], "no alert ran");
  await shot(page, "11-xss-as-text-light");
});

test("no console errors, page errors or CSP violations along the way", () => {
  assert.deepEqual(session.problems(), []);
});

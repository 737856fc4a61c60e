// How the page and the embedding example look and behave beyond the main flow: dark mode,
// a narrow window, keyboard use, and a host page that themes the component and listens to it.
// Screenshots go to artifacts/screenshots/ (look at them: the page must look like a tool people
// would choose).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServe, launchBrowser, openPage, builder, shot, until } from "./helpers.mjs";

let serve;
let browser;
const sessions = [];

before(async () => {
  serve = await startServe();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

async function open(options) {
  const s = await openPage(browser, serve, options);
  sessions.push(s);
  return s;
}

test("dark mode: the main states", async () => {
  const { page } = await open({ colorScheme: "dark" });
  const b = builder(page);
  await b.action("preset").selectOption("basic-freshdesk");
  await until(async () => (await b.text()).includes("My Freshdesk"), { message: "the preset" });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, "rgb(238, 241, 245)", "the page follows prefers-color-scheme");
  await shot(page, "20-start-dark");

  await b.formInput("/proxy_url").fill("https://{{domain}}/api/{{version}}");
  await b.diagnostic("template-unknown-variable").or(b.diagnostics.first()).first().waitFor();
  await b.diagnostics.first().click();
  await b.tab("try").click();
  await b.q('[part="template"] input[data-var="domain"]').fill("acme.freshdesk.com");
  await b.q('[part="preview"] input[data-var="username"]').fill("dark-mode-key");
  await shot(page, "21-problems-and-try-dark");
  await b.formInput("/proxy_url").fill("https://{{domain}}/api");
  await until(async () => (await b.pill.textContent()) === "Valid", { message: "valid again" });

  await b.tab("manage").click();
  await b.action("save").click();
  await b.dialog("create").waitFor();
  await shot(page, "22-create-dialog-dark");
  await b.action("confirm-create").click();
  await b.row("my_freshdesk").waitFor();
  await b.formInput("/description").fill("Dark mode description");
  await b.action("save").click();
  await b.dialog("update").waitFor();
  await shot(page, "23-update-diff-dark");
  await page.keyboard.press("Escape");
  await b.action("promote").click();
  await b.dialog("promote").waitFor();
  await shot(page, "24-promote-dark");
  await page.keyboard.press("Escape");
  await b.dialog("promote").waitFor({ state: "detached" });
});

test("a write to Production needs an explicit confirmation, then goes through", async () => {
  const { page } = await open({});
  const b = builder(page);
  await b.action("preset").selectOption("mcp-bearer-apify");
  await until(async () => (await b.pill.textContent()).startsWith("Valid"), { message: "a valid preset" });
  await b.tab("manage").click();
  await b.action("environment").selectOption("prod");
  assert.equal(await b.action("save").textContent(), "Save to prod…");
  await b.action("save").click();
  const dialog = b.dialog("create");
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /prod is Production/);
  const go = b.action("confirm-create");
  assert.equal(await go.isDisabled(), true);
  await b.action("confirm-production").check();
  await go.click();
  await dialog.waitFor({ state: "detached" });
  const name = (await b.payload()).display_name;
  await until(async () => (await b.q(".connector-name").allTextContents()).includes(name), { message: "the connector in prod's list" });
  // A reload does not land on Production by itself.
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForFunction(() => customElements.get("connector-builder") !== undefined);
  await until(async () => (await builder(page).action("environment").inputValue()) === "dev", { message: "dev after a reload" });
});

test("keyboard: tabs with arrow keys, dialogs close with Escape and focus is visible", async () => {
  const { page } = await open({});
  const b = builder(page);
  await b.tab("try").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await b.tab("manage").getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.querySelector("connector-builder").shadowRoot.activeElement?.dataset.tab), "manage");
  const outline = await b.tab("manage").evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, "none", "the focused tab shows a focus ring");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await b.tab("try").getAttribute("aria-selected"), "true");

  await b.action("scratch").click();
  const dialog = b.dialog("scratch");
  await dialog.waitFor();
  await page.keyboard.type("Acme CRM");
  await dialog.locator("select").selectOption("API_KEY");
  await dialog.locator("input.mono").fill("https://{{domain}}/v1");
  await b.action("create-draft").click();
  await dialog.waitFor({ state: "detached" });
  const payload = await b.payload();
  assert.equal(payload.display_name, "Acme CRM");
  assert.equal(payload.auth_patterns[0].type, "API_KEY");
  assert.deepEqual(payload.auth_patterns[0].fields.map((f) => f.field_name), ["api_key", "domain"]);

  // Switching the auth type asks the package for the new pattern and keeps the user's inputs.
  await b.formInput("/auth_patterns/0/fields/1/label").fill("Acme domain");
  await b.formInput("/auth_patterns/0/type").selectOption("BEARER");
  await until(async () => (await b.payload())?.auth_patterns[0].type === "BEARER", { message: "BEARER" });
  const bearer = await b.payload();
  assert.ok(bearer.auth_patterns[0].fields.some((f) => f.field_name === "token"));
  assert.equal(bearer.auth_patterns[0].fields.find((f) => f.field_name === "domain").label, "Acme domain");

  // Inputs: add, reorder, remove.
  await b.q('form [data-focus="/auth_patterns/0/fields:add"]').click();
  let names = (await b.payload()).auth_patterns[0].fields.map((f) => f.field_name);
  assert.equal(names.length, 3);
  await b.q('form [data-focus="/auth_patterns/0/fields:2:up"]').click();
  names = (await b.payload()).auth_patterns[0].fields.map((f) => f.field_name);
  assert.equal(names[1], "field_3");
  await b.formInput("/auth_patterns/0/fields/1/input_type").selectOption("select");
  await b.formInput("/auth_patterns/0/fields/1/options/0/value").fill("eu");
  assert.deepEqual((await b.payload()).auth_patterns[0].fields[1].options[0].value, "eu");
  await b.q('form button[aria-label="Remove input field_3"]').click();
  names = (await b.payload()).auth_patterns[0].fields.map((f) => f.field_name);
  assert.equal(names.includes("field_3"), false);

  // Mutations and metadata.
  await b.q('form [data-focus="mutations:add"]').click();
  await until(async () => (await b.payload())?.auth_patterns[0].auth_field_mutations, { message: "a mutation" });
  await b.q('form [data-focus="metadata:add"]').click();
  await b.q('form [data-focus="metadata:0:key"]').fill("team");
  await b.q('form input[data-path="/metadata/team"]:not([data-focus])').fill("support");
  assert.deepEqual((await b.payload()).metadata, { team: "support" });
  await shot(page, "25-form-editing-light");
});

test("a narrow window stacks the columns", async () => {
  const { page } = await open({ viewport: { width: 820, height: 1100 } });
  const b = builder(page);
  await b.editor.waitFor();
  const cols = await page.evaluate(() => [...document.querySelector("connector-builder").shadowRoot.querySelectorAll(".col")].map((c) => c.getBoundingClientRect().left));
  assert.ok(cols[2] === cols[0], "the side panel moves under the form and the JSON");
  await shot(page, "26-narrow-light");
  const phone = await open({ viewport: { width: 400, height: 900 }, colorScheme: "dark" });
  await builder(phone.page).editor.waitFor();
  await shot(phone.page, "27-phone-dark");
});

test("embedding: a host page themes the component and hears its events", async () => {
  const { page } = await open({ path: "/www/embed.html" });
  const b = builder(page);
  await until(async () => (await b.text()).includes("My Attention"), { message: "the preset attribute" });
  // Theme: the host's accent reaches the primary button.
  const accent = await b.action("save").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(accent, "rgb(15, 118, 110)");
  // Events: the host's log shows validate.
  await until(async () => (await page.locator("#log").textContent()).includes("validate"), { message: "a validate event in the host log" });
  // Property: the host sets a payload.
  await page.locator("#load").click();
  await until(async () => (await b.text()).includes("Acme Tickets"), { message: "the host's payload" });
  assert.match(await page.locator("#log").textContent(), /report\.valid = true/);
  assert.equal(await b.formInput("/auth_patterns/0/auth_header_key_override").inputValue(), "X-Acme-Key");
  await shot(page, "30-embed-light");
  // Read-only: no writes, no typing.
  await page.locator("#ro").check();
  assert.equal(await b.editor.evaluate((t) => t.readOnly), true);
  assert.equal(await b.action("save").isVisible(), false);
  await page.locator("#ro").uncheck();
  await page.locator("#theme").selectOption("dark");
  await shot(page, "31-embed-dark");
  const draft = await page.evaluate(() => localStorage.getItem("acme-console:connector-draft"));
  assert.match(draft, /Acme Tickets/, "drafts go under the host's draft-key");
});

test("no console errors, page errors or CSP violations", () => {
  for (const s of sessions) assert.deepEqual(s.problems(), []);
});

// Regressions for the leaks the secrets run found, one test each, quick to run on their own
// (secrets.test.mjs proves the whole flow; this file pins each fix where it was made).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServe, openBuilder, until } from "../e2e/helpers.mjs";
import { run as runCli } from "../cli/helpers.mjs";

const TOKEN = "bot_REGRESSION_token_51f0";
const PIN = "pin_REGRESSION_typed_77aa";

/** A token in the URL path, as Telegram's bot API wants it. */
const PATH_TOKEN = {
  display_name: "Path Token",
  description: "A token in the path",
  proxy_url: "https://api.telegram.example/bot{{token}}",
  proxy_enabled: true,
  auth_patterns: [{
    type: "BEARER", display_name: "Bot token", description: "The bot's token",
    fields: [{ field_name: "token", label: "Bot token", input_type: "password", hint: "From BotFather", required: true, is_path_param: true }],
  }],
};

let serve;
let browser;
let session;
let page;
let b;

before(async () => {
  serve = await startServe();
  ({ browser, session, page, b } = await openBuilder(serve));
  await b.editor.waitFor();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

const shadowText = () => page.evaluate(() => document.querySelector("connector-builder").shadowRoot.innerHTML);

test("page: a secret test value in proxy_url is masked in the rendered URL and in a refusal, until Reveal", async () => {
  await b.editor.fill(JSON.stringify(PATH_TOKEN, null, 2));
  await until(async () => (await b.formInput("/display_name").inputValue()) === "Path Token", { message: "the payload" });
  await b.tab("try").click();
  const rendered = b.q('[part="template"] [part="rendered-url"]');
  await b.q('[part="template"] input[data-var="token"]').fill(TOKEN);
  await until(async () => (await rendered.textContent()).includes("https://api.telegram.example/bot••••••••"), { message: "the masked URL" });
  assert.ok(!(await shadowText()).includes(TOKEN), "the token is nowhere in the component's DOM");

  // A refused secret value: the reason does not quote it.
  await b.q('[part="template"] input[data-var="token"]').fill("..");
  await b.editor.fill(JSON.stringify({ ...PATH_TOKEN, proxy_url: "https://api.telegram.example/{{token}}" }, null, 2));
  await until(async () => /Refused/.test(await rendered.textContent()), { message: "the refusal" });
  assert.match(await rendered.textContent(), /\{\{token\}\} \(masked\)/);
  assert.match(await rendered.textContent(), /Reveal secrets to see why/);

  // Reveal shows it (the user asked), Mask hides it again.
  await b.editor.fill(JSON.stringify(PATH_TOKEN, null, 2));
  await b.q('[part="template"] input[data-var="token"]').fill(TOKEN);
  await b.action("reveal").click();
  await until(async () => (await rendered.textContent()).includes(`https://api.telegram.example/bot${TOKEN}`), { message: "the revealed URL" });
  await b.action("reveal").click();
  await until(async () => (await rendered.textContent()).includes("bot••••••••"), { message: "masked again" });
  assert.ok(!(await shadowText()).includes(TOKEN));
});

test("page: a test value the page treats as secret is masked in the wire preview too, whatever its input_type", async () => {
  // `tenant_secret` is a text input (validate warns), but the page masks its box and never saves
  // it: the request line must not show it either.
  const payload = {
    display_name: "Tenant Secret", description: "d", proxy_url: "https://api.example.com/t/{{tenant_secret}}", proxy_enabled: true,
    auth_patterns: [{ type: "BEARER", display_name: "T", description: "d", fields: [
      { field_name: "token", label: "Token", input_type: "password", hint: "h", required: true },
      { field_name: "tenant_secret", label: "Tenant", input_type: "text", hint: "h", required: true, is_path_param: true },
    ] }],
  };
  await b.editor.fill(JSON.stringify(payload, null, 2));
  await b.tab("try").click();
  await b.q('[part="template"] input[data-var="tenant_secret"]').fill(TOKEN);
  await b.q('[part="preview"] input[data-var="token"]').fill("t");
  const wire = b.q('[part="wire"]');
  await until(async () => (await wire.textContent()).includes("https://api.example.com/t/••••••••"), { message: "the masked request URL" });
  assert.ok(!(await shadowText()).includes(TOKEN), "the value is nowhere in the component's DOM");
  await b.action("reveal").click();
  await until(async () => (await wire.textContent()).includes(`https://api.example.com/t/${TOKEN}`), { message: "revealed on demand" });
  await b.action("reveal").click();
});

test("page: a value typed into a password input is never saved, even after the input is renamed or becomes text", async () => {
  const payload = {
    display_name: "Pin Test", description: "d", proxy_url: "https://api.example.com", proxy_enabled: true,
    auth_patterns: [{ type: "BEARER", display_name: "T", description: "d", fields: [
      { field_name: "token", label: "Token", input_type: "password", hint: "h", required: true },
      { field_name: "pin", label: "PIN", input_type: "password", hint: "4 digits", required: false },
    ] }],
  };
  await b.editor.fill(JSON.stringify(payload, null, 2));
  await b.tab("try").click();
  await b.q('[part="preview"] input[data-var="pin"]').fill(PIN);
  payload.auth_patterns[0].fields[1].input_type = "text";
  await b.editor.fill(JSON.stringify(payload, null, 2));
  await page.waitForTimeout(200);
  payload.auth_patterns[0].fields[1].field_name = "pin_code";
  await b.editor.fill(JSON.stringify(payload, null, 2));
  await b.q('[part="preview"] input[data-var="pin_code"]').waitFor();
  await b.q('[part="preview"] input[data-var="pin_code"]').fill("1234"); // a draft save after it all
  await until(async () => (await page.evaluate(() => Object.values(localStorage).join("\n"))).includes("pin_code"), { message: "the draft saved" });
  const stored = await page.evaluate(() => Object.values(localStorage).join("\n"));
  assert.ok(!stored.includes(PIN), "the PIN typed into a password input is not in localStorage");
});

test("page: a credential mutation's default carries a warning that it is no place for a real secret", async () => {
  const payload = {
    display_name: "Default Test", description: "d", proxy_url: "https://{{domain}}/api", proxy_enabled: true,
    auth_patterns: [{ type: "BASIC", display_name: "Basic", description: "d",
      fields: [
        { field_name: "domain", label: "Domain", input_type: "text", hint: "h", required: true },
        { field_name: "username", label: "API key", input_type: "text", hint: "h", required: true },
      ],
      auth_field_mutations: { password: { default: "X" } } }],
  };
  await b.editor.fill(JSON.stringify(payload, null, 2));
  const input = b.formInput("/auth_patterns/0/auth_field_mutations/password/default");
  await until(async () => (await input.count()) === 1, { message: "the default's input" });
  const described = await input.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean)
    .map((id) => el.getRootNode().getElementById(id)?.textContent ?? "").join(" "));
  assert.match(described, /plain text/);
  assert.match(described, /never a real secret/);
});

test("CLI: a --set without its name is refused without repeating the value (it may be the secret)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-regression-"));
  try {
    fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify(PATH_TOKEN));
    for (const item of [TOKEN, `=${TOKEN}`]) {
      const r = await runCli(["preview", "c.json", "--set", item], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--set expects NAME=VALUE/);
      assert.ok(!r.stderr.includes(TOKEN) && !r.stdout.includes(TOKEN), r.stderr);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("no page errors or CSP violations along the way", () => {
  assert.deepEqual(session.problems(), []);
});

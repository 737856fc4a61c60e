// connector-kit import-openapi, run as users run it: the real bin in a child process, on the
// fixtures of tests/fixtures/openapi/ (files, a YAML copy, stdin) and on documents served by a
// local http server (URLs, relative servers, an OpenID Connect discovery document).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "pkg", "bin", "connector-kit.mjs");
const FIXTURES = join(ROOT, "tests", "fixtures", "openapi");
const fixture = (name) => join(FIXTURES, name);
const read = (name) => readFileSync(fixture(name), "utf8");

/** Runs the bin; resolves { code, stdout, stderr }. Async: the test's own server must keep answering. */
function run(args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "import-openapi", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

const payloadOf = (r) => JSON.parse(r.stdout);

let server;
let base;
let closedPort;
before(async () => {
  server = createServer((req, res) => {
    const routes = {
      "/specs/petstore.json": ["application/json", read("petstore-swagger2.json")],
      "/specs/petstore.yaml": ["application/yaml", read("petstore-swagger2.yaml")],
      "/specs/relative.json": ["application/json", JSON.stringify({
        openapi: "3.0.3",
        info: { title: "Relative", version: "1" },
        servers: [{ url: "/api/v3" }],
        components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      })],
      "/specs/openid.json": ["application/json", read("openid-3.0.json").replace("https://login.northwind.example/.well-known/openid-configuration", `${base}/.well-known/openid-configuration`)],
      "/specs/openid-unreachable.json": ["application/json", read("openid-3.0.json").replace("https://login.northwind.example", `http://127.0.0.1:${closedPort}`)],
      "/.well-known/openid-configuration": ["application/json", read("openid-discovery.json")],
    };
    const route = routes[req.url];
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": route[0] }).end(route[1]);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  // A port nothing listens on: open one, note it, close it.
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
});
after(() => server.close());

test("Swagger 2.0 petstore: API key in a header", async () => {
  const r = await run([fixture("petstore-swagger2.json")]);
  assert.equal(r.code, 0, r.stderr);
  const payload = payloadOf(r);
  assert.equal(payload.proxy_url, "https://petstore.swagger.io/v2");
  assert.equal(payload.auth_patterns[0].type, "API_KEY");
  assert.equal(payload.auth_patterns[0].auth_header_key_override, "api_key");
  assert.match(r.stderr, /info security-unsupported: Security scheme `petstore_auth` is not used: it uses the `implicit` flow/);
  assert.match(r.stderr, /at .*petstore-swagger2\.json#\/securityDefinitions\/petstore_auth/);
});

test("the YAML copy gives the same payload", async () => {
  const [json, yaml] = await Promise.all([run([fixture("petstore-swagger2.json")]), run([fixture("petstore-swagger2.yaml")])]);
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.deepEqual(payloadOf(yaml), payloadOf(json));
});

test("OpenAPI 3.0: OAuth authorization code, server variables with an enum", async () => {
  const r = await run([fixture("oauth-server-variables-3.0.json")]);
  assert.equal(r.code, 0, r.stderr);
  const pattern = payloadOf(r).auth_patterns[0];
  assert.equal(payloadOf(r).proxy_url, "https://{{region}}.api.acme-crm.com/{{version}}");
  assert.equal(pattern.oauth_config.token_uri, "https://login.acme-crm.com/oauth2/token");
  assert.deepEqual(pattern.account_fields[0].options.map((o) => [o.value, o.default ?? false]), [["us", true], ["eu", false], ["ap", false]]);
  assert.match(r.stderr, /info server-choice: .*1: https:\/\/sandbox\.acme-crm\.com\/v2/);

  const sandbox = await run([fixture("oauth-server-variables-3.0.json"), "--server", "1", "--name", "Acme CRM Sandbox"]);
  assert.equal(sandbox.code, 0, sandbox.stderr);
  assert.equal(payloadOf(sandbox).proxy_url, "https://sandbox.acme-crm.com/v2");
  assert.equal(payloadOf(sandbox).display_name, "Acme CRM Sandbox");
  const given = await run([fixture("oauth-server-variables-3.0.json"), "--server", "https://eu.api.acme-crm.com/v2"]);
  assert.equal(payloadOf(given).proxy_url, "https://eu.api.acme-crm.com/v2");
});

test("OpenAPI 3.1: HTTP bearer, no notes", async () => {
  const r = await run([fixture("bearer-3.1.json")]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(payloadOf(r).auth_patterns[0].type, "BEARER");
  assert.equal(payloadOf(r).proxy_url, "https://api.taskboard.dev/v1");
});

test("an API key in the query is refused plainly: exit 1, no payload", async () => {
  const r = await run([fixture("apikey-query-3.0.json")]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /error security-unsupported: Security scheme `appid` cannot be used: it sends the API key in the query parameter `appid`/);
  assert.match(r.stderr, /no payload/);
});

test("several schemes: one is used, the others are listed, --scheme chooses", async () => {
  const r = await run([fixture("several-schemes-3.0.json")]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(payloadOf(r).auth_patterns[0].type, "API_KEY");
  assert.match(r.stderr, /info security-alternative: The document also offers `oauth` \(OAUTH\).*--scheme oauth/);
  assert.match(r.stderr, /info security-alternative: The document also offers `basicAuth` \(BASIC\)/);
  assert.match(r.stderr, /info security-unsupported: Security scheme `queryToken` is not used/);

  const oauth = await run([fixture("several-schemes-3.0.json"), "--scheme", "oauth"]);
  assert.equal(oauth.code, 0, oauth.stderr);
  assert.equal(payloadOf(oauth).auth_patterns[0].type, "OAUTH");
  assert.match(oauth.stderr, /info oauth-flows: .*clientCredentials/);

  const query = await run([fixture("several-schemes-3.0.json"), "--scheme", "queryToken"]);
  assert.equal(query.code, 1);
  assert.equal(query.stdout, "");

  const typo = await run([fixture("several-schemes-3.0.json"), "--scheme", "oaut"]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /no security scheme `oaut`\n  hint: did you mean `oauth`\?/);
});

test("OpenID Connect: the discovery document is fetched", async () => {
  const r = await run([`${base}/specs/openid.json`]);
  assert.equal(r.code, 0, r.stderr);
  const config = payloadOf(r).auth_patterns[0].oauth_config;
  assert.equal(config.authorize_uri, "https://login.northwind.example/oauth2/v1/authorize");
  assert.equal(config.user_info_uri, "https://login.northwind.example/oauth2/v1/userinfo");
  assert.equal(config.pkce_enabled, true);
  assert.match(r.stderr, /info oidc-discovery: OpenID Connect endpoints and scopes from http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration/);

  const unreachable = await run([`${base}/specs/openid-unreachable.json`, "--timeout", "3000"]);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /error oidc-discovery-needed: /);
  assert.match(unreachable.stderr, /error oidc-discovery-unreadable: The discovery document could not be read \(GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration: connection refused/);
  assert.equal(payloadOf(unreachable).auth_patterns[0].type, "OAUTH", "the draft payload is still printed");
});

test("from a URL, JSON or YAML; relative servers resolve against it", async () => {
  const json = await run([`${base}/specs/petstore.json`]);
  const yaml = await run([`${base}/specs/petstore.yaml`]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(payloadOf(yaml), payloadOf(json));

  const relative = await run([`${base}/specs/relative.json`]);
  assert.equal(relative.code, 0, relative.stderr);
  assert.equal(payloadOf(relative).proxy_url, `${base.replace("http:", "https:")}/api/v3`);
  assert.match(relative.stderr, /warning server-not-https: /);

  const missing = await run([`${base}/specs/nope.json`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /connector-kit import-openapi: GET http:\/\/127\.0\.0\.1:\d+\/specs\/nope\.json: HTTP 404/);
  const refused = await run([`http://127.0.0.1:${closedPort}/spec.json`]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /connection refused/);
});

test("stdin and --out", async () => {
  const piped = await run(["-"], { input: read("bearer-3.1.json") });
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(payloadOf(piped).auth_patterns[0].type, "BEARER");

  const dir = mkdtempSync(join(tmpdir(), "ck-import-"));
  try {
    const out = join(dir, "taskboard.json");
    const r = await run([fixture("bearer-3.1.json"), "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /wrote .*taskboard\.json \(security scheme: bearerAuth\)/);
    assert.equal(JSON.parse(readFileSync(out, "utf8")).display_name, "Taskboard");
    const bad = await run([fixture("bearer-3.1.json"), "--out", join(dir, "no", "such", "dir.json")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot write/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("broken documents are clear errors (exit 1)", async () => {
  const broken = await run([fixture("broken.json")]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /error openapi-invalid: The document is not valid JSON: EOF while parsing a value at line 8 column 0/);
  const other = await run([fixture("not-openapi.json")]);
  assert.equal(other.code, 1);
  assert.match(other.stderr, /Not an OpenAPI document: it has neither `openapi` \(3\.x\) nor `swagger` \(2\.0\)/);
  const yaml = await run(["-"], { input: "openapi: 3.0.0\ninfo:\n  title: [unclosed\n" });
  assert.equal(yaml.code, 1);
  assert.match(yaml.stderr, /error openapi-invalid: not valid YAML: /);
  const scalar = await run(["-"], { input: "just words\n" });
  assert.equal(scalar.code, 1);
  assert.match(scalar.stderr, /An OpenAPI document is a JSON object/);
});

test("usage problems exit 2", async () => {
  for (const [args, pattern] of [
    [[], /missing SPEC/],
    [["a.json", "b.json"], /unexpected argument: b\.json/],
    [["a.json", "--bogus"], /Unknown option '--bogus'/],
    [["a.json", "--timeout", "soon"], /--timeout must be a whole number/],
    [[fixture("nope.json")], /cannot read .*nope\.json: no such file/],
    [["ftp://example.com/spec.json"], /only files and http\(s\) URLs/],
    [[fixture("bearer-3.1.json"), "--server", "3"], /There is no server 3: the document lists 1\n  hint: choose 0 to 0, or pass a URL/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
  }
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: connector-kit import-openapi SPEC/);
});

// connector-kit new, render, preview, schema: offline commands on real files.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { jsonSchema, preset, presets, validate } from "connector-kit";
import { EXAMPLES, run, tempDir, writeFiles } from "./helpers.mjs";

const FRESHDESK = path.join(EXAMPLES, "basic-freshdesk.json");

describe("new", () => {
  test("--preset prints the preset as pretty JSON", async () => {
    for (const { name } of presets()) {
      const r = await run(["new", "--preset", name]);
      assert.equal(r.code, 0, name);
      assert.equal(r.stdout, `${JSON.stringify(preset(name), null, 2)}\n`);
    }
  });

  test("an unknown preset lists them all, exit 2", async () => {
    const r = await run(["new", "--preset", "nope"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    for (const { name } of presets()) assert.match(r.stderr, new RegExp(`\\b${name}\\b`));
  });

  test("from flags: inputs with types and options, header, mutation with spaces and '=', metadata", async () => {
    const r = await run([
      "new", "--type", "API_KEY", "--name", "Klaviyo", "--base-url", "https://{{region}}.klaviyo.com/api",
      "--input", "region:select:us,eu=Europe", "--input", "account", "--header", "X-API-Key",
      "--mutation", "api_key.prefix=Klaviyo-API-Key ", "--mutation", "api_key.suffix==x", "--metadata", "team=a=b",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.ok(validate(p).valid);
    const [pattern] = p.auth_patterns;
    assert.equal(pattern.type, "API_KEY");
    assert.equal(pattern.auth_header_key_override, "X-API-Key");
    assert.deepEqual(pattern.auth_field_mutations, { api_key: { prefix: "Klaviyo-API-Key ", suffix: "=x" } });
    const region = pattern.fields.find((f) => f.field_name === "region");
    assert.deepEqual(region.options.map((o) => [o.value, o.display_name]), [["us", "us"], ["eu", "Europe"]]);
    assert.ok(pattern.fields.some((f) => f.field_name === "account"));
    assert.deepEqual(p.metadata, { team: "a=b" });
  });

  test("MCP OAuth and REST OAuth with scopes", async () => {
    const mcp = JSON.parse((await run(["new", "--type", "OAUTH", "--mcp", "--name", "Linear", "--base-url", "https://mcp.linear.app/mcp"])).stdout);
    assert.deepEqual(mcp.auth_patterns[0].oauth_config, { pkce_enabled: true });
    assert.equal(mcp.auth_patterns[0].is_mcp, true);
    const rest = await run(["new", "--type", "OAUTH", "--name", "Acme", "--base-url", "https://api.acme.com",
      "--authorize-uri", "https://acme.com/oauth/authorize", "--token-uri", "https://acme.com/oauth/token", "--scope", "read", "--scope", "write"]);
    assert.equal(rest.code, 0, rest.stderr);
    assert.deepEqual(JSON.parse(rest.stdout).auth_patterns[0].oauth_config.available_scopes.map((s) => s.scope), ["read", "write"]);
  });

  test("a payload that still has errors is printed, the errors listed on stderr, exit 1", async () => {
    const r = await run(["new", "--type", "OAUTH", "--name", "Acme", "--base-url", "https://api.acme.com"]);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).display_name, "Acme");
    assert.match(r.stderr, /error url-not-https \/auth_patterns\/0\/oauth_config\/authorize_uri/);
  });

  test("usage errors exit 2: missing flags, an unknown type, --preset with other flags, a bad --input", async () => {
    const cases = [
      ["new"],
      ["new", "--type", "BEARER", "--name", "X"],
      ["new", "--type", "NOPE", "--name", "X", "--base-url", "https://x"],
      ["new", "--preset", "oauth-asana", "--name", "X"],
      ["new", "--type", "BEARER", "--name", "X", "--base-url", "https://x", "--input", ":text"],
      ["new", "--type", "BEARER", "--name", "X", "--base-url", "https://x", "--mutation", "token=x"],
      ["new", "extra"],
    ];
    for (const args of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^connector-kit new: /);
    }
  });
});

describe("render", () => {
  test("prints the rendered proxy_url", async () => {
    const r = await run(["render", FRESHDESK, "--set", "domain=acme.freshdesk.com"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "https://acme.freshdesk.com/api\n");
  });

  test("values may hold '=', repeated --set fill several placeholders", async (t) => {
    const dir = tempDir(t);
    const p = JSON.parse((await run(["new", "--type", "BEARER", "--name", "Multi", "--base-url", "https://{{domain}}/api/{{version}}"])).stdout);
    writeFiles(dir, { "multi.json": p });
    const r = await run(["render", "multi.json", "--set", "domain=acme.example.com", "--set=version=v=2"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "https://acme.example.com/api/v%3D2\n");
  });

  test("exit 2 for what the command line got wrong, 1 for a value the package refuses", async (t) => {
    const dir = tempDir(t);
    writeFiles(dir, { "broken.json": "{\"display_name\": " });
    const usage = [
      [["render", FRESHDESK], /no value for \{\{domain\}\}[\s\S]*--set domain=VALUE/],
      [["render", FRESHDESK, "--set", "domain"], /--set expects NAME=VALUE/],
      [["render", FRESHDESK, "--set", "=x"], /--set expects NAME=VALUE/],
      [["render", FRESHDESK, "--set", "domain=a", "--set", "domain=b"], /--set domain is given twice/],
      [["render", "missing.json", "--set", "domain=a"], /missing\.json: no such file or directory/],
      [["render"], /missing argument/],
    ];
    for (const [args, message] of usage) {
      const r = await run(args, { cwd: dir });
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
    }
    const unsafe = await run(["render", FRESHDESK, "--set", "domain=evil.example/x?"]);
    assert.equal(unsafe.code, 1);
    assert.match(unsafe.stderr, /would add a path/);
    const broken = await run(["render", "broken.json"], { cwd: dir });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /broken\.json:1:18: Invalid JSON/);
  });
});

describe("preview", () => {
  const values = ["--set", "domain=acme.freshdesk.com", "--set", "username=KEY_abc=="];

  test("prints the curl with the secret masked", async () => {
    const r = await run(["preview", FRESHDESK, ...values, "--path", "/v2/tickets"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "curl https://acme.freshdesk.com/api/v2/tickets -H 'Authorization: Basic ••••••••'\n");
  });

  test("--reveal shows it; --method; --json gives the whole preview", async () => {
    const shown = await run(["preview", FRESHDESK, ...values, "--reveal", "--method", "POST"]);
    const basic = Buffer.from("KEY_abc==:").toString("base64");
    assert.equal(shown.stdout, `curl -X POST https://acme.freshdesk.com/api -H 'Authorization: Basic ${basic}'\n`);
    const json = JSON.parse((await run(["preview", FRESHDESK, ...values, "--json"])).stdout);
    assert.deepEqual(Object.keys(json).sort(), ["curl", "headers", "method", "url"]);
    assert.equal(json.method, "GET");
    assert.ok(!JSON.stringify(json).includes(basic));
  });

  test("a missing placeholder value is a usage error", async () => {
    const r = await run(["preview", FRESHDESK, "--set", "username=x"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /add --set domain=VALUE/);
  });
});

describe("schema", () => {
  test("prints the JSON Schema", async () => {
    const r = await run(["schema"]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), jsonSchema());
    assert.equal((await run(["schema", "extra"])).code, 2);
  });
});

describe("the dispatcher", () => {
  test("--help lists the commands; each command has --help", async () => {
    const r = await run(["--help"]);
    for (const name of ["lint", "new", "render", "preview", "schema", "pull", "diff", "push", "promote", "delete"]) {
      assert.match(r.stdout, new RegExp(`^  ${name} `, "m"));
      const help = await run([name, "--help"]);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^Usage: connector-kit ${name}`));
    }
  });
});

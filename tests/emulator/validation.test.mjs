// Server-side validation: one failing request per rule, asserting the field violation's `field`.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { startWithClient, example, grpcError, ERROR_INFO_TYPE } from "./helpers.mjs";

let emu;
let client;
before(async () => ({ emu, client } = await startWithClient()));
after(() => emu.close());
beforeEach(() => emu.reset());

const base = () => structuredClone(example("bearer-token"));
const set = (key, value) => (p) => { p[key] = value; };
const del = (key) => (p) => { delete p[key]; };
const pattern = (key, value) => (p) => { p.auth_patterns[0][key] = value; };
const metadataOf = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, "v"]));
const long = (n) => "a".repeat(n);

// [description, change, field, constraint]
const FAILING = [
  ["display_name missing", del("display_name"), "display_name", "required"],
  ["display_name null", set("display_name", null), "display_name", "required"],
  ["display_name empty", set("display_name", ""), "display_name", "required"],
  ["display_name 201 characters", set("display_name", long(201)), "display_name", "string.max_len"],
  ["display_name with a hyphen", set("display_name", "My-Asana"), "display_name", "string.pattern"],
  ["display_name with an underscore", set("display_name", "My_Asana"), "display_name", "string.pattern"],
  ["display_name only spaces", set("display_name", "   "), "display_name", "string.pattern"],
  ["display_name non-ASCII letter", set("display_name", "Café"), "display_name", "string.pattern"],
  ["display_name a number", set("display_name", 42), "display_name", "type"],
  ["description not a string", set("description", ["x"]), "description", "type"],
  ["proxy_url missing", del("proxy_url"), "proxy_url", "required"],
  ["proxy_url empty", set("proxy_url", ""), "proxy_url", "required"],
  ["proxy_url http", set("proxy_url", "http://api.example.com"), "proxy_url", "string.prefix"],
  ["proxy_url upper-case scheme", set("proxy_url", "HTTPS://api.example.com"), "proxy_url", "string.prefix"],
  ["proxy_url relative", set("proxy_url", "/api"), "proxy_url", "string.prefix"],
  ["proxy_url 2049 characters", set("proxy_url", `https://${long(2041)}`), "proxy_url", "string.max_len"],
  ["proxy_url an object", set("proxy_url", { url: "https://x" }), "proxy_url", "type"],
  ["proxy_enabled a string", set("proxy_enabled", "true"), "proxy_enabled", "type"],
  ["auth_patterns missing", del("auth_patterns"), "auth_patterns", "required"],
  ["auth_patterns empty", set("auth_patterns", []), "auth_patterns", "repeated.min_items"],
  ["two auth_patterns", (p) => { p.auth_patterns.push(structuredClone(p.auth_patterns[0])); }, "auth_patterns", "repeated.max_items"],
  ["auth_patterns an object", (p) => { p.auth_patterns = p.auth_patterns[0]; }, "auth_patterns", "type"],
  ["a pattern that is a string", set("auth_patterns", ["BEARER"]), "auth_patterns[0]", "type"],
  ["a pattern without type", pattern("type", undefined), "auth_patterns[0].type", "required"],
  ["a pattern with an unknown type", pattern("type", "DIGEST"), "auth_patterns[0].type", "enum.in"],
  ["a pattern with a lower-case type", pattern("type", "bearer"), "auth_patterns[0].type", "enum.in"],
  ["a pattern type that is a number", pattern("type", 2), "auth_patterns[0].type", "type"],
  ["is_mcp a string", pattern("is_mcp", "yes"), "auth_patterns[0].is_mcp", "type"],
  ["icon_src http", set("icon_src", "http://x.example/i.svg"), "icon_src", "string.prefix"],
  ["icon_src 2049 characters", set("icon_src", `https://${long(2041)}`), "icon_src", "string.max_len"],
  ["icon_src a number", set("icon_src", 5), "icon_src", "type"],
  ["metadata with 21 pairs", set("metadata", metadataOf(21)), "metadata", "map.max_pairs"],
  ["metadata key of 2 characters", set("metadata", { ab: "v" }), 'metadata["ab"]', "map.keys.string.min_len"],
  ["metadata key of 26 characters", set("metadata", { [long(26)]: "v" }), `metadata["${long(26)}"]`, "map.keys.string.max_len"],
  ["metadata empty value", set("metadata", { team: "" }), 'metadata["team"]', "map.values.string.min_len"],
  ["metadata value of 257 characters", set("metadata", { team: long(257) }), 'metadata["team"]', "map.values.string.max_len"],
  ["metadata value a number", set("metadata", { team: 5 }), 'metadata["team"]', "type"],
  ["metadata an array", set("metadata", ["team"]), "metadata", "type"],
  ["metadata a string", set("metadata", "team=core"), "metadata", "type"],
];

describe("create: each rule refuses with a field violation", () => {
  for (const [what, change, field, constraint] of FAILING) {
    test(what, async () => {
      const p = base();
      change(p);
      const r = await client.create(p);
      const fv = grpcError(assert, r, 400, 3);
      assert.equal(r.json.message, "Validation error");
      assert.equal(r.json.details[0]["@type"], ERROR_INFO_TYPE);
      assert.equal(r.json.details[0].error_code, "INVALID_ARGUMENT");
      assert.deepEqual(fv.map((v) => v.field), [field]);
      assert.equal(fv[0].constraint, constraint);
      assert.ok(fv[0].description.length > 0);
      assert.deepEqual(emu.state().providers, []);
    });
  }
});

describe("update: the same rules apply", () => {
  for (const [what, change, field] of FAILING.filter((_, i) => i % 4 === 0)) {
    test(what, async () => {
      const created = (await client.create(base())).json.provider;
      const p = base();
      change(p);
      const fv = grpcError(assert, await client.update(created.identifier, p), 400, 3);
      assert.deepEqual(fv.map((v) => v.field), [field]);
      assert.deepEqual(emu.state().providers, [created]);
    });
  }
});

describe("boundaries that pass", () => {
  const PASSING = [
    ["display_name of 200 characters", set("display_name", long(200))],
    ["display_name with spaces around", set("display_name", "  Spaced Out  ")],
    ["proxy_url of 2048 characters", set("proxy_url", `https://${long(2040)}`)],
    ["proxy_url with placeholders", set("proxy_url", "https://{{domain}}/api/{{version}}")],
    ["icon_src empty", set("icon_src", "")],
    ["icon_src https", set("icon_src", "https://x.example/icon.svg")],
    ["metadata with 20 pairs", set("metadata", metadataOf(20))],
    ["metadata key of 3 and of 25 characters", set("metadata", { abc: "v", [long(25)]: long(256) })],
    ["null optional fields", (p) => Object.assign(p, { description: null, icon_src: null, metadata: null, proxy_enabled: null })],
    ["proxy_enabled false (the API accepts it)", set("proxy_enabled", false)],
    ["NO_AUTH", set("auth_patterns", [{ type: "NO_AUTH", is_mcp: true, fields: [] }])],
    ["OAUTH with an oauth_config the server does not check", set("auth_patterns", [{ type: "OAUTH", oauth_config: {} }])],
    ["BASIC", pattern("type", "BASIC")],
    ["API_KEY", pattern("type", "API_KEY")],
  ];
  for (const [what, change] of PASSING) {
    test(what, async () => {
      const p = base();
      change(p);
      const r = await client.create(p);
      assert.equal(r.status, 201, r.text);
    });
  }
});

describe("bodies", () => {
  test("several violations are reported together", async () => {
    const r = await client.create({ display_name: "Bad-Name", proxy_url: "http://x", auth_patterns: [] });
    const fv = grpcError(assert, r, 400, 3);
    assert.deepEqual(fv.map((v) => v.field).sort(), ["auth_patterns", "display_name", "proxy_url"]);
  });

  for (const [what, body] of [
    ["malformed JSON", '{"display_name": "x",'],
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["JSON null", "null"],
    ["a JSON string", '"payload"'],
    ["a wrapped payload is not a payload", JSON.stringify({ provider: example("bearer-token") })],
  ]) {
    test(`${what} → 400 code 3`, async () => {
      const r = await client.request("POST", "/api/v1/custom-providers", { body });
      grpcError(assert, r, 400, 3);
      assert.deepEqual(emu.state().providers, []);
    });
  }

  test("malformed JSON on update → 400", async () => {
    await client.create(base());
    grpcError(assert, await client.request("PUT", "/api/v1/custom-providers/my_bearer_token_provider", { body: "{oops" }), 400, 3);
  });

  test("a body over 1 MiB → 413", async () => {
    const r = await client.create({ ...base(), description: long(1024 * 1024 + 1) });
    grpcError(assert, r, 413, 8);
  });
});

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { startWithClient, examples, example, payload, grpcError } from "./helpers.mjs";

const PROVIDER_KEYS = ["auth_patterns", "categories", "coming_soon", "description", "display_name", "display_priority",
  "icon_src", "id", "identifier", "is_custom", "is_custom_mcp", "metadata", "proxy_enabled", "proxy_url"];

let emu;
let client;
before(async () => ({ emu, client } = await startWithClient()));
after(() => emu.close());
beforeEach(() => emu.reset());

describe("built-in providers", () => {
  test("an absent filter means DEFAULT: built-ins only", async () => {
    await client.create(payload("Mine"));
    const r = await client.request("GET", "/api/v1/providers");
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), ["next_page_token", "prev_page_token", "providers", "total_size"]);
    assert.ok(r.json.providers.length >= 3 && r.json.providers.length <= 4);
    assert.equal(r.json.total_size, r.json.providers.length);
    for (const p of r.json.providers) {
      assert.deepEqual(Object.keys(p).sort(), PROVIDER_KEYS);
      assert.equal(p.is_custom, false);
    }
    assert.ok(r.json.providers.some((p) => p.identifier === "github"));
    assert.equal(r.json.next_page_token, "");
    assert.equal(r.json.prev_page_token, "");
  });

  test("DEFAULT, CUSTOM and ALL", async () => {
    await client.create(payload("Mine"));
    const d = await client.list("filter.provider_type=DEFAULT");
    const c = await client.list("filter.provider_type=CUSTOM");
    const a = await client.list("filter.provider_type=ALL");
    assert.ok(d.json.providers.every((p) => !p.is_custom));
    assert.deepEqual(c.json.providers.map((p) => p.identifier), ["mine"]);
    assert.equal(a.json.total_size, d.json.total_size + 1);
    assert.deepEqual(a.json.providers.map((p) => p.identifier), [...d.json.providers.map((p) => p.identifier), "mine"]);
  });

  test("CUSTOM is empty at start", async () => {
    const r = await client.list();
    assert.deepEqual(r.json, { providers: [], next_page_token: "", prev_page_token: "", total_size: 0 });
  });

  for (const bad of ["custom", "", "BUILTIN", "1"]) {
    test(`filter.provider_type=${JSON.stringify(bad)} → 400`, async () => {
      const fv = grpcError(assert, await client.list(`filter.provider_type=${bad}`), 400, 3);
      assert.equal(fv[0].field, "filter.provider_type");
    });
  }

  test("built-ins cannot be updated or deleted through custom-providers (404)", async () => {
    grpcError(assert, await client.update("github", payload("GitHub")), 404, 5);
    grpcError(assert, await client.remove("github"), 404, 5);
  });
});

describe("create", () => {
  test("every documented example is accepted and stored as given", async () => {
    const expected = {
      "api-key-attention": ["my_attention", false],
      "basic-freshdesk": ["my_freshdesk", false],
      "bearer-token": ["my_bearer_token_provider", false],
      "mcp-api-key": ["my_api_key_mcp", true],
      "mcp-basic-internal": ["my_internal_mcp", true],
      "mcp-bearer-apify": ["apify_mcp", true],
      "mcp-oauth-github": ["github_mcp", true],
      "oauth-asana": ["my_asana", false],
    };
    const all = examples();
    assert.equal(Object.keys(all).length, 8);
    for (const [name, p] of Object.entries(all)) {
      const r = await client.create(p);
      assert.equal(r.status, 201, `${name}: ${r.text}`);
      assert.deepEqual(Object.keys(r.json), ["provider"]);
      const got = r.json.provider;
      assert.deepEqual(Object.keys(got).sort(), PROVIDER_KEYS);
      assert.match(got.id, /^prv_[0-9a-f]+$/);
      assert.equal(got.identifier, expected[name][0]);
      assert.equal(got.is_custom_mcp, expected[name][1]);
      assert.equal(got.is_custom, true);
      assert.equal(got.coming_soon, false);
      assert.deepEqual(got.categories, []);
      assert.deepEqual(got.metadata, {});
      assert.equal(got.icon_src, "");
      assert.equal(got.display_name, p.display_name);
      assert.equal(got.description, p.description);
      assert.equal(got.proxy_url, p.proxy_url);
      assert.equal(got.proxy_enabled, true);
      assert.deepEqual(got.auth_patterns, p.auth_patterns);
    }
    const listed = await client.list("filter.provider_type=CUSTOM&page_size=100");
    assert.equal(listed.json.total_size, 8);
    const state = emu.state();
    assert.equal(state.providers.length, 8);
  });

  test("auth_patterns are stored untyped: unknown keys and nulls come back as given", async () => {
    const patterns = [{
      type: "OAUTH", is_mcp: false, fields: null, account_fields: [{ field_name: "cloud_id", is_path_param: true, header_name: "X-Cloud" }],
      oauth_config: { authorize_uri: "https://a.example/auth", token_uri: "https://a.example/token", custom_scope_name: "scope", weird: [1, "two", { three: null }] },
      allowed_proxy_domains: ["api.example.com"], x_future_key: { nested: true },
    }];
    const r = await client.create(payload("Untyped", { auth_patterns: patterns, proxy_url: "https://api.example.com/ex/{{cloud_id}}" }));
    assert.equal(r.status, 201);
    assert.deepEqual(r.json.provider.auth_patterns, patterns);
    const l = await client.list("filter.provider_type=CUSTOM&identifier=untyped");
    assert.deepEqual(l.json.providers[0].auth_patterns, patterns);
  });

  test("metadata, icon_src and proxy_enabled false are stored", async () => {
    const r = await client.create(payload("With Extras", { metadata: { team: "core", owner_email: "a@b.c" }, icon_src: "https://x.example/i.svg", proxy_enabled: false }));
    assert.equal(r.status, 201);
    assert.deepEqual(r.json.provider.metadata, { team: "core", owner_email: "a@b.c" });
    assert.equal(r.json.provider.icon_src, "https://x.example/i.svg");
    assert.equal(r.json.provider.proxy_enabled, false);
  });

  test("top-level keys the server owns or does not know are ignored", async () => {
    const r = await client.create(payload("Ignored Keys", { id: "prv_mine", identifier: "chosen", is_custom: false, categories: ["x"], unknown_top: 1 }));
    assert.equal(r.status, 201);
    assert.notEqual(r.json.provider.id, "prv_mine");
    assert.equal(r.json.provider.identifier, "ignored_keys");
    assert.equal(r.json.provider.is_custom, true);
    assert.deepEqual(r.json.provider.categories, []);
    assert.equal("unknown_top" in r.json.provider, false);
  });

  test("identifier: lowercase slug with _, made unique with -N", async () => {
    const ids = [];
    for (const name of ["My Asana", "My  Asana", " my asana ", "MY ASANA", "Asana 2 Go"]) {
      const r = await client.create(payload(name));
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.provider.identifier);
    }
    assert.deepEqual(ids, ["my_asana", "my_asana-2", "my_asana-3", "my_asana-4", "asana_2_go"]);
  });

  test("the same display name again → 409 ALREADY_EXISTS", async () => {
    assert.equal((await client.create(payload("Dup Name"))).status, 201);
    const r = await client.create(payload("Dup Name"));
    grpcError(assert, r, 409, 6);
    assert.equal(r.json.details[0].error_code, "ALREADY_EXISTS");
    assert.equal(emu.state().providers.length, 1);
  });

  test("a built-in's display name → 409; a different name with a built-in's slug gets -2", async () => {
    grpcError(assert, await client.create(payload("GitHub")), 409, 6);
    const r = await client.create(payload("Github"));
    assert.equal(r.status, 201);
    assert.equal(r.json.provider.identifier, "github-2");
  });

  test("ids are unique", async () => {
    const a = await client.create(payload("Id One"));
    const b = await client.create(payload("Id Two"));
    assert.notEqual(a.json.provider.id, b.json.provider.id);
  });
});

describe("list: paging and the identifier filter", () => {
  test("paging through 45 connectors with page tokens", async () => {
    const names = Array.from({ length: 45 }, (_, i) => `Conn ${String(i).padStart(2, "0")}`);
    for (const n of names) assert.equal((await client.create(payload(n))).status, 201);

    const seen = [];
    let token = "";
    let pages = 0;
    let prev = null;
    do {
      const r = await client.list(`filter.provider_type=CUSTOM&page_size=10${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.total_size, 45);
      assert.ok(r.json.providers.length <= 10);
      if (pages === 0) assert.equal(r.json.prev_page_token, "");
      else assert.notEqual(r.json.prev_page_token, "");
      seen.push(...r.json.providers.map((p) => p.identifier));
      prev = r.json.prev_page_token;
      token = r.json.next_page_token;
      pages++;
    } while (token);
    assert.equal(pages, 5);
    assert.deepEqual(seen, names.map((n) => n.toLowerCase().replace(" ", "_")));

    // prev_page_token of the last page leads back to the fourth page
    const back = await client.list(`filter.provider_type=CUSTOM&page_size=10&page_token=${prev}`);
    assert.equal(back.json.providers[0].identifier, "conn_30");

    // default page size 30, maximum 100
    const d = await client.list("filter.provider_type=CUSTOM");
    assert.equal(d.json.providers.length, 30);
    assert.notEqual(d.json.next_page_token, "");
    const zero = await client.list("filter.provider_type=CUSTOM&page_size=0");
    assert.equal(zero.json.providers.length, 30);
    const big = await client.list("filter.provider_type=ALL&page_size=1000");
    assert.equal(big.json.providers.length, big.json.total_size);
    assert.ok(big.json.total_size > 45);
    assert.equal(big.json.next_page_token, "");

    // ALL pages over built-ins then custom ones
    const first = await client.list("filter.provider_type=ALL&page_size=2");
    assert.equal(first.json.providers[0].is_custom, false);
    assert.equal(first.json.total_size, 45 + (await client.list("filter.provider_type=DEFAULT")).json.total_size);
  });

  test("max page size is 100", async () => {
    for (let i = 0; i < 105; i++) await client.create(payload(`Many ${i}`));
    const r = await client.list("filter.provider_type=CUSTOM&page_size=500");
    assert.equal(r.json.providers.length, 100);
    assert.notEqual(r.json.next_page_token, "");
    const rest = await client.list(`filter.provider_type=CUSTOM&page_size=500&page_token=${r.json.next_page_token}`);
    assert.equal(rest.json.providers.length, 5);
    assert.equal(rest.json.next_page_token, "");
  });

  for (const bad of ["-1", "abc", "1.5"]) {
    test(`page_size=${bad} → 400`, async () => {
      const fv = grpcError(assert, await client.list(`filter.provider_type=CUSTOM&page_size=${bad}`), 400, 3);
      assert.equal(fv[0].field, "page_size");
    });
  }

  for (const bad of ["!!!", "abc", Buffer.from('{"o":-1}').toString("base64url"), Buffer.from("[1]").toString("base64url")]) {
    test(`page_token=${bad} → 400`, async () => {
      const fv = grpcError(assert, await client.list(`filter.provider_type=CUSTOM&page_token=${encodeURIComponent(bad)}`), 400, 3);
      assert.equal(fv[0].field, "page_token");
    });
  }

  test("identifier filter", async () => {
    await client.create(payload("Alpha"));
    await client.create(payload("Beta"));
    const one = await client.list("filter.provider_type=CUSTOM&identifier=beta");
    assert.deepEqual(one.json.providers.map((p) => p.identifier), ["beta"]);
    assert.equal(one.json.total_size, 1);
    const none = await client.list("filter.provider_type=CUSTOM&identifier=gamma");
    assert.deepEqual(none.json, { providers: [], next_page_token: "", prev_page_token: "", total_size: 0 });
    const builtinAsCustom = await client.list("filter.provider_type=CUSTOM&identifier=github");
    assert.equal(builtinAsCustom.json.total_size, 0);
    const builtin = await client.list("filter.provider_type=ALL&identifier=github");
    assert.equal(builtin.json.providers[0].is_custom, false);
    const encoded = await client.list("filter.provider_type=CUSTOM&identifier=%61lpha");
    assert.equal(encoded.json.providers[0].identifier, "alpha");
  });
});

describe("update", () => {
  test("full replace: absent proxy_enabled → false, metadata → {}, description/icon_src → empty", async () => {
    const created = await client.create(payload("Replace Me", { metadata: { team: "core" }, icon_src: "https://x.example/i.svg" }));
    const { id, identifier } = created.json.provider;
    const r = await client.update(identifier, {
      display_name: "Replace Me",
      proxy_url: "https://api2.example.com",
      auth_patterns: created.json.provider.auth_patterns,
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json), ["provider"]);
    const p = r.json.provider;
    assert.equal(p.id, id);
    assert.equal(p.identifier, identifier);
    assert.equal(p.proxy_enabled, false);
    assert.deepEqual(p.metadata, {});
    assert.equal(p.description, "");
    assert.equal(p.icon_src, "");
    assert.equal(p.proxy_url, "https://api2.example.com");
    assert.deepEqual(emu.state().providers[0], p);
  });

  test("a renamed connector keeps its identifier and its place in the list", async () => {
    await client.create(payload("First"));
    await client.create(payload("Second"));
    const r = await client.update("first", payload("First Renamed", { metadata: { key: "value" } }));
    assert.equal(r.status, 200);
    assert.equal(r.json.provider.identifier, "first");
    assert.equal(r.json.provider.display_name, "First Renamed");
    const l = await client.list();
    assert.deepEqual(l.json.providers.map((p) => [p.identifier, p.display_name]), [["first", "First Renamed"], ["second", "Second"]]);
  });

  test("the server's own fields can be sent back (a client carrying unknown keys)", async () => {
    const created = (await client.create(example("oauth-asana"))).json.provider;
    const r = await client.update(created.identifier, { ...created, description: "changed" });
    assert.equal(r.status, 200);
    assert.equal(r.json.provider.description, "changed");
    assert.deepEqual(r.json.provider.auth_patterns, created.auth_patterns);
  });

  test("identifiers in the path are URL-decoded", async () => {
    await client.create(payload("My Asana"));
    await client.create(payload("MY ASANA")); // my_asana-2
    const r = await client.request("PUT", "/api/v1/custom-providers/my%5Fasana", { body: payload("My Asana", { description: "via %5F" }) });
    assert.equal(r.status, 200);
    assert.equal(r.json.provider.identifier, "my_asana");
    assert.equal(r.json.provider.description, "via %5F");
    const d = await client.request("DELETE", "/api/v1/custom-providers/my%5fasana%2D2");
    assert.equal(d.status, 200);
    assert.deepEqual(emu.state().providers.map((p) => p.identifier), ["my_asana"]);
  });

  test("a malformed percent-escape → 400", async () => {
    grpcError(assert, await client.request("DELETE", "/api/v1/custom-providers/bad%zz"), 400, 3);
  });

  test("unknown identifier → 404 NOT_FOUND", async () => {
    const r = await client.update("nope", payload("Nope"));
    grpcError(assert, r, 404, 5);
    assert.equal(r.json.details[0].error_code, "NOT_FOUND");
  });

  test("without auth_patterns → 400 \"Validation error\"", async () => {
    await client.create(payload("Has Patterns"));
    const { auth_patterns: _omit, ...rest } = payload("Has Patterns");
    const r = await client.update("has_patterns", rest);
    const fv = grpcError(assert, r, 400, 3);
    assert.equal(r.json.message, "Validation error");
    assert.deepEqual(fv.map((v) => v.field), ["auth_patterns"]);
  });

  test("changing a pattern's type → 400 naming type", async () => {
    const created = (await client.create(example("bearer-token"))).json.provider;
    const changed = structuredClone(example("bearer-token"));
    changed.auth_patterns[0].type = "API_KEY";
    const r = await client.update(created.identifier, changed);
    const fv = grpcError(assert, r, 400, 3);
    assert.match(r.json.message, /type/);
    assert.doesNotMatch(r.json.message, /is_mcp/);
    assert.deepEqual(fv.map((v) => [v.field, v.constraint]), [["auth_patterns[0].type", "immutable"]]);
    assert.equal(emu.state().providers[0].auth_patterns[0].type, "BEARER");
  });

  test("changing is_mcp → 400 naming is_mcp; absent and false are the same", async () => {
    const created = (await client.create(example("mcp-api-key"))).json.provider;
    const changed = structuredClone(example("mcp-api-key"));
    delete changed.auth_patterns[0].is_mcp;
    const r = await client.update(created.identifier, changed);
    const fv = grpcError(assert, r, 400, 3);
    assert.match(r.json.message, /is_mcp/);
    assert.deepEqual(fv.map((v) => v.field), ["auth_patterns[0].is_mcp"]);

    const rest = (await client.create(example("api-key-attention"))).json.provider;
    const explicitFalse = structuredClone(example("api-key-attention"));
    explicitFalse.auth_patterns[0].is_mcp = false;
    assert.equal((await client.update(rest.identifier, explicitFalse)).status, 200);
  });

  test("changing both → both named", async () => {
    const created = (await client.create(example("mcp-oauth-github"))).json.provider;
    const r = await client.update(created.identifier, example("bearer-token"));
    const fv = grpcError(assert, r, 400, 3);
    assert.match(r.json.message, /type and is_mcp/);
    assert.deepEqual(fv.map((v) => v.field).sort(), ["auth_patterns[0].is_mcp", "auth_patterns[0].type"]);
  });

  test("renaming to another connector's display name → 409", async () => {
    await client.create(payload("Taken"));
    await client.create(payload("Free"));
    grpcError(assert, await client.update("free", payload("Taken")), 409, 6);
    assert.equal(emu.state().providers[1].display_name, "Free");
  });
});

describe("delete", () => {
  test("200 {} and gone; again → 404", async () => {
    await client.create(payload("Doomed"));
    const r = await client.remove("doomed");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {});
    assert.equal((await client.list()).json.total_size, 0);
    grpcError(assert, await client.remove("doomed"), 404, 5);
  });

  test("the identifier can be reused after a delete", async () => {
    await client.create(payload("Again"));
    await client.remove("again");
    const r = await client.create(payload("Again"));
    assert.equal(r.json.provider.identifier, "again");
  });
});

describe("routing", () => {
  for (const path of ["/", "/api/v1/nope", "/api/v1/custom-providers/a/b", "/api/v1/custom-providers/", "/api/v2/providers", "/_emulator/nope"]) {
    test(`unknown route ${path} → 404 NOT_FOUND`, async () => {
      grpcError(assert, await client.request("GET", path), 404, 5);
    });
  }

  for (const [method, path, allow] of [
    ["GET", "/api/v1/custom-providers/my_asana", "PUT, DELETE"], // not documented: not served
    ["GET", "/api/v1/custom-providers", "POST"],
    ["POST", "/api/v1/providers", "GET"],
    ["PATCH", "/api/v1/custom-providers/x", "PUT, DELETE"],
    ["DELETE", "/api/v1/providers", "GET"],
  ]) {
    test(`${method} ${path} → 405`, async () => {
      const r = await client.request(method, path);
      grpcError(assert, r, 405, 12);
      assert.ok(r.headers.get("allow").startsWith(allow), r.headers.get("allow"));
    });
  }
});

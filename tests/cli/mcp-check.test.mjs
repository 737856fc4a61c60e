// connector-kit mcp-check against fake MCP servers started here with node:http: full RFC 9728 +
// RFC 8414 + DCR + S256; OpenID Connect discovery only; public (an event stream left open);
// OAuth without DCR or PKCE; bearer only; one that never answers; one that answers garbage.
// The real bin runs in a child process, as users run it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "pkg", "bin", "connector-kit.mjs");

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "mcp-check", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (res, status, body, headers = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const notFound = (res) => res.writeHead(404, { "content-type": "text/plain" }).end("not found");

/** Starts a server; `handle(req, res, base, body)` answers. Every request path is logged. */
async function serve(handle) {
  const log = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      log.push(`${req.method} ${req.url}`);
      handle(req, res, base, body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, base, url: `${base}/mcp`, log };
}

const servers = {};
const sockets = [];

before(async () => {
  // RFC 9728 from the challenge, RFC 8414 with the issuer's path inserted, DCR, S256.
  servers.full = await serve((req, res, base) => {
    if (req.method === "POST" && req.url === "/mcp") {
      return json(res, 401, { error: "unauthorized" }, { "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="tools"` });
    }
    if (req.url === "/.well-known/oauth-protected-resource/mcp") return json(res, 200, { resource: `${base}/mcp`, authorization_servers: [`${base}/tenant1`], scopes_supported: ["tools"] });
    if (req.url === "/.well-known/oauth-authorization-server/tenant1") {
      return json(res, 200, {
        issuer: `${base}/tenant1`,
        authorization_endpoint: `${base}/tenant1/authorize`,
        token_endpoint: `${base}/tenant1/token`,
        registration_endpoint: `${base}/tenant1/register`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        grant_types_supported: ["authorization_code", "refresh_token"],
      });
    }
    return notFound(res);
  });

  // No RFC 9728 and no RFC 8414: OpenID Connect discovery at the server's origin only.
  servers.oidc = await serve((req, res, base) => {
    if (req.method === "POST" && req.url === "/mcp") return json(res, 401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="mcp"' });
    if (req.url === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        registration_endpoint: `${base}/register`,
        response_types_supported: ["code", "id_token"],
        code_challenge_methods_supported: ["plain", "S256"],
        jwks_uri: `${base}/jwks`,
      });
    }
    return notFound(res);
  });

  // Public: initialize answered as an event stream that stays open (as streamable HTTP may).
  servers.public = await serve((req, res) => {
    if (req.method !== "POST" || req.url !== "/mcp") return notFound(res);
    sockets.push(res);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const message = { jsonrpc: "2.0", id: 1, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "docs-search", title: "Docs Search", version: "1.2.0" } } };
    res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  });

  // OAuth, but no dynamic client registration and no PKCE S256.
  servers.closed = await serve((req, res, base) => {
    if (req.method === "POST" && req.url === "/mcp") return json(res, 401, {}, { "www-authenticate": "Bearer" });
    if (req.url === "/.well-known/oauth-protected-resource/mcp") return json(res, 200, { resource: `${base}/mcp`, authorization_servers: [base] });
    if (req.url === "/.well-known/oauth-authorization-server") {
      return json(res, 200, { issuer: base, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, response_types_supported: ["code"], code_challenge_methods_supported: ["plain"] });
    }
    return notFound(res);
  });

  // A Bearer challenge and no OAuth metadata anywhere.
  servers.bearer = await serve((req, res) => {
    if (req.method === "POST" && req.url === "/mcp") return json(res, 401, {}, { "www-authenticate": 'Bearer realm="api", error="invalid_token"' });
    return notFound(res);
  });

  // Never answers.
  servers.silent = await serve((req, res) => sockets.push(res));

  // Answers, but not MCP.
  servers.garbage = await serve((req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Welcome to nginx!</body></html>"));

  // Refused, and its metadata is not JSON.
  servers.badMetadata = await serve((req, res) => {
    if (req.method === "POST") return json(res, 401, {}, { "www-authenticate": "Bearer" });
    return res.writeHead(200, { "content-type": "application/json" }).end("{ this is not json");
  });
});

after(() => {
  for (const res of sockets) res.destroy();
  for (const { server } of Object.values(servers)) {
    server.closeAllConnections();
    server.close();
  }
});

test("RFC 9728 + RFC 8414 + DCR + S256: an MCP OAuth connector", async () => {
  const { url, base, log } = servers.full;
  const r = await run([url]);
  assert.equal(r.code, 0, r.stderr);
  const payload = JSON.parse(r.stdout);
  assert.equal(payload.proxy_url, url);
  assert.deepEqual(payload.auth_patterns[0].oauth_config, { pkce_enabled: true });
  assert.equal(payload.auth_patterns[0].type, "OAUTH");
  assert.equal(payload.auth_patterns[0].is_mcp, true);
  assert.match(r.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/mcp {2}HTTP 401 \(WWW-Authenticate: Bearer resource_metadata=/);
  assert.match(r.stderr, /PKCE S256 +yes/);
  assert.match(r.stderr, /dynamic client registration +yes/);
  assert.match(r.stderr, /pre-registered client needed +no/);
  assert.match(r.stderr, /fits: OAUTH \(MCP\)/);
  assert.match(r.stderr, /warning not-https: /, "a local http server is not a valid proxy_url, and that is said");
  // The challenge's resource_metadata is used first; the issuer's path goes after the well-known name.
  assert.deepEqual(log, ["POST /mcp", "GET /.well-known/oauth-protected-resource/mcp", "GET /.well-known/oauth-authorization-server/tenant1"]);

  const j = await run([url, "--json", "--name", "Acme Tools"]);
  assert.equal(j.code, 0);
  const check = JSON.parse(j.stdout);
  assert.equal(check.verdict.type, "OAUTH");
  assert.equal(check.payload.display_name, "Acme Tools");
  assert.deepEqual(check.verdict.capabilities, {
    publicAccess: false, protectedResourceMetadata: true, authorizationServerMetadata: true, pkceS256: true,
    dynamicClientRegistration: true, clientIdMetadataDocument: false, preRegisteredClientNeeded: false,
  });
  assert.equal(check.findings.issuer, `${base}/tenant1`);
  assert.equal(check.steps.length, 3);
});

test("only OpenID Connect discovery, at the server's origin", async () => {
  const { url, log } = servers.oidc;
  const r = await run([url, "--json"]);
  assert.equal(r.code, 0, r.stdout);
  const check = JSON.parse(r.stdout);
  assert.equal(check.verdict.type, "OAUTH");
  assert.equal(check.verdict.capabilities.protectedResourceMetadata, false);
  assert.equal(check.verdict.capabilities.pkceS256, true);
  assert.ok(check.authorizationServerMetadataUrl.endsWith("/.well-known/openid-configuration"));
  assert.deepEqual(log, [
    "POST /mcp",
    "GET /.well-known/oauth-protected-resource/mcp",
    "GET /.well-known/oauth-protected-resource",
    "GET /.well-known/oauth-authorization-server",
    "GET /.well-known/openid-configuration",
  ]);
  assert.deepEqual(check.steps.slice(1, 4).map((s) => s.status), [404, 404, 404]);
});

test("public: answers initialize without credentials → NO_AUTH (the open event stream is not waited for)", async () => {
  const started = Date.now();
  const r = await run([servers.public.url, "--timeout", "5000"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Date.now() - started < 4000, "returned on the first message, not at the timeout");
  const payload = JSON.parse(r.stdout);
  assert.equal(payload.auth_patterns[0].type, "NO_AUTH");
  assert.equal(payload.display_name, "Docs Search");
  assert.deepEqual(payload.auth_patterns[0].fields, []);
  assert.match(r.stderr, /answers without credentials +yes/);
  assert.match(r.stderr, /fits: NO_AUTH \(MCP\)/);
});

test("OAuth without DCR or PKCE: no connector fits, and why", async () => {
  const r = await run([servers.closed.url]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /error mcp-oauth-unfit: No connector fits: .*lacks dynamic client registration \(no `registration_endpoint`\) and PKCE with S256 \(`code_challenge_methods_supported`: plain\)/);
  assert.match(r.stderr, /pre-registered client needed +yes/);
  assert.match(r.stderr, /info bearer-fallback: /);
  assert.match(r.stderr, /fits: no connector/);
  const j = JSON.parse((await run([servers.closed.url, "--json"])).stdout);
  assert.equal(j.payload, null);
  assert.equal(j.verdict.type, null);
  assert.equal(j.verdict.capabilities.dynamicClientRegistration, false);
});

test("a Bearer challenge and no OAuth metadata: BEARER", async () => {
  const r = await run([servers.bearer.url]);
  assert.equal(r.code, 0, r.stderr);
  const payload = JSON.parse(r.stdout);
  assert.equal(payload.auth_patterns[0].type, "BEARER");
  assert.equal(payload.auth_patterns[0].fields[0].field_name, "token");
  assert.match(r.stderr, /info bearer-only: /);
});

test("a server that never answers: a clear timeout, exit 2", async () => {
  const started = Date.now();
  const r = await run([servers.silent.url, "--timeout", "300"]);
  assert.equal(r.code, 2);
  assert.ok(Date.now() - started < 5000);
  assert.match(r.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/mcp {2}failed: no answer within 300 ms/);
  assert.match(r.stderr, /error: The server could not be reached: no answer within 300 ms/);
  const j = JSON.parse((await run([servers.silent.url, "--timeout", "300", "--json"])).stdout);
  assert.equal(j.exitCode, 2);
  assert.equal(j.verdict, null);
});

test("garbage: not an MCP answer, exit 1", async () => {
  const r = await run([servers.garbage.url]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /error: The answer to initialize is not MCP \(JSON-RPC\): <html><body>Welcome to nginx!<\/body><\/html>/);
  assert.match(r.stderr, /fits: no connector/);

  const bad = await run([servers.badMetadata.url, "--json"]);
  const check = JSON.parse(bad.stdout);
  assert.match(check.steps[1].error, /^not JSON: \{ this is not json/);
  assert.equal(check.verdict.type, "BEARER", "unreadable metadata counts as none");
});

test("unreachable and usage problems exit 2", async () => {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  const refused = await run([`http://127.0.0.1:${port}/mcp`]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /connection refused/);
  for (const [args, pattern] of [
    [[], /missing URL/],
    [["not a url"], /not a URL: not a url/],
    [["ftp://example.com/mcp"], /not an http\(s\) URL/],
    [["https://a.example/mcp", "--timeout", "0"], /--timeout must be a whole number/],
    [["https://a.example/mcp", "--bogus"], /Unknown option '--bogus'/],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, pattern);
  }
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: connector-kit mcp-check URL/);
});

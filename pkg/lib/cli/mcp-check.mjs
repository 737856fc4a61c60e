// `connector-kit mcp-check URL [--json] [--name NAME] [--timeout MS]`: how an MCP server wants
// to be authenticated, and the connector payload that fits it.
//
// The discovery is HTTP, so it is here: an MCP `initialize` POST without credentials (answered:
// a public server; refused: its WWW-Authenticate challenge), the OAuth protected-resource
// metadata (RFC 9728: the challenge's resource_metadata URL, else the well-known URLs with and
// without the path), then the authorization server's metadata (RFC 8414 and OpenID Connect
// discovery, with the path-insertion rules; without RFC 9728 metadata, at the server's origin).
// Which connector fits is decided by the package's mcpConnector (the Rust core), and the payload
// is built with buildPayload. Every request has a timeout.
//
// Output: the payload on stdout, the report on stderr; --json prints one JSON object instead.
// Exit 0 when a connector fits, 1 when none does (the report says why) or the server's answer is
// not MCP, 2 on usage problems or when the server cannot be reached.

import { parseArgs } from "node:util";
import { buildPayload, mcpConnector } from "connector-kit";
import { describe, request } from "./fetch-text.mjs";

export const MCP_CHECK_USAGE = `Usage: connector-kit mcp-check URL [options]

Checks how the MCP server at URL wants to be authenticated (OAuth protected-resource and
authorization server metadata, PKCE S256, dynamic client registration, client ID metadata
documents) and prints the connector payload that fits, or why none does.

Options:
  --json            print one JSON object (steps, findings, verdict, payload) on stdout
  --name NAME       the connector's display name (default: the server's name or host)
  --timeout MS      per-request timeout (default 10000)
  -h, --help        this help

Exit status: 0 a connector fits (payload on stdout); 1 none fits, or the answer is not MCP;
2 usage problems, or the server cannot be reached.
`;

const OPTIONS = {
  json: { type: "boolean" },
  name: { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};

const PROTOCOL_VERSION = "2025-06-18";

/** The command: argv → exit code. `io` is for tests. */
export async function mcpCheckCommand(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  const say = (line) => io.stderr.write(`${line}\n`);
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    say(`connector-kit mcp-check: ${error.message}`);
    say("  hint: see connector-kit mcp-check --help");
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(MCP_CHECK_USAGE);
    return 0;
  }
  const check = await runCheck(parsed.url, parsed);
  if (parsed.json) io.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
  else report(check, say, io.stdout);
  return check.exitCode;
}

function parse(argv) {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new Error(error.message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  if (values.help) return { help: true };
  if (positionals.length !== 1) throw new Error(positionals.length ? `unexpected argument: ${positionals[1]}` : "missing URL (the MCP server's endpoint, e.g. https://mcp.example.com/mcp)");
  let url;
  try {
    url = new URL(positionals[0]);
  } catch {
    throw new Error(`not a URL: ${positionals[0]}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`not an http(s) URL: ${positionals[0]}`);
  let timeoutMs = 10_000;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`--timeout must be a whole number of milliseconds, not ${values.timeout}`);
  }
  return { url: url.href, json: Boolean(values.json), name: values.name, timeoutMs };
}

/**
 * Runs the discovery and the decision.
 * @returns {Promise<{ url, steps, findings, verdict, payload, problem?, exitCode }>}
 */
export async function runCheck(url, { name, timeoutMs = 10_000 } = {}) {
  const steps = [];
  const check = { url, steps, findings: null, verdict: null, payload: null, exitCode: 1 };

  // 1. initialize, without credentials.
  let answer;
  try {
    answer = await initialize(url, timeoutMs);
  } catch (error) {
    steps.push({ request: `POST ${url}`, error: error.message });
    check.problem = `The server could not be reached: ${error.message}`;
    check.exitCode = 2;
    return check;
  }
  const challenge = answer.headers.get("www-authenticate") ?? undefined;
  steps.push({ request: `POST ${url}`, what: "MCP initialize without credentials", status: answer.status, ...(challenge ? { challenge } : {}), ...(answer.detail ? { detail: answer.detail } : {}) });
  const findings = { url, status: answer.status };
  if (name) findings.name = name;
  if (challenge) findings.challenge = challenge;
  if (answer.ok && answer.message) {
    if (answer.message.result) {
      findings.publicAccess = true;
      const serverName = answer.message.result.serverInfo?.title ?? answer.message.result.serverInfo?.name;
      if (!name && typeof serverName === "string") findings.name = serverName;
      if (answer.headers.get("mcp-session-id")) findings.sessionId = true;
    }
  } else if (answer.ok) {
    check.problem = `The answer to initialize is not MCP (JSON-RPC): ${answer.detail}`;
  }

  // 2. OAuth metadata, when credentials are asked for.
  if (!findings.publicAccess && !check.problem && (answer.status === 401 || answer.status === 403)) {
    const resource = await firstJson(resourceMetadataUrls(url, challenge), steps, timeoutMs, "protected-resource metadata (RFC 9728)");
    if (resource) {
      findings.resourceMetadata = resource.document;
      check.resourceMetadataUrl = resource.url;
    }
    const servers = resource?.document.authorization_servers;
    const issuer = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : resource ? null : new URL(url).origin;
    if (issuer) {
      const metadata = await firstJson(authorizationServerUrls(issuer), steps, timeoutMs, "authorization server metadata (RFC 8414 / OpenID Connect)");
      if (metadata) {
        findings.authorizationServer = metadata.document;
        findings.issuer = issuer;
        check.authorizationServerMetadataUrl = metadata.url;
      }
    }
  }
  check.findings = findings;

  // 3. The decision is the core's; the payload is the builder's.
  check.verdict = await mcpConnector(findings);
  if (check.verdict.blueprint) check.payload = await buildPayload(check.verdict.blueprint);
  check.exitCode = check.payload && !check.problem ? 0 : 1;
  if (check.problem) check.payload = null;
  return check;
}

/**
 * POSTs an MCP initialize. The answer is JSON or an event stream (read only up to the first
 * JSON-RPC message: the stream may stay open). `message` is the JSON-RPC message, if any.
 */
async function initialize(url, timeoutMs) {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "connector-kit mcp-check", version: "1" } },
  });
  const signal = AbortSignal.timeout(timeoutMs);
  let response, text;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": PROTOCOL_VERSION },
      body,
      redirect: "follow",
      signal,
    });
    const type = response.headers.get("content-type") ?? "";
    text = type.includes("text/event-stream") ? await firstEvent(response) : await response.text();
  } catch (error) {
    throw new Error(describe(error, timeoutMs));
  }
  const answer = { status: response.status, ok: response.ok, headers: response.headers };
  if (!response.ok) return answer;
  try {
    const message = JSON.parse(text);
    if (message?.jsonrpc === "2.0" && ("result" in message || "error" in message)) {
      answer.message = message;
      if (message.error) answer.detail = `JSON-RPC error ${message.error.code}: ${message.error.message}`;
      return answer;
    }
  } catch {}
  answer.detail = snippet(text);
  return answer;
}

/** The data of the first server-sent event that holds a JSON-RPC message. */
async function firstEvent(response) {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      const events = buffer.split(/\r?\n\r?\n/);
      for (const event of done ? events : events.slice(0, -1)) {
        const data = event.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
        if (data.includes("jsonrpc")) return data;
      }
      if (done || buffer.length > 1_000_000) return buffer;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** RFC 9728 §3 and the MCP spec: the challenge's resource_metadata, then the well-known URLs. */
export function resourceMetadataUrls(url, challenge) {
  const urls = [];
  const fromChallenge = /resource_metadata\s*=\s*(?:"([^"]*)"|([^\s,]+))/i.exec(challenge ?? "");
  if (fromChallenge) {
    try {
      urls.push(new URL(fromChallenge[1] ?? fromChallenge[2], url).href);
    } catch {}
  }
  const { origin, pathname } = new URL(url);
  const path = pathname.replace(/\/+$/, "");
  if (path) urls.push(`${origin}/.well-known/oauth-protected-resource${path}`);
  urls.push(`${origin}/.well-known/oauth-protected-resource`);
  return [...new Set(urls)];
}

/** RFC 8414 §3.1 and OpenID Connect discovery, with the path inserted or appended. */
export function authorizationServerUrls(issuer) {
  const { origin, pathname } = new URL(issuer);
  const path = pathname.replace(/\/+$/, "");
  if (!path) return [`${origin}/.well-known/oauth-authorization-server`, `${origin}/.well-known/openid-configuration`];
  return [
    `${origin}/.well-known/oauth-authorization-server${path}`,
    `${origin}/.well-known/openid-configuration${path}`,
    `${origin}${path}/.well-known/openid-configuration`,
  ];
}

/** The first URL that answers 200 with a JSON object; every try is a step. */
async function firstJson(urls, steps, timeoutMs, what) {
  for (const url of urls) {
    const step = { request: `GET ${url}`, what };
    steps.push(step);
    let response;
    try {
      response = await request(url, { headers: { accept: "application/json" }, timeoutMs });
    } catch (error) {
      step.error = error.message.replace(`GET ${url}: `, "");
      continue;
    }
    step.status = response.status;
    if (!response.ok) continue;
    try {
      const document = JSON.parse(response.text);
      if (document && typeof document === "object" && !Array.isArray(document)) return { url, document };
      step.error = "not a JSON object";
    } catch {
      step.error = `not JSON: ${snippet(response.text)}`;
    }
  }
  return null;
}

function snippet(text) {
  const line = String(text ?? "").replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line || "(empty)";
}

/** The human report on stderr, the payload on stdout. */
function report(check, say, stdout) {
  say(`MCP server ${check.url}`);
  for (const step of check.steps) {
    const outcome = step.error ? `failed: ${step.error}` : `HTTP ${step.status}${step.challenge ? ` (WWW-Authenticate: ${step.challenge})` : ""}${step.detail ? `: ${step.detail}` : ""}`;
    say(`  ${step.request}  ${outcome}`);
  }
  if (check.problem) say(`error: ${check.problem}`);
  if (!check.verdict) return;
  const c = check.verdict.capabilities;
  const yes = (on) => (on ? "yes" : "no");
  const rows = [["answers without credentials", yes(c.publicAccess)]];
  if (!c.publicAccess) {
    rows.push(
      ["protected-resource metadata", check.resourceMetadataUrl ?? "not found"],
      ["authorization server metadata", check.authorizationServerMetadataUrl ?? "not found"],
    );
    if (c.authorizationServerMetadata) {
      rows.push(
        ["PKCE S256", yes(c.pkceS256)],
        ["dynamic client registration", yes(c.dynamicClientRegistration)],
        ["client ID metadata documents", yes(c.clientIdMetadataDocument)],
        ["pre-registered client needed", yes(c.preRegisteredClientNeeded)],
      );
    }
  }
  for (const [label, value] of rows) say(`  ${label.padEnd(30)} ${value}`);
  for (const note of check.verdict.notes) say(`${note.severity} ${note.code}: ${note.message}`);
  if (check.payload) {
    say(`fits: ${check.verdict.type} (MCP)`);
    stdout.write(`${JSON.stringify(check.payload, null, 2)}\n`);
  } else {
    say("fits: no connector");
  }
}

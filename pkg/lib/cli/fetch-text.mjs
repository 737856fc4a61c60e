// HTTP(S) reads for import-openapi and mcp-check: every request has a timeout, and a failure
// says what happened (no answer in time, refused, unknown host, TLS) instead of "fetch failed".

/** A request that got no usable answer; `status` is set when the server answered. */
export class FetchError extends Error {
  constructor(message, { url, status } = {}) {
    super(message);
    this.name = "FetchError";
    this.url = url;
    if (status !== undefined) this.status = status;
  }
}

/**
 * One request with a timeout covering the answer and its body.
 * @returns {Promise<{ status: number, ok: boolean, headers: Headers, text: string, url: string }>}
 */
export async function request(url, { method = "GET", headers = {}, body, timeoutMs = 10_000 } = {}) {
  const what = `${method} ${url}`;
  try {
    const response = await fetch(url, { method, headers, body, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, ok: response.ok, headers: response.headers, text, url: response.url || url };
  } catch (error) {
    throw new FetchError(`${what}: ${describe(error, timeoutMs)}`, { url });
  }
}

/** The body of a GET that must succeed (2xx). */
export async function fetchText(url, { timeoutMs, accept = "*/*" } = {}) {
  const response = await request(url, { headers: { accept }, timeoutMs });
  if (!response.ok) throw new FetchError(`GET ${url}: HTTP ${response.status}`, { url, status: response.status });
  return response.text;
}

/** Why a fetch failed, in words. */
export function describe(error, timeoutMs) {
  if (error?.name === "TimeoutError" || error?.name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = error?.cause ?? {};
  const code = cause.code ?? error?.code;
  switch (code) {
    case "ECONNREFUSED": return "connection refused (is the server running, and on that port?)";
    case "ENOTFOUND": case "EAI_AGAIN": return `unknown host ${cause.hostname ?? ""}`.trim();
    case "ECONNRESET": case "UND_ERR_SOCKET": case "UND_ERR_CLOSED": return "the connection was closed before an answer";
    case "UND_ERR_HEADERS_TIMEOUT": case "UND_ERR_BODY_TIMEOUT": return `no answer within ${timeoutMs} ms`;
    default:
      if (typeof code === "string" && /CERT|SSL|TLS/.test(code)) return `TLS failed (${code})`;
      return cause.message || error?.message || String(error);
  }
}

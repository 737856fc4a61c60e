// Forwarding the page's API calls to a configured environment, with serve's own bearer token.
// The client secret and the access token live here only: they are sent to the environment's
// own URL and nowhere else, never returned, never logged, never put in an error message.

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_UPSTREAM_BODY = 16 * 1024 * 1024;

/** An error serve answers itself: `{code, message}` with an HTTP status. */
export class ServeError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** A sentence for a failed fetch: the cause's code, never its message (which may hold a URL). */
function describeNetworkError(err) {
  const code = err?.cause?.code ?? err?.code;
  switch (code) {
    case "ECONNREFUSED": return "connection refused";
    case "ENOTFOUND": case "EAI_AGAIN": return "its host name does not resolve";
    case "ECONNRESET": case "UND_ERR_SOCKET": return "the connection was closed without an answer";
    case "EHOSTUNREACH": case "ENETUNREACH": return "the host is unreachable";
    case "CERT_HAS_EXPIRED": case "DEPTH_ZERO_SELF_SIGNED_CERT": case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID": case "SELF_SIGNED_CERT_IN_CHAIN":
      return `its TLS certificate was refused (${code})`;
    default: return code ? `network error (${code})` : "network error";
  }
}

const isTimeout = (err) => err?.name === "TimeoutError" || err?.cause?.name === "TimeoutError"
  || err?.code === "UND_ERR_HEADERS_TIMEOUT" || err?.cause?.code === "UND_ERR_HEADERS_TIMEOUT";

/** Reads a fetch Response body up to `limit` bytes. */
async function readLimited(response, limit) {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new Error("too large");
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * One configured environment as serve uses it.
 * @param {{ name: string, url: string, clientId: string, clientSecret: string, production: boolean,
 *   emulated?: boolean }} env
 * @param {{ timeoutMs?: number, userAgent?: string, fetch?: typeof fetch }} [opts]
 */
export function createUpstream(env, { timeoutMs = DEFAULT_TIMEOUT_MS, userAgent = "connector-kit-serve", fetch: doFetch = fetch } = {}) {
  const base = new URL(env.url);
  const basePath = base.pathname.replace(/\/+$/, "");
  const origin = base.origin;
  const host = base.host;
  // Kept in this closure only: not on the returned object, so nothing can serialise them by accident.
  const { clientId, clientSecret } = env;
  let cached = null; // { token, refreshAt }
  let pending = null;
  const label = `environment "${env.name}" (${host})`;

  /** The upstream URL for `/api/v1/<rest>?<query>`; throws unless it stays on the environment. */
  function target(rest, rawQuery) {
    const url = new URL(`${origin}${basePath}/api/v1/${rest}${rawQuery ? `?${rawQuery}` : ""}`);
    if (url.origin !== origin || !url.pathname.startsWith(`${basePath}/api/v1/`)) {
      throw new ServeError(404, "not-found", "no such route");
    }
    return url;
  }

  async function upstreamFetch(url, init) {
    try {
      return await doFetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      if (isTimeout(err)) throw new ServeError(504, "upstream-timeout", `${label} did not answer within ${seconds(timeoutMs)}`);
      throw new ServeError(502, "upstream-unreachable", `cannot reach ${label}: ${describeNetworkError(err)}`);
    }
  }

  async function fetchToken() {
    const res = await upstreamFetch(new URL(`${basePath}/oauth/token`, origin), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "User-Agent": userAgent },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString(),
    });
    let body = null;
    try {
      body = JSON.parse((await readLimited(res, 64 * 1024)).toString("utf8"));
    } catch { /* reported below */ }
    if (res.status !== 200 || !body || typeof body.access_token !== "string" || body.access_token === "") {
      const reason = body && typeof body.error === "string" && /^[a-z_]{1,64}$/.test(body.error) ? ` ${body.error}` : "";
      const advice = res.status === 400 || res.status === 401
        ? ": check the client id and secret serve was started with"
        : "";
      throw new ServeError(502, "upstream-auth-failed",
        `${label} refused serve's client credentials (token endpoint answered ${res.status}${reason})${advice}`);
    }
    const ttl = Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : 3600;
    const margin = Math.min(60, ttl / 10);
    return { token: body.access_token, refreshAt: Date.now() + (ttl - margin) * 1000 };
  }

  /** A valid token: the cached one, or one fetched (one fetch at a time, shared). */
  async function token() {
    if (cached && Date.now() < cached.refreshAt) return cached.token;
    if (!pending) {
      pending = fetchToken().then(
        (t) => { cached = t; pending = null; return t; },
        (err) => { pending = null; throw err; },
      );
    }
    return (await pending).token;
  }

  function dropToken(stale) {
    if (cached && cached.token === stale) cached = null;
  }

  /**
   * Sends `/api/v1/<rest>` upstream. Returns `{ status, headers: {content-type?, retry-after?}, body: Buffer }`.
   */
  async function forward({ method, rest, rawQuery, body, contentType }) {
    const url = target(rest, rawQuery);
    const send = async (bearer) => {
      const headers = { Accept: "application/json", Authorization: `Bearer ${bearer}`, "User-Agent": userAgent };
      if (body && body.length > 0) headers["Content-Type"] = contentType;
      return upstreamFetch(url, { method, headers, body: body && body.length > 0 ? body : undefined });
    };
    let bearer = await token();
    let res = await send(bearer);
    if (res.status === 401) {
      await res.body?.cancel().catch(() => {});
      dropToken(bearer);
      bearer = await token();
      res = await send(bearer);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      throw new ServeError(502, "upstream-redirect", `${label} answered with a redirect (${res.status}); serve does not follow redirects`);
    }
    let data;
    try {
      data = await readLimited(res, MAX_UPSTREAM_BODY);
    } catch (err) {
      if (isTimeout(err)) throw new ServeError(504, "upstream-timeout", `${label} did not finish its answer within ${seconds(timeoutMs)}`);
      throw new ServeError(502, "upstream-bad-answer", `${label} sent an unreadable or oversized answer`);
    }
    // An upstream that echoes what it was sent (a gateway's debug error, a broken proxy) must not
    // hand serve's token or client secret to the browser.
    for (const secret of [bearer, clientSecret]) {
      if (secret && data.includes(secret)) data = Buffer.from(data.toString("latin1").split(secret).join("[redacted]"), "latin1");
    }
    const headers = {};
    const ct = res.headers.get("content-type");
    if (ct) headers["Content-Type"] = ct;
    const ra = res.headers.get("retry-after");
    if (ra) headers["Retry-After"] = ra;
    return { status: res.status, headers, body: data };
  }

  return {
    name: env.name,
    production: Boolean(env.production),
    emulated: Boolean(env.emulated),
    host,
    forward,
    /** For /api/session: nothing secret. */
    describe: () => ({ name: env.name, production: Boolean(env.production), emulated: Boolean(env.emulated), host }),
    toJSON: () => ({ name: env.name, host }),
  };
}

/**
 * `rest` below `/env/<name>/api/v1/` is forwarded as it is (percent-escapes kept) only when each
 * segment is plain: no `.`/`..` (also encoded), no encoded `/` or `\`, no NUL or control bytes,
 * no empty segment.
 */
export function safeApiRest(rest) {
  if (typeof rest !== "string" || rest === "") return false;
  for (const raw of rest.split("/")) {
    if (raw === "") return false;
    if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/.test(raw)) return false;
    let seg;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return false;
    }
    if (seg === "." || seg === ".." || /[/\\\0-\x1f\x7f]/.test(seg)) return false;
  }
  return true;
}

/** `30 s`, `0.5 s`: a timeout as people read it. */
function seconds(ms) {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

// POST /oauth/token (client credentials; form body or HTTP Basic client auth) and the Bearer check
// every API call goes through. OAuth errors use the OAuth shape ({"error": …}), not the gRPC one.

import { ApiError, GRPC } from "./grpc-errors.mjs";

function oauthError(status, error, description, headers = {}) {
  return { status, body: { error, error_description: description }, headers: { Pragma: "no-cache", ...headers } };
}

function formDecode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** {id, secret} from `Authorization: Basic …` (RFC 6749 §2.3.1), null when absent, false when malformed. */
function basicCredentials(header) {
  if (typeof header !== "string") return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return /^Basic\b/i.test(header) ? false : null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

export function handleTokenRequest(ctx, req, bodyBuf) {
  const contentType = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    return oauthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(bodyBuf.toString("utf8"));
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
  }

  const basic = basicCredentials(req.headers.authorization);
  const challenge = { "WWW-Authenticate": 'Basic realm="connector-kit emulator"' };
  if (basic === false) return oauthError(401, "invalid_client", "malformed Basic client authentication", challenge);
  let clientId = form.get("client_id");
  let clientSecret = form.get("client_secret");
  if (basic) {
    if (clientSecret !== null) {
      return oauthError(400, "invalid_request", "use one client authentication method, not Basic and client_secret together");
    }
    if (clientId !== null && clientId !== basic.id) {
      return oauthError(401, "invalid_client", "client authentication failed", challenge);
    }
    clientId = basic.id;
    clientSecret = basic.secret;
  }
  if (!ctx.tokens.credentialsMatch(clientId, clientSecret)) {
    return oauthError(401, "invalid_client", "client authentication failed", basic ? challenge : {});
  }
  return { status: 200, body: ctx.tokens.issue(), headers: { Pragma: "no-cache" } };
}

/** Throws a 401 ApiError unless the request carries a valid `Authorization: Bearer` token. */
export function requireBearer(ctx, req) {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) {
    throw new ApiError(401, "missing or malformed Authorization: Bearer header",
      { code: GRPC.UNAUTHENTICATED, headers: { "WWW-Authenticate": 'Bearer realm="connector-kit emulator"' } });
  }
  const state = ctx.tokens.check(m[1]);
  if (state !== "valid") {
    throw new ApiError(401, state === "expired" ? "access token expired" : "invalid access token",
      { code: GRPC.UNAUTHENTICATED, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } });
  }
}

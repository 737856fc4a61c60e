// Client-credentials tokens: opaque random strings, valid for `ttlSeconds`. Never logged.

import { randomBytes, timingSafeEqual, createHash } from "node:crypto";

export const DEFAULT_CLIENT_ID = "skc_emulator";
export const DEFAULT_CLIENT_SECRET = "sks_emulator";
export const DEFAULT_TOKEN_TTL = 86399;

/** Constant-time string comparison (hashing first so lengths do not leak either). */
export function safeEqual(a, b) {
  const ha = createHash("sha256").update(String(a)).digest();
  const hb = createHash("sha256").update(String(b)).digest();
  return timingSafeEqual(ha, hb);
}

export class TokenIssuer {
  constructor({ clientId, clientSecret, ttlSeconds, now = Date.now }) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.ttlSeconds = ttlSeconds;
    this.now = now;
    this.tokens = new Map(); // token -> expiry (ms since epoch)
  }

  credentialsMatch(clientId, clientSecret) {
    // Evaluate both comparisons so timing does not tell which one failed.
    const idOk = safeEqual(clientId ?? "", this.clientId);
    const secretOk = safeEqual(clientSecret ?? "", this.clientSecret);
    return idOk && secretOk;
  }

  issue() {
    this.#purge();
    const token = `ske_${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, this.now() + this.ttlSeconds * 1000);
    return { access_token: token, token_type: "Bearer", expires_in: this.ttlSeconds, scope: "" };
  }

  /** "valid", "expired" or "unknown". */
  check(token) {
    const expiry = this.tokens.get(token);
    if (expiry === undefined) return "unknown";
    if (this.now() >= expiry) {
      this.tokens.delete(token);
      return "expired";
    }
    return "valid";
  }

  expireAll() {
    const n = this.activeCount();
    this.tokens.clear();
    return n;
  }

  activeCount() {
    this.#purge();
    return this.tokens.size;
  }

  #purge() {
    const now = this.now();
    for (const [token, expiry] of this.tokens) if (now >= expiry) this.tokens.delete(token);
  }
}

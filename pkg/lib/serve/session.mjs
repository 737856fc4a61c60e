// The per-run session: a random token printed once in the URL, exchanged for an HttpOnly,
// SameSite=Strict cookie, then required on every request (cookie, or a header for tools).

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const COOKIE_NAME = "ck_session";
export const SESSION_HEADER = "x-connector-kit-session";
export const SESSION_PARAM = "session";

/** 32 random bytes, base64url (43 characters). */
export function newSessionToken() {
  return randomBytes(32).toString("base64url");
}

const digest = (s) => createHash("sha256").update(String(s), "utf8").digest();

/** Constant-time comparison: both sides are hashed first, so neither length nor content leaks. */
export function sameToken(presented, token) {
  if (typeof presented !== "string" || presented === "") return false;
  return timingSafeEqual(digest(presented), digest(token));
}

/** Every value of cookie `name` in a Cookie header (a browser may send several). */
export function cookieValues(header, name = COOKIE_NAME) {
  const out = [];
  if (typeof header !== "string") return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out.push(value);
  }
  return out;
}

export function sessionCookie(token) {
  return `${COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Splits a raw query string into the `session` values and the rest (kept byte for byte).
 * @returns {{ sessions: string[], rest: string }}
 */
export function takeSessionParam(rawQuery) {
  const sessions = [];
  const kept = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq < 0 ? part : part.slice(0, eq);
    let name;
    let value;
    try {
      name = decodeURIComponent(rawName.replaceAll("+", " "));
      value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replaceAll("+", " "));
    } catch {
      kept.push(part);
      continue;
    }
    if (name === SESSION_PARAM) sessions.push(value);
    else kept.push(part);
  }
  return { sessions, rest: kept.join("&") };
}

/**
 * Where to send the browser after the exchange: the same path (never a scheme-relative
 * `//host` one) and the other query parameters.
 */
export function redirectTarget(pathname, rest) {
  const path = `/${pathname.replace(/^[/\\]+/, "")}`;
  return rest ? `${path}?${rest}` : path;
}

/**
 * Decides what a request's session credentials allow.
 * @returns {{ kind: "exchange", location: string } | { kind: "ok" } | { kind: "missing" } | { kind: "invalid" }}
 */
export function checkSession(req, { pathname, rawQuery }, token) {
  if (rawQuery !== "") {
    const { sessions, rest } = takeSessionParam(rawQuery);
    if (sessions.length > 0) {
      return sessions.every((s) => sameToken(s, token))
        ? { kind: "exchange", location: redirectTarget(pathname, rest) }
        : { kind: "invalid" };
    }
  }
  const presented = cookieValues(req.headers.cookie);
  const header = req.headers[SESSION_HEADER];
  if (typeof header === "string") presented.push(header.trim());
  if (presented.length === 0) return { kind: "missing" };
  // Any matching credential will do: a stale cookie of an earlier run may ride along.
  let ok = false;
  for (const p of presented) ok = sameToken(p, token) || ok;
  return ok ? { kind: "ok" } : { kind: "invalid" };
}

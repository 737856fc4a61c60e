// The Content-Security-Policy and the other headers every response carries.
// The page's only inline script is its import map; its SHA-256 is allowed by hash.

import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

const IMPORT_MAP = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const TYPE_IMPORTMAP = /\btype\s*=\s*(?:"\s*importmap\s*"|'\s*importmap\s*'|importmap(?=[\s/>]|$))/i;

/** `'sha256-…'` sources for every `<script type="importmap">` in an HTML document. */
export function importMapHashes(html) {
  const out = [];
  for (const m of html.matchAll(IMPORT_MAP)) {
    if (!TYPE_IMPORTMAP.test(m[1])) continue;
    // Browsers hash the script's text after the HTML parser normalised newlines.
    const text = m[2].replace(/\r\n?/g, "\n");
    const hash = createHash("sha256").update(text, "utf8").digest("base64");
    const source = `'sha256-${hash}'`;
    if (!out.includes(source)) out.push(source);
  }
  return out;
}

export function buildCsp(hashes = []) {
  return [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(" "),
    "style-src 'self'",
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The policy for the page at `indexPath()` (a function: the page's directory may change from
 * one request to the next in a checkout). Computed at start; recomputed when the file changes,
 * so an edited page keeps working without a restart.
 */
export function cspFor(indexPath) {
  let key = null;
  let value = buildCsp();
  return () => {
    const file = indexPath();
    let stamp = "none";
    try {
      const st = file ? statSync(file) : null;
      if (st) stamp = `${file}:${st.mtimeMs}:${st.size}`;
    } catch { /* no page: no hash */ }
    if (stamp !== key) {
      let html = "";
      if (stamp !== "none") {
        try { html = readFileSync(file, "utf8"); } catch { html = ""; }
      }
      value = buildCsp(importMapHashes(html));
      key = stamp;
    }
    return value;
  };
}

/** Headers on every response, whatever it is. */
export function securityHeaders(csp) {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
  };
}

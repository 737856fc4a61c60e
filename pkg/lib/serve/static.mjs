// Static files: the page (`www/`) and the package's browser files (`/pkg/…`).
// Every path is decoded segment by segment, refused when a segment could climb, hide or smuggle
// (`..`, `.`, dotfiles, `/` or `\` after decoding, NUL, empty), joined under its root and then
// confined again after resolving symlinks. Only regular files are served; no listings.

import { createReadStream, existsSync, realpathSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const CONTENT_TYPES = Object.freeze({
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".webmanifest": "application/manifest+json",
});

export function contentTypeFor(file) {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return (dot > 0 && CONTENT_TYPES[base.slice(dot).toLowerCase()]) || "application/octet-stream";
}

/** The package directory (pkg/ in a checkout) this module belongs to. */
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where the page lives: in a checkout (recognised by its build script) the repository's `www/`,
 * so edits show without a rebuild; otherwise the package's own copy. Never a sibling folder of
 * an installed package.
 */
export function defaultWwwDirs(pkgDir = PACKAGE_DIR) {
  const repo = join(pkgDir, "..");
  const checkout = existsSync(join(repo, "scripts", "build.mjs")) && existsSync(join(repo, "Cargo.toml"));
  return checkout ? [join(repo, "www"), join(pkgDir, "www")] : [join(pkgDir, "www")];
}

/**
 * Decodes `raw` (the part of a URL path below a route's prefix) into safe segments, or null.
 */
export function safeSegments(raw) {
  if (typeof raw !== "string" || raw === "") return null;
  const out = [];
  for (const part of raw.split("/")) {
    let seg;
    try {
      seg = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (seg === "" || seg.startsWith(".") || /[/\\\0-\x1f\x7f]/.test(seg) || seg.includes(":")) return null;
    out.push(seg);
  }
  return out;
}

// The files a browser needs from the package: the entry, its api, the two modules' web glue
// and wasm, and the helpers they import. Everything else in the package (bin/, lib/ server
// code, node glue, package.json, types) is not served.
const PKG_FILES = new Set(["index.js", "wasm/api.js", "lib/heal.js", "lib/errors.js", "lib/manage.js", "lib/manage-web.js"]);
const PKG_PATTERN = /^wasm\/web(?:-manage)?\/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:js|wasm)$/;

export function isPackageBrowserFile(relative) {
  return PKG_FILES.has(relative) || PKG_PATTERN.test(relative);
}

function realDir(dir) {
  try {
    return realpathSync(dir);
  } catch {
    return null;
  }
}

/** The regular file at `segments` under `root`, confined after symlinks; null otherwise. */
export function confinedFile(root, segments) {
  const realRoot = realDir(root);
  if (!realRoot) return null;
  const candidate = join(realRoot, ...segments);
  if (!candidate.startsWith(realRoot + sep)) return null;
  let real;
  try {
    real = realpathSync(candidate);
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return null;
  let st;
  try {
    st = statSync(real);
  } catch {
    return null;
  }
  return st.isFile() ? { path: real, size: st.size } : null;
}

/**
 * The static side of serve.
 * @param {{ wwwDirs?: string[], pkgDir?: string }} [opts]
 */
export function createStaticFiles({ wwwDirs, pkgDir = PACKAGE_DIR } = {}) {
  const candidates = wwwDirs ?? defaultWwwDirs(pkgDir);

  /** The first candidate that holds an index.html (else the first one). */
  function wwwRoot() {
    for (const dir of candidates) if (existsSync(join(dir, "index.html"))) return dir;
    return candidates[0];
  }

  return {
    wwwRoot,
    indexPath: () => join(wwwRoot(), "index.html"),
    /** `rest` is the raw path below `/www/`. */
    www(rest) {
      const segments = safeSegments(rest);
      return segments ? confinedFile(wwwRoot(), segments) : null;
    },
    index() {
      return confinedFile(wwwRoot(), ["index.html"]);
    },
    /** `rest` is the raw path below `/pkg/`. */
    pkg(rest) {
      const segments = safeSegments(rest);
      if (!segments || !isPackageBrowserFile(segments.join("/"))) return null;
      return confinedFile(pkgDir, segments);
    },
  };
}

/** Sends a file found by createStaticFiles (headers set by the caller stay). */
export function sendFile(req, res, file) {
  res.statusCode = 200;
  res.setHeader("Content-Type", contentTypeFor(file.path));
  res.setHeader("Content-Length", file.size);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

#!/usr/bin/env node
// Builds the npm package in pkg/: cargo (wasm32, release) -> wasm-bindgen (web + nodejs)
// -> wasm-opt -Oz -> generated helpers -> pkg/www/ -> size report (fails over the budget).
// No wasm-pack: every tool comes from a registry (crates.io, npm) through scripts/setup.sh.
//
//   node scripts/build.mjs            build pkg/
//   node scripts/build.mjs --no-opt   skip wasm-opt (faster; sizes are then not the shipped ones)
//
// The helpers are exported so tests/package/ can build its trap fixture the same way.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "pkg");
const WASM_OPT = join(ROOT, "node_modules", ".bin", "wasm-opt"); // npm binaryen (v132)
const GZIP_BUDGET = 150 * 1024; // what a browser downloads, gzip; issue 3 aims at 80 KB

// Tests set QUIET so tool output does not mix with the test runner's report.
let QUIET = false;
export function quiet(on = true) { QUIET = on; }

function sh(cmd, args, opts = {}) {
  try {
    execFileSync(cmd, args, { stdio: QUIET ? "pipe" : "inherit", cwd: ROOT, ...opts });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} failed${QUIET ? `:\n${e.stderr}` : ""}`);
  }
}

/** The wasm-bindgen version pinned in a Cargo.lock; the CLI must match it exactly. */
export function lockedBindgenVersion(lockfile = join(ROOT, "Cargo.lock")) {
  const m = readFileSync(lockfile, "utf8").match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!m) throw new Error(`no wasm-bindgen in ${lockfile}`);
  return m[1];
}

function checkBindgenCli(lockfile) {
  const want = lockedBindgenVersion(lockfile);
  let have = "none";
  try { have = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim().split(" ")[1]; } catch {}
  if (have !== want) {
    throw new Error(`wasm-bindgen CLI is ${have}, Cargo.lock wants ${want}: run bash scripts/setup.sh`);
  }
}

/**
 * cargo build --release for wasm32; returns the .wasm path. With `features`, only those
 * (no defaults) — each feature set is one module of the package, built one after the other
 * in the same target directory, so the caller copies the file before the next build.
 */
export function cargoBuild({ dir = ROOT, crate = "connector_kit", targetDir, env = {}, features } = {}) {
  checkBindgenCli(join(dir, "Cargo.lock"));
  const args = ["build", "--release", "--target", "wasm32-unknown-unknown"];
  if (targetDir) args.push("--target-dir", targetDir);
  if (features) args.push("--no-default-features", "--features", features);
  sh("cargo", args, { cwd: dir, env: { ...process.env, ...env } });
  return join(targetDir ?? join(dir, "target"), "wasm32-unknown-unknown", "release", `${crate}.wasm`);
}

/**
 * The package's two WebAssembly modules (see the features in Cargo.toml): the engine, loaded
 * by every entry, and the manager, loaded on first use of ManagementClient, importOpenApi or
 * mcpConnector (pkg/lib/manage.js).
 */
export const MODULES = [
  { name: "connector_kit", features: "engine-exports", web: "web", node: "node" },
  { name: "connector_kit_manage", features: "manage-exports", web: "web-manage", node: "node-manage" },
];

/**
 * wasm-bindgen for the web (browsers, bundlers, Node ESM via initSync) and nodejs (CJS)
 * targets, both with the reset hook that pkg/lib/heal.js needs (supported for exactly
 * --target web, module and nodejs in 0.2.130).
 */
export function bindgen(wasm, outDir, { name, web = "web", node = "node" } = {}) {
  for (const target of ["web", "nodejs"]) {
    const out = join(outDir, target === "nodejs" ? node : web);
    rmSync(out, { recursive: true, force: true });
    const outName = name ? ["--out-name", name] : [];
    sh("wasm-bindgen", ["--target", target, "--experimental-reset-state-function", ...outName, "--out-dir", out, wasm]);
    patchStaleCallbacks(out);
    patchCallbackTraps(out);
    patchResetTimers(out);
    patchStringPassing(out);
    // The reset hook is for heal.js only: keep it out of the types users see.
    for (const f of readdirSync(out).filter((f) => f.endsWith(".d.ts") && !f.endsWith("_bg.wasm.d.ts"))) {
      const p = join(out, f);
      writeFileSync(p, readFileSync(p, "utf8").replace(/^export function __wbg_reset_state\(\): void;\n\n?/m, ""));
    }
  }
  // pkg/package.json says "type": "module"; the nodejs glue is CommonJS.
  writeFileSync(join(outDir, node, "package.json"), '{ "type": "commonjs" }\n');
}

/**
 * Strings cross into wasm through one TextEncoder.encodeInto instead of the glue's loop over
 * the ASCII prefix, one character at a time: for a 1 KB payload that loop cost ~1 µs of a
 * ~7.5 µs validate (bench/profile.mjs). Same bytes; the buffer is sized for the worst case
 * and shrunk after (never to 0 bytes). Fails the build if the glue changes shape (a new wasm-bindgen).
 */
function patchStringPassing(dir) {
  const loop = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;`;
  // Never realloc to or from size 0: Rust's allocator would read the header of the dangling
  // pointer malloc(0) returns and trap ("" crosses in for every URL's username).
  const direct = `    // One encodeInto (scripts/build.mjs).
    const len = arg.length * 3;
    let ptr = malloc(len, 1) >>> 0;
    const { written } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
    if (written !== len) ptr = realloc(ptr, len, written, 1) >>> 0;
    WASM_VECTOR_LEN = written;
    return ptr;`;
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const p = join(dir, f);
    const text = readFileSync(p, "utf8");
    if (!text.includes("function passStringToWasm0")) continue;
    if (!text.includes(loop)) throw new Error(`${p}: passStringToWasm0 changed shape; update patchStringPassing`);
    writeFileSync(p, text.replace(loop, direct));
  }
}

/**
 * After a reset, a callback that the old instance left with JS (a pending promise's
 * then-callback, a queued microtask) throws "Cannot invoke closure from previous WASM
 * instance" when it fires: an unhandled rejection or uncaught exception, fatal in Node.
 * Its async call was already rejected by heal.js, so the one line becomes a silent return.
 */
function patchStaleCallbacks(dir) {
  const stale = "throw new Error('Cannot invoke closure from previous WASM instance');";
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(p, "utf8").replaceAll(stale, "return; // stale callback of a reset instance (scripts/build.mjs)"));
  }
}

/**
 * A trap in a callback the glue runs for an async call (a fetch's then-callback, a queued
 * microtask polling a future) happens outside every call heal.js wraps: in Node an uncaught
 * exception, and the call's Promise never settles. Such a trap goes to a hook instead, which
 * heal.js sets with `__wbg_set_trap_hook(hook)`: when `hook(error)` returns true it has reset
 * the instance (and failed the calls in flight), so the callback returns quietly and does not
 * touch the new instance. Fails the build if the glue changes shape (a new wasm-bindgen).
 */
function patchCallbackTraps(dir) {
  const call = `        try {
            return f(a, state.b, ...args);
        } finally {
            state.a = a;
            real._wbg_cb_unref();
        }`;
  const guarded = `        try {
            return f(a, state.b, ...args);
        } catch (e) {
            if (__wbg_trap_hook !== null && __wbg_trap_hook(e)) return; // scripts/build.mjs
            throw e;
        } finally {
            if (state.instance === __wbg_instance_id) {
                state.a = a;
                real._wbg_cb_unref();
            }
        }`;
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const p = join(dir, f);
    const text = readFileSync(p, "utf8");
    if (!text.includes("function makeMutClosure")) continue;
    if (!text.includes(call)) throw new Error(`${p}: makeMutClosure changed shape; update patchCallbackTraps`);
    const setter = text.includes("exports.__wbg_reset_state")
      ? "exports.__wbg_set_trap_hook = function (hook) { __wbg_trap_hook = hook; };"
      : "export function __wbg_set_trap_hook(hook) { __wbg_trap_hook = hook; }";
    writeFileSync(p, `${text.replace(call, guarded)}\nlet __wbg_trap_hook = null;\n${setter}\n`);
  }
}

/**
 * The timers an instance set (a request's timeout, a retry's wait) outlive it when it is
 * reset: in Node they kept the process alive for up to `timeoutMs` after a trap, and an old
 * request went on without its timeout. The glue keeps them, and a reset fires them at once:
 * old requests are aborted and old waits end (their callbacks then return quietly, see
 * patchStaleCallbacks). Fails the build if the glue changes shape (a new wasm-bindgen).
 */
function patchResetTimers(dir) {
  const set = /(__wbg_setTimeout_\w+: function\(arg0, arg1\) \{\n)( +)const ret = setTimeout\(arg0, arg1\);\n/;
  const clear = /(__wbg_clearTimeout_\w+: function\(arg0\) \{\n)( +)clearTimeout\(arg0\);\n/;
  const reset = "    wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());\n";
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const p = join(dir, f);
    const text = readFileSync(p, "utf8");
    if (!/__wbg_setTimeout_\w+:/.test(text)) continue;
    if (!set.test(text) || !clear.test(text) || !text.includes(reset)) throw new Error(`${p}: timers changed shape; update patchResetTimers`);
    writeFileSync(p, `${text
      .replace(set, "$1$2const ret = setTimeout(() => { __wbg_timers.delete(ret); arg0(); }, arg1);\n$2__wbg_timers.set(ret, arg0);\n")
      .replace(clear, "$1$2__wbg_timers.delete(arg0);\n$2clearTimeout(arg0);\n")
      .replace(reset, "    for (const [timer, fire] of [...__wbg_timers]) { __wbg_timers.delete(timer); clearTimeout(timer); fire(); } // scripts/build.mjs\n" + reset)
    }const __wbg_timers = new Map();\n`);
  }
}

/**
 * wasm-opt -Oz every .wasm below dir (in place). npm binaryen is itself wasm and takes
 * ~15 s per module; the web and nodejs builds hold the same module, so it runs once.
 */
export function optimize(dir) {
  const done = new Map(); // sha256 of the input -> the optimized file
  for (const sub of readdirSync(dir)) {
    const d = join(dir, sub);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).filter((f) => f.endsWith(".wasm"))) {
      const file = join(d, f);
      const key = createHash("sha256").update(readFileSync(file)).digest("hex");
      if (done.has(key)) {
        cpSync(done.get(key), file);
        continue;
      }
      sh(WASM_OPT, ["-Oz", "--strip-debug", "--strip-producers", file, "-o", file]);
      done.set(key, file);
    }
  }
}

/**
 * The generated pieces the hand-written entries import:
 * - api.js: the web glue's exports wrapped by lib/heal.js, as static ESM names. ESM needs
 *   the names at build time, and they come from the glue itself, so no list is kept by hand.
 * - heal.cjs: lib/heal.js as CommonJS, for index.cjs (require() of ESM needs Node 20.19+).
 */
export async function writeHelpers(outDir, healPath, glueName) {
  const libDir = dirname(healPath);
  for (const name of ["heal", "errors", "manage"]) {
    if (existsSync(join(libDir, `${name}.js`))) toCommonJs(join(libDir, `${name}.js`), join(outDir, `${name}.cjs`));
  }

  const glue = join(outDir, "web", `${glueName}.js`);
  const { publicNames } = await import(pathToFileURL(healPath).href);
  const exported = publicNames(await import(pathToFileURL(glue).href));
  let healImport = relative(outDir, healPath).replaceAll("\\", "/");
  if (!healImport.startsWith(".")) healImport = `./${healImport}`;
  writeFileSync(join(outDir, "api.js"),
    "// Generated by scripts/build.mjs from the web glue's exports; do not edit.\n"
    + `import * as glue from "./web/${glueName}.js";\n`
    + `import { heal } from "${healImport}";\n`
    + `import { ConnectorError, results, trapAnswers } from "${healImport.replace(/heal\.js$/, "errors.js")}";\n\n`
    + "export { ConnectorError };\n"
    + "const api = heal(glue, { ErrorClass: ConnectorError, answers: trapAnswers, results });\n"
    + `export const {\n${exported.map((n) => `  ${n},\n`).join("")}} = api;\n`);
  return exported;
}

/**
 * TypeScript types of the payload (Payload, AuthPattern, Field, …), compiled from the JSON
 * Schema the core generates, so the types and the schema cannot drift apart. The bindings'
 * declarations import them from "../payload" (src/wasm/types.rs).
 */
export async function payloadTypes(schemaPath, target) {
  const { compile } = await import("json-schema-to-typescript");
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  schema.title = "Payload";
  // A member the schema leaves untyped (served, e.g. display_priority) is `unknown`.
  const untyped = (node) => node && typeof node === "object" && !Array.isArray(node)
    && !["type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "properties"].some((k) => k in node);
  for (const member of Object.values(schema.properties)) if (untyped(member)) member.tsType = "unknown";
  const ts = await compile(schema, "Payload", {
    bannerComment: "// Generated by scripts/build.mjs from src/payload.schema.json; do not edit.",
    additionalProperties: false,
    unreachableDefinitions: true,
    format: false,
  });
  writeFileSync(target, ts.replaceAll(/This interface was referenced by `undefined`'s JSON-Schema\n \* via the `definition` "\w+"\.\n/g, ""));
}

/**
 * pkg/index.d.ts, the types of every entry: the engine's declarations, and the manager's own
 * names (those the engine's module does not declare too). importOpenApi and mcpConnector are
 * declared as the entries export them: asynchronous, since they load the manager first.
 */
export function writeTypes(outDir, pkgDir) {
  const engine = readFileSync(join(outDir, "node", "connector_kit.d.ts"), "utf8");
  const manage = readFileSync(join(outDir, "node-manage", "connector_kit_manage.d.ts"), "utf8");
  const declared = (dts) => new Set([...dts.matchAll(/^export (?:declare )?(?:type|interface|class|function|const|enum) (\w+)/gm)].map((m) => m[1]));
  const own = [...declared(manage)].filter((name) => !declared(engine).has(name));
  const functions = [...manage.matchAll(/^((?:\/\*\*(?:[^*]|\*(?!\/))*\*\/\n)?)export function (\w+)\((.*)\): (.+);$/gm)]
    .filter(([, , name]) => own.includes(name) && !name.startsWith("__"));
  const from = "./wasm/node-manage/connector_kit_manage.js";
  const lines = [
    "// Generated by scripts/build.mjs from the two modules' declarations; do not edit.",
    `export * from "./wasm/node/connector_kit.js";`,
    `import type * as manage from "${from}";`,
    `export { ManagementClient } from "${from}";`,
    `export type { ${own.filter((n) => n !== "ManagementClient" && !functions.some((f) => f[2] === n)).join(", ")} } from "${from}";`,
    ...functions.map(([, doc, name]) => `${doc}export declare function ${name}(...args: Parameters<typeof manage.${name}>): Promise<ReturnType<typeof manage.${name}>>;`),
  ];
  writeFileSync(join(pkgDir, "index.d.ts"), lines.join("\n") + "\n");
}

/** A dependency-free ES module of `export function`s, `export class`es and `export const`s as CommonJS. */
function toCommonJs(source, target) {
  const text = readFileSync(source, "utf8");
  if (/^\s*import\b|^\s*export\s+(?!(function|class|const)\b)/m.test(text)) {
    throw new Error(`${source} must have no imports and only exported functions, classes and consts`);
  }
  const names = [...text.matchAll(/^export (?:function|class|const) (\w+)/gm)].map((m) => m[1]);
  writeFileSync(target,
    `"use strict";\n// Generated by scripts/build.mjs from ${relative(PKG, source)}; do not edit.\n`
    + text.replace(/^export (function|class|const) /gm, "$1 ")
    + `\nmodule.exports = { ${names.join(", ")} };\n`);
}

function sizes(title, files) {
  let total = { raw: 0, gzip: 0, brotli: 0 };
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
  console.log(`\n${title.padEnd(36)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`);
  for (const f of files) {
    const bytes = readFileSync(f);
    const s = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    for (const k in total) total[k] += s[k];
    console.log(`${relative(PKG, f).padEnd(36)}${kib(s.raw)}${kib(s.gzip)}${kib(s.brotli)}`);
  }
  console.log(`${"total".padEnd(36)}${kib(total.raw)}${kib(total.gzip)}${kib(total.brotli)}`);
  return total;
}

async function main() {
  const noOpt = process.argv.includes("--no-opt");
  const t0 = Date.now();
  const step = (what) => console.log(`\n== build: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const out = join(PKG, "wasm");

  for (const module of MODULES) {
    step(`cargo build --release --target wasm32-unknown-unknown --features ${module.features}`);
    const wasm = join(ROOT, "target", `${module.name}.wasm`);
    cpSync(cargoBuild({ features: module.features }), wasm);
    step(`wasm-bindgen --target web / nodejs (${module.name})`);
    bindgen(wasm, out, module);
  }
  if (!noOpt) {
    step("wasm-opt -Oz");
    optimize(out);
  }
  step("payload types from the JSON Schema");
  await payloadTypes(join(ROOT, "src", "payload.schema.json"), join(out, "payload.d.ts"));
  step("generated helpers");
  const exported = await writeHelpers(out, join(PKG, "lib", "heal.js"), "connector_kit");
  console.log(`exports: ${exported.join(", ")}`);
  writeTypes(out, PKG);

  rmSync(join(PKG, "www"), { recursive: true, force: true });
  if (existsSync(join(ROOT, "www"))) cpSync(join(ROOT, "www"), join(PKG, "www"), { recursive: true });

  const total = sizes("what a browser downloads", [
    join(out, "web", "connector_kit_bg.wasm"),
    join(out, "web", "connector_kit.js"),
    join(out, "api.js"),
    join(PKG, "lib", "heal.js"),
    join(PKG, "lib", "errors.js"),
    join(PKG, "lib", "manage.js"),
    join(PKG, "index.js"),
  ]);
  sizes("and on first use of the manager", [
    join(out, "web-manage", "connector_kit_manage_bg.wasm"),
    join(out, "web-manage", "connector_kit_manage.js"),
    join(PKG, "lib", "manage-web.js"),
  ]);
  console.log(`\nbuilt pkg/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (total.gzip > GZIP_BUDGET) {
    console.error(`build: FAILED: ${(total.gzip / 1024).toFixed(1)} KiB gzip is over the ${GZIP_BUDGET / 1024} KiB budget`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`build: FAILED: ${e.message}`);
    process.exit(1);
  });
}

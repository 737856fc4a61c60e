// Where the time goes inside validate(text): a phase breakdown and a CPU profile.
//
//   node bench/profile.mjs [--src worktree|HEAD|<commit>] [--build] [--rounds N] [--cpu]
//
// It builds bench/profile/ (connector-kit's own exports plus probes that each stop after one
// phase: see profile/lib.rs) for wasm32 with the package's release profile, runs wasm-bindgen
// as scripts/build.mjs does but keeps the name section (no wasm-opt), and loads it with the
// package's heal() wrapper, exactly as node.mjs loads the package. Output in bench/.target/.
//
// Phases (µs per payload, 10th percentile over interleaved rounds; each probe includes the ones before):
//   call      an empty exported call (the glue's guard, the wasm call)
//   input     the text crossing in: JsValue → as_string() (UTF-8 encode into wasm memory)
//   parse     Document::parse: scanning into the typed model
//   rules     every check, including the URL parses it delegates to the host's URL class
//   positions line/column for the diagnostics (one walk over the text when there are any)
//   serialize the Report → JSON text inside wasm
//   output    the text crossing out and JSON.parse into the report object
//   heal      the package's self-healing wrapper around the export
// --cpu also runs validate under `node --cpu-prof` and lists the functions with the most self
// time (wasm functions by their Rust names).

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { corpus } from "./corpus.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const TARGET = join(HERE, ".target");

// Which engine source to profile: the working tree (default; other people's uncommitted work
// included) or a commit (`--src HEAD`, `--src c3811b4`), exported with `git archive`.
const srcArg = process.argv.indexOf("--src");
const SRC = srcArg > 0 ? process.argv[srcArg + 1] : "worktree";
const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
const SHA = SRC === "worktree" ? null : git("rev-parse", "--short", `${SRC}^{commit}`);
const LABEL = SHA ? `commit-${SHA}` : "worktree";
const CRATE = `ck-probe-${LABEL}`;
const GLUE = join(TARGET, `glue-${LABEL}`);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the probe module for SRC into GLUE (when missing or older than its sources). */
export function build({ force = false } = {}) {
  let engine = ROOT;
  if (SHA) {
    engine = join(TARGET, `src-${SHA}`);
    if (!existsSync(join(engine, "Cargo.toml"))) {
      mkdirSync(engine, { recursive: true });
      execFileSync("sh", ["-c", `git archive ${SHA} Cargo.toml Cargo.lock src | tar -x -C "${engine}"`], { cwd: ROOT });
    }
  }
  const crate = join(TARGET, `probe-${LABEL}`);
  const glue = join(GLUE, "probe.js");
  const inputs = [join(HERE, "profile"), ...(SHA ? [] : [join(ROOT, "src")])];
  const stale = !existsSync(glue) || statSync(glue).mtimeMs < Math.max(...inputs.map(newest));
  if (!force && !stale) return;
  mkdirSync(crate, { recursive: true });
  const manifest = readFileSync(join(HERE, "profile", "Cargo.toml"), "utf8")
    .replace('name = "ck-bench-profile"', `name = "${CRATE}"`)
    .replace('path = "../.."', `path = ${JSON.stringify(engine)}`);
  writeFileSync(join(crate, "Cargo.toml"), manifest);
  copyFileSync(join(HERE, "profile", "lib.rs"), join(crate, "lib.rs"));
  copyFileSync(join(engine, "Cargo.lock"), join(crate, "Cargo.lock")); // the package's exact versions
  console.error(`profile: building the probe module from ${SHA ? `commit ${SHA}` : "the working tree"} …`);
  execFileSync("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--target-dir", TARGET], { cwd: crate, stdio: ["ignore", "inherit", "inherit"] });
  rmSync(GLUE, { recursive: true, force: true });
  const wasm = join(TARGET, "wasm32-unknown-unknown", "release", `${CRATE.replaceAll("-", "_")}.wasm`);
  execFileSync("wasm-bindgen", ["--target", "web", "--experimental-reset-state-function", "--out-name", "probe", "--out-dir", GLUE, wasm], { stdio: "inherit" });
}

/** The probe module, instantiated and healed like the package's node.mjs does. */
async function load() {
  const glue = await import(pathToFileURL(join(GLUE, "probe.js")).href);
  glue.initSync({ module: readFileSync(join(GLUE, "probe_bg.wasm")) });
  const { heal } = await import(pathToFileURL(join(ROOT, "pkg", "lib", "heal.js")).href);
  const { ConnectorError, results, trapAnswers } = await import(pathToFileURL(join(ROOT, "pkg", "lib", "errors.js")).href);
  return { glue, api: heal(glue, { ErrorClass: ConnectorError, answers: trapAnswers, results }) };
}

/** The 10th percentile: the rounds least disturbed by other processes (2 shared cores). */
const low = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * 0.1)];

/** µs per payload of each probe, interleaved: every round runs every probe once, rotated. */
function timeProbes(probes, texts, { rounds = 30, passes = 30 } = {}) {
  const names = Object.keys(probes);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  let sink = 0;
  for (let w = 0; w < 5; w++) for (const n of names) for (const t of texts) sink += +!!probes[n](t); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const fn = probes[name];
      // No forced GC here: with many probes, code one probe alone uses would sit through
      // several full GCs between its runs, and V8 flushes the bytecode of functions that
      // stay unused for a few GCs (then recompiles and re-optimises them: bimodal timings).
      const t0 = performance.now();
      for (let p = 0; p < passes; p++) for (let i = 0; i < texts.length; i++) sink += +!!fn(texts[i]);
      samples[name].push(((performance.now() - t0) * 1000) / (passes * texts.length));
    }
  }
  return { us: Object.fromEntries(names.map((n) => [n, low(samples[n])])), sink };
}

// The glue looks `URL` up on the global object at every call. Replacing that global while
// code runs deoptimises what depends on it, and a wrapper class slows every URL parse a little,
// so the URL measurements run in their own child process (--url-child), where the global is
// replaced once, before anything runs, by a class whose mode is a plain variable: "real" (the
// host's URL), "count" (real, recording the input) or "memo" (answers from a table of the same
// URLs parsed beforehand: V8's URL parser does no work, every crossing stays).
const RealUrl = globalThis.URL;
const urlHook = { mode: "real", seen: [], table: new Map() };
if (process.argv.includes("--url-child")) {
  globalThis.URL = class URL {
    constructor(input, base) {
      if (urlHook.mode === "memo" && base === undefined) {
        const hit = urlHook.table.get(input);
        if (!hit) throw new TypeError("Invalid URL");
        return hit;
      }
      if (urlHook.mode === "count") urlHook.seen.push(input);
      return base === undefined ? new RealUrl(input) : new RealUrl(input, base);
    }
  };
}

/** The inputs of the host URL parses validate asks for (web_url → `new URL(…)`). */
function countUrlParses(validate, texts) {
  urlHook.mode = "count";
  urlHook.seen = [];
  try {
    for (const t of texts) validate(t);
  } finally {
    urlHook.mode = "real";
  }
  return urlHook.seen;
}

/** In the --url-child process: how many URL parses, and what V8's URL parser costs of them. */
async function urlChild({ rounds }) {
  const { glue, api } = await load();
  const entries = corpus();
  const texts = entries.map((e) => e.text);
  const urls = countUrlParses(api.validate, texts);
  const urlCount = urls.length;
  const byKind = {};
  for (const e of entries) {
    const p = JSON.parse(e.text).auth_patterns?.[0];
    (byKind[`${p?.type}${p?.is_mcp ? " MCP" : ""}`] ??= []).push(countUrlParses(api.validate, [e.text]).length);
  }
  if (urls.length === 0) urls.push("https://api.example.com/v1"); // none: time a typical one
  for (const u of urls) {
    const { href, protocol, username, password, hostname, port, pathname } = new RealUrl(u);
    urlHook.table.set(u, { href, protocol, username, password, hostname, port, pathname });
  }
  let i = 0;
  const { us } = timeProbes({
    rules: (t) => glue.probe_check(t, false),
    rulesMemoUrl: (t) => {
      urlHook.mode = "memo";
      try { return glue.probe_check(t, false); } finally { urlHook.mode = "real"; }
    },
  }, texts, { rounds });
  const { us: one } = timeProbes({
    urlInWasm: () => glue.probe_url(urls[i++ % urls.length]),
    urlInWasmMemo: () => {
      urlHook.mode = "memo";
      try { return glue.probe_url(urls[i++ % urls.length]); } finally { urlHook.mode = "real"; }
    },
    urlInJs: () => { const u = new RealUrl(urls[i++ % urls.length]); return u.href.length + u.protocol.length + u.username.length + u.password.length + u.hostname.length + u.port.length + u.pathname.length; },
  }, texts, { rounds });
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    perPayload: urlCount / texts.length,
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mean(v)])),
    parsing: us.rules - us.rulesMemoUrl,
    one: one.urlInWasm,
    oneCrossingsOnly: one.urlInWasmMemo,
    oneInJs: one.urlInJs,
  };
}

async function breakdown({ rounds }) {
  const url = JSON.parse(execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--url-child", "--rounds", String(rounds), "--src", SRC], { encoding: "utf8" }));
  const { glue, api } = await load();
  const entries = corpus();
  const texts = entries.map((e) => e.text);
  const reports = texts.map((t) => glue.probe_report_text(t));
  const mem = new Uint8Array(64 * 1024);
  const encoder = new TextEncoder();
  const { us } = timeProbes({
    call: () => glue.probe_empty(),
    input: (t) => glue.probe_take(t),
    scan: (t) => glue.probe_scan(t),
    parse: (t) => glue.probe_parse(t),
    rules: (t) => glue.probe_check(t, false),
    positions: (t) => glue.probe_check(t, true),
    serialize: (t) => glue.probe_serialize(t),
    reportText: (t) => glue.probe_report_text(t),
    glueValidate: (t) => glue.validate(t),
    validate: (t) => api.validate(t),
  }, texts, { rounds });
  // JS-only references, same rounds: JSON.parse of the report texts and of the payloads,
  // the input encoding alone, an empty report's serialisation.
  let i = 0;
  const { us: js } = timeProbes({
    reportParse: () => JSON.parse(reports[i++ % reports.length]),
    payloadParse: (t) => JSON.parse(t),
    encodeInto: (t) => encoder.encodeInto(t, mem).written,
    serializeEmpty: () => glue.probe_serialize_empty(),
    glueVersion: () => glue.version(),
    healedVersion: () => api.version(),
  }, texts, { rounds });
  const withDiag = reports.filter((r) => JSON.parse(r).diagnostics.length > 0).length;

  const rulesTotal = us.rules - us.parse;
  const urlTotal = url.perPayload * url.one;
  const rows = [
    ["call (empty export)", us.call],
    ["input: string → wasm (as_string)", us.input - us.call, `(TextEncoder.encodeInto of the same text alone: ${js.encodeInto.toFixed(2)})`],
    ["parse: text → typed model", us.parse - us.input, `(syntax-only scan of the same text: ${(us.scan - us.input).toFixed(2)})`],
    ["rules (all checks)", rulesTotal],
    ["  host URL parses (web_url)", urlTotal, url.perPayload ? `(${url.perPayload.toFixed(1)} a payload × ${url.one.toFixed(2)} µs; of which V8's parser ~${url.parsing.toFixed(2)} µs a payload)` : "(none: every URL of the corpus takes the fast path)"],
    ["  everything else", rulesTotal - urlTotal],
    ["positions (line/column)", us.positions - us.rules, `(${withDiag}/${texts.length} payloads have diagnostics)`],
    ["serialize report → JSON text", us.serialize - us.positions, `(an empty report alone: ${(js.serializeEmpty - us.call).toFixed(2)})`],
    ["output: report text out to JS", us.reportText - us.serialize],
    ["output: JSON.parse of the report", js.reportParse, "(measured alone)"],
    ["export glue rest (options, JSON::parse)", us.glueValidate - us.reportText - js.reportParse, "(the exported validate vs the probes: noisy)"],
    ["heal wrapper (package entry)", js.healedVersion - js.glueVersion, "(per call: api.version() − glue version(), measured alone)"],
  ];
  console.log(`\nvalidate(text) phase breakdown, engine from ${SHA ? `commit ${SHA}` : "the working tree"} — ${texts.length} payloads, µs per payload (10th percentile of ${rounds} interleaved rounds; differences of cumulative probes)`);
  for (const [what, v, note] of rows) console.log(`  ${what.padEnd(36)}${v.toFixed(2).padStart(7)} µs ${(100 * v / us.validate).toFixed(0).padStart(4)}%  ${note ?? ""}`);
  console.log(`  ${"total: validate(text) as exported".padEnd(36)}${us.validate.toFixed(2).padStart(7)} µs  (${Math.round(1e6 / us.validate).toLocaleString("en-US")} ops/s)`);
  console.log("  (the probes are timed separately: a difference within about ±0.5 µs of 0 is noise)");
  console.log(`\none URL parse: ${url.one.toFixed(2)} µs through web_url from wasm, ${url.oneCrossingsOnly.toFixed(2)} µs of it with V8's parser taken out (the ~16 crossings of new URL + 7 getters),` +
    ` ${url.oneInJs.toFixed(2)} µs for the same parse in plain JS`);
  console.log(`URL parses per payload by auth type: ${Object.entries(url.byKind).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
  console.log(`reference: JSON.parse(payload) alone ${js.payloadParse.toFixed(2)} µs`);
}

// The glue's passStringToWasm0 copies a string char by char while it is ASCII and only then
// falls back to TextEncoder.encodeInto. This rewrite encodes with encodeInto at once (into a
// 3×-length allocation, shrunk after), which gives the same bytes. A copy of the glue with it
// runs as its own instance, timed against the original, to size what the change would give.
export const ENCODE_INTO = `function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }
    const max = arg.length * 3;
    let ptr = malloc(max, 1) >>> 0;
    const written = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + max)).written;
    if (written !== max) ptr = realloc(ptr, max, written, 1) >>> 0;
    WASM_VECTOR_LEN = written;
    return ptr;
}`;

/**
 * What changes to the boundary would give, measured against ajv in the same rounds:
 *   exported      the package's validate as it is (healed, as users call it)
 *   +encodeInto   the same with the glue's passStringToWasm0 rewritten (ENCODE_INTO)
 *   lean          probe_validate_lean: `&str` in, "" out for a clean report, JSON.parse otherwise
 *   lean+encodeInto  both
 */
async function experiments({ rounds }) {
  const source = readFileSync(join(GLUE, "probe.js"), "utf8");
  const patched = source.replace(/^function passStringToWasm0\(arg, malloc, realloc\) \{[\s\S]*?\n\}\n/m, `${ENCODE_INTO}\n`);
  if (patched === source) throw new Error("passStringToWasm0 not found in the glue");
  const file = join(GLUE, "probe-encodeinto.js");
  writeFileSync(file, patched);
  const { api } = await load();
  const { glue } = await load();
  const fast = await import(pathToFileURL(file).href);
  fast.initSync({ module: readFileSync(join(GLUE, "probe_bg.wasm")) });
  const { compileAjv } = await import("./validate.mjs");
  const ajvValidate = compileAjv(glue.jsonSchema());
  const CLEAN = () => ({ valid: true, diagnostics: [] });
  const lean = (g) => (t) => {
    const s = g.probe_validate_lean(t);
    return s === "" ? CLEAN() : JSON.parse(s);
  };
  const texts = corpus().map((e) => e.text);
  for (const t of texts) {
    const want = JSON.stringify(api.validate(t));
    for (const got of [fast.validate(t), lean(glue)(t), lean(fast)(t)]) {
      if (JSON.stringify(got) !== want) throw new Error("an experiment answers differently from validate");
    }
  }
  const { us } = timeProbes({
    exported: (t) => api.validate(t),
    encodeInto: (t) => fast.validate(t),
    lean: lean(glue),
    leanEncodeInto: lean(fast),
    ajv: (t) => ajvValidate(JSON.parse(t)),
    jsonParse: (t) => JSON.parse(t),
  }, texts, { rounds });
  const nonAscii = texts.filter((t) => /[^\x00-\x7f]/.test(t)).length;
  console.log(`\nexperiments at the boundary (same engine; µs per payload, 10th percentile of ${rounds} interleaved rounds; ${nonAscii}/${texts.length} payloads hold non-ASCII text)`);
  const rows = [
    ["validate as exported", us.exported],
    ["  + passStringToWasm0 via encodeInto", us.encodeInto],
    ["  lean: &str in, \"\" when clean", us.lean],
    ["  lean + encodeInto", us.leanEncodeInto],
    ["ajv: validate(JSON.parse(text))", us.ajv],
    ["JSON.parse(text) alone", us.jsonParse],
  ];
  for (const [what, v] of rows) console.log(`  ${what.padEnd(40)}${v.toFixed(2).padStart(7)} µs   ${(us.ajv / v).toFixed(2)}× ajv`);
}

/** Runs validate under --cpu-prof in a child and sums self time per function. */
function cpuProfile() {
  const dir = join(TARGET, "cpuprof");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "50", fileURLToPath(import.meta.url), "--cpu-child", "--src", SRC], { stdio: "inherit" });
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const dt = new Map(); // node id -> µs
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const self = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const t = dt.get(node.id) ?? 0;
    const cf = node.callFrame;
    if (cf.functionName === "(idle)" || cf.functionName === "(program)" && !t) continue;
    const name = cf.url.endsWith(".wasm") || cf.url.startsWith("wasm://") ? `[wasm] ${cf.functionName}` : `${cf.functionName || "(anonymous)"} ${cf.url ? cf.url.split("/").slice(-1)[0] + ":" + (cf.lineNumber + 1) : ""}`;
    self.set(name, (self.get(name) ?? 0) + t);
    total += t;
  }
  // Inclusive time per function (a node counts unless an ancestor has the same name).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const nameOf = (node) => {
    const cf = node.callFrame;
    return cf.url.endsWith(".wasm") || cf.url.startsWith("wasm://") ? `[wasm] ${cf.functionName}` : `${cf.functionName || "(anonymous)"} ${cf.url ? cf.url.split("/").slice(-1)[0] + ":" + (cf.lineNumber + 1) : ""}`;
  };
  const inclusive = new Map();
  const walk = (node, open) => {
    let t = dt.get(node.id) ?? 0;
    const name = nameOf(node);
    const mine = !open.has(name);
    if (mine) open.add(name);
    for (const c of node.children ?? []) t += walk(byId.get(c), open);
    if (mine) {
      open.delete(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + t);
    }
    return t;
  };
  walk(profile.nodes[0], new Set());
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  let wasm = 0;
  for (const [name, t] of self) if (name.startsWith("[wasm]")) wasm += t;
  console.log(`\nCPU profile of validate(text) over the corpus (self time; ${(total / 1000).toFixed(0)} ms sampled, ${(100 * wasm / total).toFixed(0)}% inside wasm)`);
  for (const [name, t] of top) console.log(`  ${(100 * t / total).toFixed(1).padStart(5)}%  ${name.replace(/::h[0-9a-f]{16}$/, "").replace(/dlmalloc\[[0-9a-f]+\]::/g, "").slice(0, 110)}`);
  const shorten = (name) => name.replace(/::h[0-9a-f]{16}$/, "").replace(/dlmalloc\[[0-9a-f]+\]::/g, "").slice(0, 110);
  console.log(`\ninclusive time of the engine's main steps (wasm functions with callees; ${(100 * wasm / total).toFixed(0)}% of samples are in wasm)`);
  const steps = /validate::validate\b|Document::parse|validate::payload::check\b|pattern::check_all|pattern::check\b|fields::check_list|context::Context::extras|template::parse::parse\b|check_templated_url|web_url::check|suggest::did_you_mean|Report::to_json|position::resolve|interop::from_json|interop::json_text|\bmalloc\b|\bfree\b|hash_one|pointer::Path as core::fmt::Display/;
  const picked = [...inclusive.entries()].filter(([n]) => n.startsWith("[wasm]") && steps.test(n)).sort((a, b) => b[1] - a[1]);
  for (const [name, t] of picked.slice(0, 24)) console.log(`  ${(100 * t / total).toFixed(1).padStart(5)}%  ${shorten(name)}`);
  console.log(`  (full profile: ${join(dir, file)} — open it in Chrome DevTools → Performance)`);
}

async function cpuChild() {
  const { api } = await load();
  const texts = corpus().map((e) => e.text);
  const end = performance.now() + 4000;
  let sink = 0;
  while (performance.now() < end) for (const t of texts) sink += api.validate(t).diagnostics.length;
  if (sink < 0) console.log(sink);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = process.argv.indexOf("--rounds");
  const rounds = r > 0 ? Number(process.argv[r + 1]) : 30;
  if (process.argv.includes("--cpu-child")) {
    await cpuChild();
  } else if (process.argv.includes("--url-child")) {
    console.log(JSON.stringify(await urlChild({ rounds })));
  } else {
    build({ force: process.argv.includes("--build") });
    await breakdown({ rounds });
    await experiments({ rounds });
    if (process.argv.includes("--cpu")) cpuProfile();
  }
}

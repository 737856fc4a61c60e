// Throughput: connector-kit's validate against ajv 8 on the same corpus, interleaved.
//
//   node --expose-gc bench/validate.mjs [--rounds N] [--round-ms MS] [--json]
//
// Two comparisons, each in rounds that alternate the two contestants (ABBA order, so drift
// and turbo effects hit both alike), after a warm-up that lets V8 optimise both:
//   1. text:   validate(text)                 vs  ajvValidate(JSON.parse(text))
//   2. object: validate(object)               vs  ajvValidate(object)
// One "op" is one payload validated. A round runs every payload of the corpus `passes` times
// per contestant (calibrated so a round of the slower one takes about --round-ms). We report
// the median ops/s of each and the distribution of the per-round ratio kit/ajv (>1: kit faster).
//
// Same work: ajv compiles `jsonSchema()` from the package, which encodes every structural rule
// validate checks (api.md). Before timing, both must agree on every valid entry of the corpus,
// and we show, for the invalid ones, whether "schema-valid" matches "no structural error".

import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { jsonSchema, validate, version } from "connector-kit";
import { corpus } from "./corpus.mjs";

// The diagnostic codes for rules a JSON Schema can express (connectors.md §2, as encoded by
// jsonSchema()). The others (duplicate keys, URL parsing, templates ↔ fields, credentials,
// advice) are semantic: ajv cannot see them, so they do not count against agreement.
export const STRUCTURAL = new Set([
  "invalid-json", "not-an-object", "wrong-type", "missing-member", "display-name-length",
  "display-name-charset", "url-not-https", "url-too-long", "proxy-disabled", "metadata-too-many",
  "metadata-key-length", "metadata-value-length", "auth-patterns-empty", "auth-patterns-multiple",
  "auth-type-unknown", "no-auth-not-mcp", "no-auth-inputs", "mcp-inconsistent",
  "oauth-config-missing", "oauth-config-unexpected", "oauth-endpoint-missing", "oauth-scope-empty",
  "mcp-oauth-shape", "field-name-missing", "input-type-unknown", "option-value-missing",
  "mutation-target-unknown", "mutation-operation-unknown", "header-override-invalid",
]);

/** ajv as a user would set it up: all errors (like validate), the package's schema. */
export function compileAjv(schema = jsonSchema()) {
  // strictTypes off: the schema uses `if`/`then` members without a repeated `type` (valid
  // 2020-12; ajv's strict mode only warns about it on the console).
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  return ajv.compile(schema);
}

/** Checks that both validators do the same job on `entries`; throws when they do not. */
export function checkAgreement(entries, ajvValidate, { log = console.log } = {}) {
  const problems = [];
  const notes = [];
  for (const e of entries) {
    const report = validate(e.text);
    const fromObject = validate(JSON.parse(e.text));
    const structuralOk = !report.diagnostics.some((d) => d.severity === "error" && STRUCTURAL.has(d.code));
    const schemaOk = ajvValidate(JSON.parse(e.text));
    if (fromObject.valid !== report.valid) problems.push(`${e.name}: validate(object) says valid=${fromObject.valid}, validate(text) ${report.valid}`);
    if (e.intent === "valid" && !(report.valid && schemaOk)) {
      problems.push(`${e.name}: meant valid, but validate=${report.valid} (${report.diagnostics.map((d) => d.code).join(", ")}), ajv=${schemaOk}`);
    } else if (schemaOk !== structuralOk) {
      notes.push(`${e.name}: schema-valid=${schemaOk} but structural errors=${!structuralOk} (${report.diagnostics.map((d) => d.code).join(", ")})`);
    }
    if (e.intent === "invalid" && !report.diagnostics.some((d) => d.code === e.mistake)) {
      problems.push(`${e.name}: the mistake ${e.mistake} was not reported`);
    }
  }
  const valid = entries.filter((e) => e.intent === "valid").length;
  log(`agreement: ${valid}/${valid} valid payloads valid for both; ` +
    `${entries.length - valid} invalid: ${entries.length - valid - notes.length} agree on structural validity` +
    (notes.length ? `, ${notes.length} differ (semantic rules ajv cannot see):\n  ${notes.join("\n  ")}` : ""));
  if (problems.length) throw new Error(`the two validators do not do the same work:\n  ${problems.join("\n  ")}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};

/** Times `fn(passes)` once; returns milliseconds (a GC first, when exposed). */
function time(fn, passes, sink) {
  globalThis.gc?.();
  const t0 = performance.now();
  sink.value += fn(passes);
  return performance.now() - t0;
}

/**
 * Interleaved comparison of `kit` and `ajv` (each `(passes) => checksum`), `n` payloads a pass.
 * Returns ops/s per round for both and the per-round ratios kit/ajv.
 */
export function compare({ kit, ajv, n, rounds = 100, roundMs = 20, warmupMs = 1500 }) {
  const sink = { value: 0 };
  // Warm-up: alternate until both have run warmupMs in total (tiers up both to TurboFan).
  let spent = 0;
  let passes = 1;
  while (spent < warmupMs) {
    const a = time(kit, passes, sink);
    const b = time(ajv, passes, sink);
    spent += a + b;
    if (Math.max(a, b) < roundMs / 4) passes *= 2;
  }
  // Calibrate: the slower contestant takes about roundMs per round.
  const slow = Math.max(time(kit, passes, sink), time(ajv, passes, sink));
  passes = Math.max(1, Math.round(passes * roundMs / slow));
  const kitOps = [];
  const ajvOps = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    let k, a;
    if (round % 4 === 0 || round % 4 === 3) { // ABBA: k a | a k | a k | k a …
      k = time(kit, passes, sink);
      a = time(ajv, passes, sink);
    } else {
      a = time(ajv, passes, sink);
      k = time(kit, passes, sink);
    }
    kitOps.push((n * passes * 1000) / k);
    ajvOps.push((n * passes * 1000) / a);
    ratios.push(a / k);
  }
  return {
    passes,
    rounds,
    kit: median(kitOps),
    ajv: median(ajvOps),
    ratio: { min: Math.min(...ratios), p25: quantile(ratios, 0.25), median: median(ratios), p75: quantile(ratios, 0.75), max: Math.max(...ratios) },
    checksum: sink.value,
  };
}

export function run({ rounds = 100, roundMs = 20, log = console.log } = {}) {
  const entries = corpus();
  const texts = entries.map((e) => e.text);
  const objects = texts.map((t) => JSON.parse(t));
  const ajvValidate = compileAjv();
  checkAgreement(entries, ajvValidate, { log });

  const n = texts.length;
  const text = compare({
    n, rounds, roundMs,
    kit: (passes) => {
      let valid = 0;
      for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) valid += validate(texts[i]).valid ? 1 : 0;
      return valid;
    },
    ajv: (passes) => {
      let valid = 0;
      for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) valid += ajvValidate(JSON.parse(texts[i])) ? 1 : 0;
      return valid;
    },
  });
  const object = compare({
    n, rounds, roundMs,
    kit: (passes) => {
      let valid = 0;
      for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) valid += validate(objects[i]).valid ? 1 : 0;
      return valid;
    },
    ajv: (passes) => {
      let valid = 0;
      for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) valid += ajvValidate(objects[i]) ? 1 : 0;
      return valid;
    },
  });
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  return { version: version(), node: process.version, payloads: n, meanBytes: Math.round(bytes / n), gc: typeof globalThis.gc === "function", text, object };
}

const fmt = (x) => Math.round(x).toLocaleString("en-US");
const r2 = (x) => x.toFixed(2);

export function print(result, log = console.log) {
  log(`\nconnector-kit ${result.version} vs ajv 8 — ${result.payloads} payloads of ~${result.meanBytes} B, ${result.text.rounds} interleaved rounds, Node ${result.node}${result.gc ? "" : " (no --expose-gc: GC noise not controlled)"}`);
  log(`${"".padEnd(44)}${"kit ops/s".padStart(12)}${"ajv ops/s".padStart(12)}   ratio kit/ajv: median [min p25 p75 max]`);
  for (const [label, r] of [["validate(text)   vs ajv(JSON.parse(text))", result.text], ["validate(object) vs ajv(object)", result.object]]) {
    const q = r.ratio;
    log(`${label.padEnd(44)}${fmt(r.kit).padStart(12)}${fmt(r.ajv).padStart(12)}   ${r2(q.median)}× [${r2(q.min)} ${r2(q.p25)} ${r2(q.p75)} ${r2(q.max)}]`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const json = process.argv.includes("--json");
  // With --json, stdout carries only the result; progress goes to stderr.
  const log = json ? (...a) => console.error(...a) : console.log;
  const result = run({ rounds: arg("--rounds", 100), roundMs: arg("--round-ms", 20), log });
  if (json) console.log(JSON.stringify(result));
  else print(result);
}

// Node cold start: a fresh child process per sample, connector-kit against ajv 8.
//
//   node bench/cold-start.mjs [--runs N] [--json]
//
// What each child (this file, run with `--child kit|ajv|node`) times, all with
// performance.now(), whose zero is performance.timeOrigin — the moment Node's process started
// (set before V8 and Node's bootstrap run):
//   boot    process start → the first line of the child script (Node itself: V8, bootstrap,
//           loading this file; the same for all three, and not ours to improve)
//   import  `await import(…)`: resolving and loading the package's modules; for connector-kit
//           this includes reading the .wasm, compiling and instantiating it (node.mjs does
//           that synchronously at import)
//   setup   ajv: reading the schema file, `new Ajv2020(…)` and `compile(schema)` (code
//           generation); connector-kit: nothing (there is no setup step)
//   first   the first validation of one corpus payload: connector-kit `validate(text)`;
//           ajv `validate(JSON.parse(text))` (first call of lazily compiled code included)
// "ours" = import + setup + first: what a CLI or a serverless function pays before it has
// its first answer, on top of Node's own boot. `--child node` measures boot alone.
// Children run in turn (kit, ajv, node, then rotated), so load on the machine hits all alike.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);

async function child(which, payloadFile, schemaFile) {
  const boot = performance.now();
  const text = readFileSync(payloadFile, "utf8"); // both read the payload; not timed below
  const t0 = performance.now();
  let t1, t2, valid;
  if (which === "kit") {
    const { validate } = await import("connector-kit");
    t1 = performance.now();
    t2 = t1;
    valid = validate(text).valid;
  } else if (which === "ajv") {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    t1 = performance.now();
    const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
    const check = new Ajv2020({ allErrors: true, strictTypes: false }).compile(schema);
    t2 = performance.now();
    valid = check(JSON.parse(text));
  } else {
    t1 = t2 = t0;
    valid = true;
  }
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ which, boot, import: t1 - t0, setup: t2 - t1, first: t3 - t2, ours: t3 - t0, total: t3, valid }));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function run({ runs = 15, log = console.log } = {}) {
  const { corpus } = await import("./corpus.mjs");
  const { jsonSchema } = await import("connector-kit");
  const dir = mkdtempSync(join(tmpdir(), "ck-cold-"));
  try {
    const payloadFile = join(dir, "payload.json");
    const schemaFile = join(dir, "schema.json");
    writeFileSync(payloadFile, corpus()[0].text);
    writeFileSync(schemaFile, JSON.stringify(jsonSchema(), null, 2));
    const kinds = ["kit", "ajv", "node"];
    const samples = { kit: [], ajv: [], node: [] };
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const which = kinds[(i + k) % kinds.length];
        const out = execFileSync(process.execPath, [SELF, "--child", which, payloadFile, schemaFile], { encoding: "utf8" });
        samples[which].push(JSON.parse(out));
      }
    }
    const summary = {};
    for (const which of kinds) {
      const s = samples[which];
      summary[which] = {};
      for (const key of ["boot", "import", "setup", "first", "ours", "total"]) {
        const xs = s.map((x) => x[key]);
        summary[which][key] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
      }
    }
    return { runs, node: process.version, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function print(result, log = console.log) {
  const f = (x) => x.toFixed(1).padStart(8);
  log(`\nNode cold start, median of ${result.runs} fresh processes each (ms; [min–max] for "ours"), Node ${result.node}`);
  log(`${"".padEnd(14)}${"boot".padStart(8)}${"import".padStart(8)}${"setup".padStart(8)}${"first".padStart(8)}${"ours".padStart(8)}${"total".padStart(8)}`);
  for (const [label, which] of [["connector-kit", "kit"], ["ajv 8", "ajv"], ["node alone", "node"]]) {
    const s = result.summary[which];
    const range = which === "node" ? "" : `   [${s.ours.min.toFixed(1)}–${s.ours.max.toFixed(1)}]`;
    log(`${label.padEnd(14)}${f(s.boot.median)}${f(s.import.median)}${f(s.setup.median)}${f(s.first.median)}${f(s.ours.median)}${f(s.total.median)}${range}`);
  }
  log(`ours = import + setup + first validation; boot = Node's own start (process start → first line of script)`);
}

if (process.argv[1] === SELF) {
  const i = process.argv.indexOf("--child");
  if (i > 0) {
    await child(process.argv[i + 1], process.argv[i + 2], process.argv[i + 3]);
  } else {
    const r = process.argv.indexOf("--runs");
    const json = process.argv.includes("--json");
    const result = await run({ runs: r > 0 ? Number(process.argv[r + 1]) : 15 });
    if (json) console.log(JSON.stringify(result));
    else print(result);
  }
}

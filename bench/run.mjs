// `npm run bench`: throughput, cold start and download size, as one summary table.
//
//   node bench/run.mjs [--rounds N] [--runs N]
//
// Throughput and cold start run in their own child processes (the throughput one with
// --expose-gc, so each timed block starts after a GC), so neither disturbs the other.
// Sizes are read from the build output in pkg/: run `node scripts/build.mjs` first.

import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { print as printCold } from "./cold-start.mjs";
import { print as printThroughput } from "./validate.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const PKG = join(HERE, "..", "pkg");

// What a browser downloads for `import … from "connector-kit"` (index.js and what it imports;
// the manager module comes only on first use of ManagementClient or importOpenApi).
export const BROWSER_FILES = [
  "wasm/web/connector_kit_bg.wasm",
  "wasm/web/connector_kit.js",
  "wasm/api.js",
  "lib/heal.js",
  "lib/errors.js",
  "lib/manage.js",
  "index.js",
];

export const GOALS = { ratio: 1.5, gzipKiB: 80, coldMs: 30 };

/** Raw and gzip (zlib level 9) bytes of each browser file, and the totals. */
export function downloadSize() {
  const files = BROWSER_FILES.map((f) => {
    const bytes = readFileSync(join(PKG, f));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const built = statSync(join(PKG, BROWSER_FILES[0])).mtime;
  return { files, total, built: built.toISOString() };
}

function childJson(args) {
  const out = execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out.trim().split("\n").at(-1));
}

const passFail = (ok) => (ok ? "meets" : "misses");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pass = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? [name, process.argv[i + 1]] : [];
  };
  const size = downloadSize();
  console.log(`download size (pkg/ built ${size.built}), gzip level 9, per file:`);
  for (const f of size.files) console.log(`  ${f.file.padEnd(32)}${(f.raw / 1024).toFixed(1).padStart(8)} KiB raw${(f.gzip / 1024).toFixed(1).padStart(8)} KiB gzip`);
  console.log(`  ${"total".padEnd(32)}${(size.total.raw / 1024).toFixed(1).padStart(8)} KiB raw${(size.total.gzip / 1024).toFixed(1).padStart(8)} KiB gzip`);

  const throughput = childJson(["--expose-gc", join(HERE, "validate.mjs"), "--json", ...pass("--rounds")]);
  printThroughput(throughput);
  const cold = childJson([join(HERE, "cold-start.mjs"), "--json", ...pass("--runs")]);
  printCold(cold);

  const ratio = throughput.text.ratio;
  const kitCold = cold.summary.kit.ours.median;
  const ajvCold = cold.summary.ajv.ours.median;
  const gz = size.total.gzip / 1024;
  const rows = [
    ["throughput, validate(text) / ajv", `${ratio.median.toFixed(2)}× (IQR ${ratio.p25.toFixed(2)}–${ratio.p75.toFixed(2)})`, `≥ ${GOALS.ratio}×`, passFail(ratio.median >= GOALS.ratio)],
    ["throughput, validate(object) / ajv", `${throughput.object.ratio.median.toFixed(2)}×`, "", ""],
    ["cold start, connector-kit", `${kitCold.toFixed(1)} ms`, `≤ ${GOALS.coldMs} ms`, passFail(kitCold <= GOALS.coldMs)],
    ["cold start, ajv", `${ajvCold.toFixed(1)} ms`, "", ""],
    ["browser download (gzip -9)", `${gz.toFixed(1)} KiB`, `≤ ${GOALS.gzipKiB} KiB`, passFail(gz <= GOALS.gzipKiB)],
  ];
  console.log(`\nsummary (cold start = import + setup + first validate, median; Node's own ~${cold.summary.node.boot.median.toFixed(0)} ms boot excluded)`);
  console.log(`${"".padEnd(38)}${"measured".padEnd(30)}${"goal".padEnd(12)}`);
  for (const [what, value, goal, verdict] of rows) console.log(`${what.padEnd(38)}${value.padEnd(30)}${goal.padEnd(12)}${verdict}`);
}

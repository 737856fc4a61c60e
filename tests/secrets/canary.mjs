// Recognisable secrets ("canaries"), every form in which one could travel, and a scanner that
// says exactly where each was found. Not a test file: the suites in this folder import it.
//
// A canary's forms:
//   - the value itself (the canaries use only [A-Za-z0-9_-], so percent-encoding and JSON
//     escaping leave it unchanged and the raw form covers them);
//   - prefixed forms (`Bearer …`, a mutation prefix + the value), listed so a report names them;
//   - base64 and base64url, wherever the value sits inside the encoded text: for each of the three
//     alignments (0, 1 or 2 bytes before it), the run of encoded characters that depends on the
//     value alone. That covers `base64(value)`, `base64("user:" + value)`, `base64(value + ":")`
//     and any other encoding of a longer text holding it;
//   - those base64 runs percent-encoded (`+`, `/`, `=` in a URL or a form body).

const MIN_RUN = 12; // shorter base64 runs would match by chance

/** The base64 (std or url) runs that encode `value` at each byte alignment. */
function base64Runs(value) {
  const bytes = Buffer.from(value, "utf8");
  const runs = new Set();
  for (let align = 0; align < 3; align++) {
    const padded = Buffer.concat([Buffer.alloc(align, 0x41), bytes]);
    let text = padded.toString("base64").replace(/=+$/, "");
    // Drop the characters that also depend on the filler before or on what follows.
    const skip = align === 0 ? 0 : 4;
    const whole = Math.floor(padded.length / 3) * 4; // characters of complete 3-byte groups
    text = text.slice(skip, whole);
    if (text.length >= MIN_RUN) runs.add(text);
  }
  // The value encoded alone (with its padding) is the most common form: keep it whole too.
  runs.add(bytes.toString("base64"));
  const out = new Set();
  for (const run of runs) {
    out.add(run);
    out.add(run.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
    const pct = encodeURIComponent(run);
    if (pct !== run) out.add(pct);
  }
  return [...out];
}

/**
 * A canary: `{ name, value, kind, forms: [{ label, text }] }`. `prefixes` are texts that may be
 * put in front of it (`"Bearer "`, a mutation prefix); `pairs` are `user:pass` texts holding it
 * whose base64 is listed whole as well.
 */
export function canary(name, value, { kind, prefixes = [], pairs = [] } = {}) {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(value)) throw new Error(`canary ${name}: use 16+ characters of [A-Za-z0-9_-]`);
  const forms = [];
  for (const p of prefixes) forms.push({ label: `prefixed ${JSON.stringify(p)}`, text: `${p}${value}` });
  forms.push({ label: "as is", text: value });
  for (const pair of pairs) forms.push({ label: `base64 of ${JSON.stringify(pair.replace(value, "<value>"))}`, text: Buffer.from(pair).toString("base64") });
  for (const run of base64Runs(value)) forms.push({ label: "base64", text: run });
  return { name, value, kind, forms };
}

/**
 * Every occurrence of every canary in `text`: `[{ canary, form, index }]`, the most specific form
 * at each place (a prefixed form hides the bare value it contains).
 */
export function findIn(text, canaries) {
  const hits = [];
  if (typeof text !== "string" || text === "") return hits;
  for (const c of canaries) {
    const found = [];
    for (const form of c.forms) {
      let at = text.indexOf(form.text);
      while (at >= 0) {
        found.push({ canary: c, form, index: at, end: at + form.text.length });
        at = text.indexOf(form.text, at + 1);
      }
    }
    found.sort((a, b) => a.index - b.index || (b.end - b.index) - (a.end - a.index));
    let coveredTo = -1;
    for (const f of found) {
      if (f.end <= coveredTo) continue; // inside a longer form already reported
      hits.push(f);
      coveredTo = Math.max(coveredTo, f.end);
    }
  }
  return hits;
}

/** A short excerpt around a hit, with the secret itself shortened so the report leaks less. */
function excerpt(text, hit) {
  const before = text.slice(Math.max(0, hit.index - 60), hit.index);
  const after = text.slice(hit.end, hit.end + 60);
  const found = text.slice(hit.index, hit.end);
  const shown = found.length > 14 ? `${found.slice(0, 10)}…(${found.length} chars)` : found;
  return JSON.stringify(`${before}⟦${shown}⟧${after}`);
}

/**
 * A collection of everything observed: `add(where, text, tags)`. `where` names the place
 * precisely (process and stream, file path, request number and part, storage key); `tags` say
 * what kind of place it is, for the policy.
 */
export class Evidence {
  constructor() {
    this.items = [];
  }

  add(where, text, tags = []) {
    if (text === undefined || text === null) return;
    const s = typeof text === "string" ? text : Buffer.isBuffer(text) ? text.toString("latin1") : JSON.stringify(text);
    this.items.push({ where, text: s, tags: new Set(tags) });
  }

  /** Texts under a `where` prefix (for assertions that something was collected). */
  count(prefix) {
    return this.items.filter((i) => i.where.startsWith(prefix)).length;
  }

  /**
   * Scans everything. `policy(canary, item, hit)` returns true where that canary may appear.
   * Returns `{ leaks: [...lines], allowed: Map(canary name -> [where…]) }`.
   */
  scan(canaries, policy) {
    const leaks = [];
    const allowed = new Map(canaries.map((c) => [c.name, []]));
    for (const item of this.items) {
      for (const hit of findIn(item.text, canaries)) {
        if (policy(hit.canary, item, hit)) {
          allowed.get(hit.canary.name).push(item.where);
        } else {
          leaks.push(`${hit.canary.name} (${hit.form.label}) found in ${item.where} [${[...item.tags].join(", ") || "untagged"}] at offset ${hit.index}: ${excerpt(item.text, hit)}`);
        }
      }
    }
    return { leaks, allowed };
  }
}

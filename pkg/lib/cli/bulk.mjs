// Many API calls at once, but not too many: a fixed number of workers take the next item until
// none are left. Every outcome is kept, in input order, so failures are reported at the end
// without losing the successes.
import { EXIT, UsageError } from "./command.mjs";
import { errorLines } from "./plan-view.mjs";
import { progressBar } from "./progress.mjs";

export const DEFAULT_CONCURRENCY = 4;

/**
 * @template T, R
 * @param {T[]} items
 * @param {(item: T) => Promise<R>} work
 * @param {{ concurrency?: number, term: object, label: string }} options
 * @returns {Promise<({ item: T, ok: true, value: R } | { item: T, ok: false, error: unknown })[]>}
 */
export async function runAll(items, work, { concurrency = DEFAULT_CONCURRENCY, term, label }) {
  const outcomes = new Array(items.length);
  const progress = progressBar(term, items.length, { label });
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { item: items[index], ok: true, value: await work(items[index]) };
      } catch (error) {
        outcomes[index] = { item: items[index], ok: false, error };
      }
      progress.tick(outcomes[index].ok);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  progress.done();
  return outcomes;
}

/** `--concurrency N`: a whole number from 1 to 32. */
export function concurrencyOf(text) {
  if (text === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= 32) return n;
  throw new UsageError(`--concurrency must be a whole number from 1 to 32, got "${text}"`);
}

/**
 * The end of a bulk run: each success on stdout, then every failure on stderr (planning errors,
 * failed requests, unreadable files). Answers the exit code: 2 if a file could not be read,
 * 1 if anything else failed, 0 otherwise.
 * @param {{ errors: object[], outcomes: object[], problems?: Error[],
 *   success: (outcome) => string, failure: (outcome) => { message: string, hint?: string } }} run
 */
export function reportOutcomes(term, { errors, outcomes, problems = [], success, failure }) {
  for (const o of outcomes.filter((x) => x.ok)) term.out(success(o));
  const failures = [...errors, ...outcomes.filter((o) => !o.ok).map(failure), ...problems.map((p) => ({ message: p.message }))];
  if (failures.length) {
    term.err(`\n${failures.length} failed:`);
    for (const f of failures) term.err(errorLines(f, term.colourErr).join("\n"));
  }
  if (problems.length) return EXIT.usage;
  return failures.length ? EXIT.failed : EXIT.ok;
}

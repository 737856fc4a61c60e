// Asking before a write. --yes answers for CI; without it a person must be there to ask (stdin
// and stderr both terminals), else the command refuses (exit 2) rather than guess.
import { createInterface } from "node:readline/promises";
import { EXIT, UsageError } from "./command.mjs";

/**
 * @param {object} term
 * @param {{ yes?: boolean, what: string, expect?: string, question?: string }} options
 *   `what`: the write, for the refusal ("write to prod"); `expect`: text the person must type
 *   (Production, delete) instead of answering y/N to `question`.
 * @returns {Promise<boolean>} whether to go ahead
 */
export async function confirm(term, { yes, what, expect, question }) {
  if (yes) return true;
  if (!term.interactive) {
    throw new UsageError(`refusing to ${what} without --yes: there is no terminal to confirm on`, "add --yes to go ahead (e.g. in CI), or --dry-run to see the plan only");
  }
  const prompt = expect !== undefined ? `Type "${expect}" to ${what}: ` : `${question ?? `${what}?`} [y/N] `;
  const answer = (await ask(term, prompt)).trim();
  return expect !== undefined ? answer === expect : /^y(es)?$/i.test(answer);
}

/** One line from stdin; an end of input (Ctrl-D) is an empty answer. */
async function ask(term, prompt) {
  const rl = createInterface({ input: term.stdin, output: term.stderr, terminal: true });
  const closed = new Promise((resolve) => rl.once("close", () => resolve("")));
  try {
    return await Promise.race([rl.question(prompt), closed]);
  } finally {
    rl.close();
  }
}

/** Confirms `count` writes to `env`: y/N, or typing the environment's name for Production. */
export function confirmWrites(term, env, count, yes) {
  const things = `${count} connector${count === 1 ? "" : "s"}`;
  const what = `write ${things} to ${env.name}`;
  return confirm(term, env.production ? { yes, what, expect: env.name } : { yes, what, question: `Write ${things} to ${env.name}?` });
}

/** What a command says and answers when the person said no. */
export function declined(term) {
  term.err("not confirmed: nothing was written");
  return EXIT.failed;
}

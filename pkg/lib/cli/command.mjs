// One command = usage text + parseArgs options + run(). defineCommand turns that into the
// (argv) => exit code function the bin's COMMANDS table expects, and maps failures to exit codes:
// 2 for usage and I/O problems (UsageError, an environment that is not configured), 1 for a
// ConnectorError (the package or the API refused), anything else is a bug and propagates.
import { parseArgs } from "node:util";
import { createTerminal } from "./terminal.mjs";

export const EXIT = { ok: 0, failed: 1, usage: 2 };

/** A problem with the command line or the files it names: exit 2. */
export class UsageError extends Error {
  constructor(message, hint) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

/**
 * @param {{ name: string, usage: string, options?: object, positionals?: [number, number],
 *   run: (args: { values: object, positionals: string[] }, term: object) => Promise<number> | number }} spec
 */
export function defineCommand({ name, usage, options = {}, positionals = [0, Infinity], run }) {
  return async (argv, term = createTerminal()) => {
    try {
      const args = parse(name, argv, options, positionals);
      if (args === "help") {
        term.stdout.write(usage.endsWith("\n") ? usage : `${usage}\n`);
        return EXIT.ok;
      }
      return await run(args, term);
    } catch (error) {
      return report(name, error, term);
    }
  };
}

function parse(name, argv, options, [min, max]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, ""), helpHint(name));
  }
  if (parsed.values.help) return "help";
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(min === 1 && max === 1 ? "missing argument" : `needs at least ${min} argument${min === 1 ? "" : "s"}`, helpHint(name));
  if (count > max) throw new UsageError(`unexpected argument: ${parsed.positionals[max]}`, helpHint(name));
  return parsed;
}

/** Prints a failure the way every command does and answers its exit code. */
export function report(name, error, term) {
  const usageLike = error instanceof UsageError || error?.code === "usage";
  if (!usageLike && error?.name !== "ConnectorError") throw error;
  term.err(`connector-kit ${name}: ${error.message}`);
  if (error.hint && !error.message.includes(error.hint)) term.err(`  hint: ${error.hint}`);
  return usageLike ? EXIT.usage : EXIT.failed;
}

function helpHint(name) {
  return `see connector-kit ${name} --help`;
}

/** `--set k=v` (repeatable) as an object; the value may hold `=`, a name may not repeat. */
export function parseSets(list = []) {
  const values = {};
  for (const item of list) {
    const at = item.indexOf("=");
    // The text given is not repeated: without its name, it may be a secret value alone.
    if (at <= 0) throw new UsageError(`--set expects NAME=VALUE, got ${at < 0 ? 'no "="' : "no name before \"=\""}`, "e.g. --set domain=acme.freshdesk.com");
    const key = item.slice(0, at);
    if (Object.hasOwn(values, key)) throw new UsageError(`--set ${key} is given twice`, "give each value once");
    values[key] = item.slice(at + 1);
  }
  return values;
}

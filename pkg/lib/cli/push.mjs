// `connector-kit push FILE... [--env NAME] [--yes] [--dry-run] [--concurrency N]`
import { concurrencyOf, reportOutcomes, runAll } from "./bulk.mjs";
import { defineCommand, EXIT } from "./command.mjs";
import { confirmWrites, declined } from "./confirm.mjs";
import { collectFiles } from "./files.mjs";
import { entryLines } from "./plan-view.mjs";
import { connect, describeFailure } from "./remote.mjs";
import { planFiles } from "./sync-plan.mjs";

const USAGE = `Usage: connector-kit push FILE|DIR... [--env NAME] [--yes] [--dry-run] [--concurrency N]

Creates or updates connectors from files. Each file is validated first (a file with errors is
not sent) and matched to a connector by its exact display_name: no match creates one, a match
is updated (the whole connector is replaced; keys the server holds that the file lacks are kept).
The plan is shown, then confirmed: y/N on a terminal, typing the environment's name for
Production; --yes confirms (CI). Without a terminal and without --yes, push refuses (exit 2).

Options:
  --env NAME         the environment (SCALEKIT_<NAME>_ENVIRONMENT_URL, …); default: the only one
  --yes, -y          do not ask
  --dry-run, -n      show the plan only
  --concurrency N    parallel requests (default 4)

Exit: 0 all done, 1 a file was invalid or a request failed (every failure is listed at the end,
the successes stand), 2 usage or I/O problems, or a refused confirmation without a terminal.`;

export const pushCommand = defineCommand({
  name: "push",
  usage: USAGE,
  options: {
    env: { type: "string", short: "e" },
    yes: { type: "boolean", short: "y", default: false },
    "dry-run": { type: "boolean", short: "n", default: false },
    concurrency: { type: "string" },
  },
  positionals: [1, Infinity],
  async run({ values, positionals }, term) {
    const concurrency = concurrencyOf(values.concurrency);
    const { env, client, label } = connect(values.env, term);
    const { files, problems } = await collectFiles(positionals);
    const { entries, problems: unreadable } = await planFiles(files, client, { requireValid: true });
    problems.push(...unreadable);

    term.out(`push to ${label}`);
    for (const entry of entries) term.out(entryLines(entry, term.colour, term.columns).join("\n"));
    const todo = entries.filter((e) => e.plan && e.plan.action !== "none");
    let outcomes = [];
    if (todo.length === 0) term.out("nothing to push");
    else if (values["dry-run"]) term.out(`dry run: ${todo.length} change${todo.length === 1 ? "" : "s"} not sent`);
    else if (await confirmWrites(term, env, todo.length, values.yes)) outcomes = await apply(todo, client, { concurrency, term });
    else return declined(term);
    return finish(term, entries, outcomes, problems);
  },
});

function apply(todo, client, { concurrency, term }) {
  const send = (entry) => (entry.plan.action === "create"
    ? client.create(entry.payload)
    : client.update(entry.match.identifier, entry.payload));
  return runAll(todo, send, { concurrency, term, label: "pushing" });
}

function finish(term, entries, outcomes, problems) {
  return reportOutcomes(term, {
    errors: entries.filter((e) => e.error).map((e) => e.error),
    outcomes,
    problems,
    success: ({ item, value }) => `${item.plan.action === "create" ? "created" : "updated"} "${value.display_name}" (${value.identifier}) from ${item.file}`,
    failure: ({ item, error }) => ({
      message: `${item.file}: ${item.plan.action} "${item.payload.display_name}" failed: ${describeFailure(error)}`,
      hint: hintOf(error),
    }),
  });
}

/**
 * When a write's outcome is uncertain the client says to check with `list()`, its own API. Here
 * the check is built in: push compares each file with what the server holds before sending.
 */
function hintOf(error) {
  const hint = error?.hint;
  if (typeof hint !== "string" || !hint.includes("list()")) return hint;
  const doubt = error.code === "bad-response" ? "the change was probably made" : "the change may or may not have been made";
  return `${doubt}: run the same push again, which compares each file with what the server now holds, so nothing is done twice`;
}

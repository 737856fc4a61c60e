// `connector-kit promote --from dev --to prod NAME... [--yes] [--dry-run] [--concurrency N]`
// The source environment's connector is the source of truth; planPromotion gives the three
// columns (Dev | Production now | proposed) and the exact request, which is shown before anything
// is sent.
import { planPromotion } from "connector-kit";
import { concurrencyOf, reportOutcomes, runAll } from "./bulk.mjs";
import { defineCommand, UsageError } from "./command.mjs";
import { confirmWrites, declined } from "./confirm.mjs";
import { summaryLines, threeColumns } from "./plan-view.mjs";
import { connect, describeFailure, findConnector } from "./remote.mjs";

const USAGE = `Usage: connector-kit promote --from ENV --to ENV NAME... [--yes] [--dry-run] [--concurrency N]

Copies connectors (by display name or identifier in --from) to another environment: each is
created there, or updated to match (matched by display name). For each, a three-column view
(source | target now | proposed), the summary and the exact request are shown, then confirmed:
typing the target's name when it is Production, y/N otherwise; --yes confirms (CI). Without a
terminal and without --yes, promote refuses (exit 2).

Options:
  --from ENV, --to ENV   environments by name (SCALEKIT_<NAME>_ENVIRONMENT_URL, …)
  --yes, -y              do not ask
  --dry-run, -n          show the plans and the request bodies only
  --concurrency N        parallel requests (default 4)

Exit: 0 done, 1 a name was not found or a request failed (all listed at the end), 2 usage.`;

export const promoteCommand = defineCommand({
  name: "promote",
  usage: USAGE,
  options: {
    from: { type: "string" },
    to: { type: "string" },
    yes: { type: "boolean", short: "y", default: false },
    "dry-run": { type: "boolean", short: "n", default: false },
    concurrency: { type: "string" },
  },
  positionals: [1, Infinity],
  async run({ values, positionals }, term) {
    const concurrency = concurrencyOf(values.concurrency);
    if (!values.from || !values.to) throw new UsageError("promote needs --from and --to", "e.g. --from dev --to prod");
    const source = connect(values.from, term);
    const target = connect(values.to, term);
    if (source.env.name === target.env.name) throw new UsageError(`--from and --to are both "${source.env.name}"`);
    const entries = await planAll(positionals, source, target);

    term.out(`promote from ${source.label} to ${target.label}`);
    const names = { columns: term.columns, source: source.env.name, target: target.env.name };
    for (const entry of entries) term.out(view(entry, term, names, values["dry-run"]).join("\n"));
    const todo = entries.filter((e) => e.plan && e.plan.action !== "none");
    let outcomes = [];
    if (todo.length === 0) term.out("nothing to promote");
    else if (values["dry-run"]) term.out(`dry run: ${todo.length} change${todo.length === 1 ? "" : "s"} not sent`);
    else if (await confirmWrites(term, target.env, todo.length, values.yes)) outcomes = await apply(todo, target.client, { concurrency, term });
    else return declined(term);
    return reportOutcomes(term, {
      errors: entries.filter((e) => e.error).map((e) => e.error),
      outcomes,
      success: ({ item, value }) => `${item.plan.action === "create" ? "created" : "updated"} "${value.display_name}" (${value.identifier}) in ${target.env.name}`,
      failure: ({ item, error }) => ({ message: `${item.name}: ${item.plan.action} in ${target.env.name} failed: ${describeFailure(error)}`, hint: error?.hint }),
    });
  },
});

async function planAll(names, source, target) {
  const [sourceList, targetList] = await Promise.all([source.client.list(), target.client.list()]);
  return Promise.all(names.map(async (name) => {
    const from = findConnector(sourceList, name);
    if (!from) return { name, error: await notFound(name, source) };
    const now = targetList.find((c) => c.display_name === from.display_name) ?? null;
    try {
      return { name, from, plan: planPromotion(from, now) };
    } catch (error) {
      if (error?.name !== "ConnectorError") throw error;
      return { name, error: { message: `${name}: ${error.message}`, hint: error.hint } };
    }
  }));
}

async function notFound(name, source) {
  const near = await source.client.similarNames(name).catch(() => []);
  const hint = near.length ? `did you mean ${near.slice(0, 3).map((n) => `"${n}"`).join(", ")}?` : `connector-kit pull --env ${source.env.name} lists them`;
  return { message: `${name}: no connector with that display name or identifier in ${source.env.name}`, hint };
}

function view(entry, term, names, withBody) {
  if (entry.error) return [`${term.colour("red", "cannot promote:")} ${entry.error.message}`];
  const { plan, from } = entry;
  const title = `${term.colour("bold", JSON.stringify(from.display_name))}: ${plan.action === "none" ? "already the same" : plan.action}`;
  if (plan.action === "none") return [title];
  const lines = [title, ...threeColumns(plan.rows, term.colour, names), ...summaryLines(plan.summary)];
  lines.push(`  request: ${plan.request.method} ${plan.request.path}`);
  if (withBody) lines.push(JSON.stringify(plan.request.body, null, 2).replace(/^/gm, "    "));
  return lines;
}

function apply(todo, client, { concurrency, term }) {
  const send = ({ plan }) => (plan.action === "create" ? client.create(plan.request.body) : client.update(plan.identifier, plan.request.body));
  return runAll(todo, send, { concurrency, term, label: "promoting" });
}

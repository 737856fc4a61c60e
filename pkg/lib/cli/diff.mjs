// `connector-kit diff FILE... [--env NAME] [--exit-code] [--json]`
import { defineCommand, EXIT } from "./command.mjs";
import { collectFiles } from "./files.mjs";
import { entryLines, errorLines } from "./plan-view.mjs";
import { connect } from "./remote.mjs";
import { planFiles } from "./sync-plan.mjs";

const USAGE = `Usage: connector-kit diff FILE|DIR... [--env NAME] [--exit-code] [--json]

Shows what push would change: per file, "create", "unchanged", or the changes of an update
with their impact on existing connections, and the summary (display_name, description,
auth_patterns, proxy_url, proxy_enabled, scopes added/removed). Nothing is written.

Options:
  --env NAME     the environment; default: the only one configured
  --exit-code    exit 1 when push would change anything (as git diff --exit-code)
  --json         print [{file, action, identifier?, changes, summary, valid}] instead

Exit: 0 (also when there are differences, unless --exit-code), 1 a file or the API failed,
2 usage or I/O problems.`;

export const diffCommand = defineCommand({
  name: "diff",
  usage: USAGE,
  options: {
    env: { type: "string", short: "e" },
    "exit-code": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
  positionals: [1, Infinity],
  async run({ values, positionals }, term) {
    const { client, label } = connect(values.env, term);
    const { files, problems } = await collectFiles(positionals);
    const { entries, problems: unreadable } = await planFiles(files, client, { requireValid: false });
    problems.push(...unreadable);
    if (values.json) term.out(JSON.stringify(entries.filter((e) => e.plan).map(jsonOf), null, 2));
    else show(term, label, entries);
    const failures = entries.filter((e) => e.error);
    for (const f of failures) term.err(errorLines(f.error, term.colourErr).join("\n"));
    for (const p of problems) term.err(`connector-kit diff: ${p.message}`);
    if (problems.length) return EXIT.usage;
    const differs = entries.some((e) => e.plan && e.plan.action !== "none");
    return failures.length || (values["exit-code"] && differs) ? EXIT.failed : EXIT.ok;
  },
});

function show(term, label, entries) {
  term.out(`diff against ${label}`);
  for (const entry of entries.filter((e) => e.plan)) term.out(entryLines(entry, term.colour, term.columns).join("\n"));
}

function jsonOf({ file, plan, match, report }) {
  const out = { file, action: plan.action };
  if (match) out.identifier = match.identifier;
  return { ...out, changes: plan.changes, summary: plan.summary, valid: report.valid };
}

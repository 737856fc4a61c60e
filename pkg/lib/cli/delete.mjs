// `connector-kit delete NAME [--env NAME] [--yes] [--dry-run]`
import { defineCommand, EXIT } from "./command.mjs";
import { confirm, declined } from "./confirm.mjs";
import { connect, describeFailure, findConnector } from "./remote.mjs";

const USAGE = `Usage: connector-kit delete NAME [--env NAME] [--yes] [--dry-run]

Deletes one custom connector, found by display name or identifier. Shows the request, then asks
for the connector's display name to be typed; --yes skips that (CI). Without a terminal and
without --yes, delete refuses (exit 2). A connector that still has connections cannot be
deleted: delete its connections and connected accounts first.

Options:
  --env NAME     the environment; default: the only one configured
  --yes, -y      do not ask
  --dry-run, -n  show the request only

Exit: 0 deleted (or dry run), 1 not found, refused by the server, or not confirmed, 2 usage.`;

export const deleteCommand = defineCommand({
  name: "delete",
  usage: USAGE,
  options: {
    env: { type: "string", short: "e" },
    yes: { type: "boolean", short: "y", default: false },
    "dry-run": { type: "boolean", short: "n", default: false },
  },
  positionals: [1, 1],
  async run({ values, positionals: [name] }, term) {
    const { env, client, label } = connect(values.env, term);
    const connector = findConnector(await client.list(), name);
    if (!connector) return notFound(term, client, name, env);
    const { identifier, display_name: displayName } = connector;
    term.out(`delete "${displayName}" (${identifier}) from ${label}`);
    term.out(`  request: DELETE /api/v1/custom-providers/${encodeURIComponent(identifier)}`);
    if (values["dry-run"]) {
      term.out("dry run: nothing deleted");
      return EXIT.ok;
    }
    if (!await confirm(term, { yes: values.yes, what: `delete "${displayName}" from ${env.name}`, expect: displayName })) return declined(term);
    try {
      await client.delete(identifier);
    } catch (error) {
      if (error?.name !== "ConnectorError") throw error;
      return failed(term, error, displayName);
    }
    term.out(`deleted "${displayName}" (${identifier}) from ${env.name}`);
    return EXIT.ok;
  },
});

async function notFound(term, client, name, env) {
  const near = await client.similarNames(name).catch(() => []);
  term.err(`connector-kit delete: no connector "${name}" in ${env.name}`);
  if (near.length) term.err(`  hint: did you mean ${near.slice(0, 3).map((n) => `"${n}"`).join(", ")}?`);
  return EXIT.failed;
}

/** The one failure people hit most gets its own explanation. */
function failed(term, error, displayName) {
  term.err(`connector-kit delete: ${describeFailure(error)}`);
  if (/existing connections/i.test(error.message)) {
    term.err(`  "${displayName}" still has connections. Delete its connections and connected accounts first`);
    term.err("  (in the dashboard), then run delete again.");
  } else if (error.hint) {
    term.err(`  hint: ${error.hint}`);
  }
  return EXIT.failed;
}

// `connector-kit pull [DIR] [--env NAME]`
import fs from "node:fs/promises";
import path from "node:path";
import { defineCommand, EXIT } from "./command.mjs";
import { fileNameFor, formatPayload, payloadOf } from "./connector-files.mjs";
import { describe, FileProblem, writeWhole } from "./files.mjs";
import { connect } from "./remote.mjs";

const USAGE = `Usage: connector-kit pull [DIR] [--env NAME]

Writes each custom connector of the environment as DIR/<identifier>.json (default DIR: the
current folder; created if missing): the payload only, pretty-printed, ready for diff and push.
The server's own keys (id, identifier, is_custom, …) and its empty defaults (description "",
icon_src "", metadata {}) are left out. Existing files of the same name are overwritten; other
files are left alone.

Exit: 0 written, 1 the API failed, 2 usage or I/O problems.`;

export const pullCommand = defineCommand({
  name: "pull",
  usage: USAGE,
  options: { env: { type: "string", short: "e" } },
  positionals: [0, 1],
  async run({ values, positionals }, term) {
    const dir = positionals[0] ?? ".";
    const { client, label } = connect(values.env, term);
    const connectors = await client.list();
    await fs.mkdir(dir, { recursive: true }).catch((error) => {
      throw new FileProblem(dir, describe(error));
    });
    const counts = { new: 0, updated: 0, unchanged: 0 };
    for (const connector of connectors) {
      const file = path.join(dir, fileNameFor(connector.identifier));
      const state = await writeIfChanged(file, formatPayload(payloadOf(connector)));
      counts[state] += 1;
      term.out(`${state.padEnd(9)} ${file}  ${JSON.stringify(connector.display_name)}`);
    }
    term.out(`pulled ${connectors.length} connector${connectors.length === 1 ? "" : "s"} from ${label}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged`);
    return EXIT.ok;
  },
});

async function writeIfChanged(file, text) {
  const before = await fs.readFile(file, "utf8").catch(() => null);
  if (before === text) return "unchanged";
  await writeWhole(file, text);
  return before === null ? "new" : "updated";
}

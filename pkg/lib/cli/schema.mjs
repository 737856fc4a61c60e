// `connector-kit schema`
import { jsonSchema } from "connector-kit";
import { defineCommand, EXIT } from "./command.mjs";

const USAGE = `Usage: connector-kit schema

Prints the JSON Schema (2020-12) of the connector payload, for editors and other tools:
  connector-kit schema > connector.schema.json`;

export const schemaCommand = defineCommand({
  name: "schema",
  usage: USAGE,
  positionals: [0, 0],
  run(_, term) {
    term.out(JSON.stringify(jsonSchema(), null, 2));
    return EXIT.ok;
  },
});

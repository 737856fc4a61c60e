#!/usr/bin/env node
// connector-kit <command> [options]: a small dispatcher. To add a command, add one row to COMMANDS:
// `load` resolves to a function (argv: string[]) => number | Promise<number> (the exit code);
// modules are imported lazily so one command never pays for another.

const COMMANDS = {
  emulator: {
    summary: "run a local, in-memory management API on 127.0.0.1",
    load: async () => (await import("../lib/emulator.mjs")).emulatorCommand,
  },
  serve: {
    summary: "serve the connector builder page on 127.0.0.1 (embedded emulators or your environments)",
    load: async () => (await import("../lib/serve/index.mjs")).serveCommand,
  },
  lint: {
    summary: "validate connector files and folders (pretty, json, github, sarif output)",
    load: async () => (await import("../lib/cli/lint.mjs")).lintCommand,
  },
  new: {
    summary: "print a new connector payload, from a preset or from flags",
    load: async () => (await import("../lib/cli/new.mjs")).newCommand,
  },
  render: {
    summary: "print a connector file's proxy_url filled with --set values",
    load: async () => (await import("../lib/cli/render.mjs")).renderCommand,
  },
  preview: {
    summary: "print the request the proxy would send, as curl (secrets masked)",
    load: async () => (await import("../lib/cli/render.mjs")).previewCommand,
  },
  schema: {
    summary: "print the JSON Schema of the payload",
    load: async () => (await import("../lib/cli/schema.mjs")).schemaCommand,
  },
  pull: {
    summary: "write an environment's custom connectors as files",
    load: async () => (await import("../lib/cli/pull.mjs")).pullCommand,
  },
  diff: {
    summary: "show what push would change",
    load: async () => (await import("../lib/cli/diff.mjs")).diffCommand,
  },
  push: {
    summary: "create or update connectors from files (plan, confirm, apply)",
    load: async () => (await import("../lib/cli/push.mjs")).pushCommand,
  },
  promote: {
    summary: "copy connectors from one environment to another (Dev | Production | proposed)",
    load: async () => (await import("../lib/cli/promote.mjs")).promoteCommand,
  },
  delete: {
    summary: "delete a connector (asks for its name to be typed)",
    load: async () => (await import("../lib/cli/delete.mjs")).deleteCommand,
  },
  "import-openapi": {
    summary: "a connector payload from an OpenAPI 3.x / Swagger 2.0 document (file or URL, JSON or YAML)",
    load: async () => (await import("../lib/cli/import-openapi.mjs")).importOpenApiCommand,
  },
  "mcp-check": {
    summary: "check an MCP server's OAuth discovery and print the connector payload that fits",
    load: async () => (await import("../lib/cli/mcp-check.mjs")).mcpCheckCommand,
  },
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: connector-kit <command> [options]\n\nCommands:\n${rows.join("\n")}\n\n`
    + "Run `connector-kit <command> --help` for a command's options.\n";
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(usage());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name ?? "") ? COMMANDS[name] : null;
  if (!command) {
    process.stderr.write(`${name === undefined ? "connector-kit: missing command" : `connector-kit: unknown command: ${name}`}\n\n${usage()}`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => {
    process.stderr.write(`connector-kit: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);

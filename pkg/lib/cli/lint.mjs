// `connector-kit lint <file|dir>... [--format pretty|json|github|sarif]`
import { validate } from "connector-kit";
import { defineCommand, EXIT, UsageError } from "./command.mjs";
import { collectFiles, readText } from "./files.mjs";
import { formatGithub } from "./lint-github.mjs";
import { formatPretty } from "./lint-pretty.mjs";
import { formatSarif } from "./lint-sarif.mjs";
import { progressBar } from "./progress.mjs";

const USAGE = `Usage: connector-kit lint <file|dir>... [--format pretty|json|github|sarif]

Validates connector payload files. A folder means every *.json file below it
(recursive, sorted; node_modules and .git skipped).

Options:
  --format F   pretty (default), json, github (workflow annotations), sarif (SARIF 2.1.0)

Exit: 0 no errors (warnings and infos allowed), 1 errors, 2 usage or I/O problems
(a file that cannot be read is reported on stderr and the others are still linted).`;

const FORMATS = ["pretty", "json", "github", "sarif"];

export const lintCommand = defineCommand({
  name: "lint",
  usage: USAGE,
  options: { format: { type: "string", short: "f", default: "pretty" } },
  positionals: [1, Infinity],
  async run({ values, positionals }, term) {
    if (!FORMATS.includes(values.format)) {
      throw new UsageError(`unknown format "${values.format}"`, `use one of ${FORMATS.join(", ")}`);
    }
    const { files, problems } = await collectFiles(positionals);
    if (files.length === 0 && problems.length === 0) {
      throw new UsageError(`no *.json files found in ${positionals.join(", ")}`, "name files, or folders that hold *.json files");
    }
    const results = await lintAll(files, problems, term);
    for (const p of problems) term.err(`connector-kit lint: ${p.message}`);
    term.stdout.write(format(values.format, results, problems, term));
    if (problems.length) return EXIT.usage;
    return results.some((r) => !r.valid) ? EXIT.failed : EXIT.ok;
  },
});

/** Validates each file in order; an unreadable one joins `problems` and the rest go on. */
async function lintAll(files, problems, term) {
  const progress = progressBar(term, files.length, { label: "linting", min: 50 });
  const results = [];
  for (const file of files) {
    try {
      const source = await readText(file);
      const report = validate(source);
      // Only pretty output needs the text, and only for files with something to show.
      results.push({ file, ...report, source: report.diagnostics.length ? source : "" });
    } catch (error) {
      if (error.name !== "FileProblem") throw error;
      problems.push(error);
    }
    progress.tick();
  }
  progress.done();
  return results;
}

function format(name, results, problems, term) {
  switch (name) {
    case "json":
      return `${JSON.stringify(results.map(({ file, valid, diagnostics }) => ({ file, valid, diagnostics })), null, 2)}\n`;
    case "github":
      return formatGithub(results);
    case "sarif":
      return formatSarif(results, problems);
    default:
      return formatPretty(results, { paint: term.colour, fileCount: results.length, problemCount: problems.length });
  }
}

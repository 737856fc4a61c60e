// Files on disk: which *.json files a list of paths means, reading them as UTF-8 text, and
// writing them whole (temp file + rename, so a reader never sees half a file).
import fs from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./command.mjs";

const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** An I/O problem with one path (exit 2); where there are several files, the others go on. */
export class FileProblem extends UsageError {
  constructor(file, message) {
    super(`${file}: ${message}`);
    this.name = "FileProblem";
    this.file = file;
  }
}

/**
 * The files `args` name: a file as given (whatever its extension), a folder as every `*.json`
 * below it (recursive, sorted by name at each level, skipping node_modules and .git, not
 * following symlinked folders). Each file once, first mention wins.
 * @returns {Promise<{ files: string[], problems: FileProblem[] }>}
 */
export async function collectFiles(args) {
  const files = [];
  const problems = [];
  const seen = new Set();
  const add = (file) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch((error) => error);
    if (stat instanceof Error) problems.push(new FileProblem(arg, describe(stat)));
    else if (stat.isDirectory()) await walk(arg, add, problems);
    else add(arg);
  }
  return { files, problems };
}

async function walk(dir, add, problems) {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error) => error);
  if (entries instanceof Error) {
    problems.push(new FileProblem(dir, describe(entries)));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, add, problems);
    } else if (entry.name.endsWith(".json") && (entry.isFile() || await isFileLink(full))) {
      add(full);
    }
  }
}

async function isFileLink(file) {
  const stat = await fs.stat(file).catch(() => null);
  return Boolean(stat?.isFile());
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The file's text (a leading BOM dropped); throws a FileProblem when it cannot be read. */
export async function readText(file) {
  let bytes;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new FileProblem(file, describe(error));
  }
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new FileProblem(file, "not UTF-8 text");
  }
}

/** Writes `text` to `file` whole: a temp file beside it, then a rename. */
export async function writeWhole(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new FileProblem(file, describe(error));
  }
}

/** A short reason for a filesystem error, without a stack. */
export function describe(error) {
  const reasons = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "a part of the path is not a directory",
    EMFILE: "too many open files",
  };
  return reasons[error?.code] ?? error?.message ?? String(error);
}

/** A path for reports and annotations: relative to the working directory when inside it, `/`-separated. */
export function portablePath(file) {
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
  return shown.split(path.sep).join("/");
}

// --data FILE: load at start, save atomically after each successful write
// (temp file in the same directory, fsync, rename, then fsync the directory where supported).

import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** The parsed file, or null when it does not exist. Throws on unreadable or invalid JSON. */
export function readDataFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw new Error(`cannot read data file ${file}: ${err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`data file ${file} is not valid JSON: ${err.message}`);
  }
}

/** Writes `data` as JSON to `file` atomically: readers see the old or the new file, never a mix. */
export function writeDataFileAtomic(file, data) {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const text = `${JSON.stringify(data, null, 2)}\n`;
  let fd;
  try {
    fd = fs.openSync(tmp, "wx", 0o600);
    fs.writeFileSync(fd, text, "utf8");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch { /* already failing */ }
    }
    try { fs.unlinkSync(tmp); } catch { /* may not exist */ }
    throw err;
  }
  fsyncDirectory(dir);
}

function fsyncDirectory(dir) {
  let fd;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not supported everywhere (e.g. Windows); the rename itself is still atomic.
  } finally {
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch { /* ignore */ }
    }
  }
}

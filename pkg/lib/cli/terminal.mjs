// What a command writes to, and how: stdout for results, stderr for everything else, colour
// only on a TTY (never with NO_COLOR or TERM=dumb; FORCE_COLOR=1 forces it on, NO_COLOR wins),
// and every known secret replaced before it reaches either stream.
import { styleText } from "node:util";

/** A terminal over the process streams (or others, for tests). */
export function createTerminal({ stdout = process.stdout, stderr = process.stderr, stdin = process.stdin, env = process.env } = {}) {
  const secrets = new Set();
  const redact = (text) => {
    let out = String(text);
    for (const s of secrets) out = out.replaceAll(s, "[redacted]");
    return out;
  };
  return {
    stdin,
    stdout,
    stderr,
    /** Both ends are terminals: a person can be asked. */
    interactive: Boolean(stdin.isTTY && stderr.isTTY),
    stderrIsTTY: Boolean(stderr.isTTY),
    columns: stdout.columns || stderr.columns || 100,
    colour: colourFor(stdout, env),
    colourErr: colourFor(stderr, env),
    out: (text = "") => stdout.write(`${redact(text)}\n`),
    err: (text = "") => stderr.write(`${redact(text)}\n`),
    /** Raw stderr write (progress bars), redacted too. */
    errRaw: (text) => stderr.write(redact(text)),
    hideSecret: (secret) => { if (secret) secrets.add(secret); },
  };
}

/** `paint(format, text)` for one stream: styleText when colour is on, identity otherwise. */
function colourFor(stream, env) {
  const on = colourEnabled(stream, env);
  return (format, text) => (on ? styleText(format, String(text), { validateStream: false }) : String(text));
}

function colourEnabled(stream, env) {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

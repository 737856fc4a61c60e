// A one-line progress bar on stderr, redrawn in place; only on a TTY, so logs and pipes stay clean.

const WIDTH = 24;
const NONE = { tick() {}, done() {} };

/**
 * @param {object} term the terminal (see terminal.mjs)
 * @param {number} total how many items
 * @param {{ label: string, min?: number }} options `min`: fewer items than this show nothing
 */
export function progressBar(term, total, { label, min = 2 }) {
  if (!term.stderrIsTTY || total < min) return NONE;
  let done = 0;
  let failed = 0;
  const draw = () => {
    const filled = Math.round((done / total) * WIDTH);
    const bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    const failures = failed ? `, ${failed} failed` : "";
    term.errRaw(`\r${label} [${bar}] ${done}/${total}${failures}\x1b[K`);
  };
  draw();
  return {
    tick(ok = true) {
      done += 1;
      if (!ok) failed += 1;
      draw();
    },
    done() {
      term.errRaw("\r\x1b[K");
    },
  };
}

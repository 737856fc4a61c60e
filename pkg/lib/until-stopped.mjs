// Keeps a long-running command (emulator, serve) alive until SIGINT, SIGTERM or an abort signal,
// then closes it once and resolves with exit code 0.

/**
 * Installs the stop handlers at once (call it before printing the URL: a parent may signal as soon
 * as it reads it) and returns `{ finished, watch }`. `close(why)` runs once, on the first stop.
 * `watch()` starts honouring `signal` (call it last, so an already-aborted signal stops a command
 * that is fully started).
 * @param {{ close: (why: string) => Promise<void>, signal?: AbortSignal }} opts
 */
export function untilStopped({ close, signal }) {
  let stopping = false;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const onSignal = (sig) => { stop(sig); };
  const onAbort = () => { stop("aborted"); };
  async function stop(why) {
    if (stopping) return;
    stopping = true;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    signal?.removeEventListener("abort", onAbort);
    await close(why);
    finish(0);
  }
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    finished,
    watch() {
      if (!signal) return;
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    },
  };
}

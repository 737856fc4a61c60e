// The self-healing scenario, run against the trap fixture's exports in Node (ESM and CJS
// glue) and in Chromium. `ck` is what an entry exports: the glue wrapped by lib/heal.js.
// Throws on the first expectation that does not hold; returns the steps it checked.

export async function healScenario(ck) {
  const steps = [];
  const check = (ok, what) => {
    if (!ok) throw new Error(`heal scenario: ${what}`);
    steps.push(what);
  };
  const internalError = (fn, what, { trap = true } = {}) => {
    try {
      fn();
    } catch (e) {
      check(e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && e.code === "internal-error"
        && (!trap || e.cause instanceof WebAssembly.RuntimeError), `${what} throws an internal-error (got ${e.code}: ${e.message})`);
      return e;
    }
    check(false, `${what} throws`);
  };
  const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

  check(ck.echo("a") === "a" && ck.calls() === 1, "echo works before any trap");
  check(ck.boom(false) === "fine", "boom(false) works");

  // A panic while a RefCell is borrowed: unhealed, every later call would trap too.
  internalError(() => ck.boom(true), "a panicking function");
  check(ck.echo("b") === "b", "the next call works");
  check(ck.calls() === 1, "it runs on a fresh instance (state reset)");

  // Errors the Rust code returns are not traps: passed through, no reset.
  try {
    ck.throwsError();
  } catch (e) {
    check(e.message === "expected failure" && e.code === undefined, "a returned error passes through untouched");
  }
  check(ck.calls() === 1, "a returned error does not reset the instance");

  // Classes: a method that traps; the object is rebuilt from its constructor's arguments.
  const c = new ck.Counter("x");
  check(c instanceof ck.Counter && c.incr() === 1 && c.incr() === 2, "a constructed object works");
  internalError(() => c.boom(), "a panicking method");
  check(c.incr() === 1 && c.label === "x", "the object is rebuilt on its next call (its state is lost)");
  const f = ck.Counter.fromFactory();
  check(f.incr() === 1, "an object from a static factory works");
  internalError(() => ck.boom(true), "a trap elsewhere");
  const stale = internalError(() => f.incr(), "a stale factory-made object", { trap: false });
  check(/make a new one/.test(stale.message), "says to make a new one");
  f.free(); // must not hand the stale pointer to the new instance
  check(c.incr() === 1, "a constructed object is rebuilt after a trap elsewhere");
  c.free();
  check(ck.echo("c") === "c", "the instance is sound after freeing stale objects");

  // Async: a call in flight when the instance is reset fails instead of hanging, and the
  // old instance's leftover callback fires harmlessly.
  check((await ck.later(false)) === "later", "an async call works");
  const slow = ck.waitFor(new Promise((r) => setTimeout(r, 30, "slow")));
  await tick(); // let the future start polling in the old instance
  const early = ck.waitFor(new Promise((r) => setTimeout(r, 30, "early")));
  internalError(() => ck.boom(true), "a trap while async calls are in flight");
  for (const [name, p] of [["a started call", slow], ["a not yet started call", early]]) {
    try {
      await p;
      check(false, `${name} in flight is rejected`);
    } catch (e) {
      check(e.code === "internal-error", `${name} in flight is rejected with an internal-error`);
    }
  }
  await tick(60); // the old callbacks fire now
  check((await ck.waitFor(Promise.resolve("after"))) === "after", "async calls work after the reset");
  return steps;
}

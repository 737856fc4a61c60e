// Self-healing for the wasm-bindgen glue, shared by every entry of the package.
//
// With panic = "abort", a Rust panic (or any other trap) throws a WebAssembly.RuntimeError
// and leaves the instance unusable: its shadow stack, RefCell borrows and panic count are
// never restored. `heal(glue)` wraps each export of a glue module built with
// `wasm-bindgen --experimental-reset-state-function` so that a trap resets the instance
// (`__wbg_reset_state`: a fresh WebAssembly.Instance from the same compiled module), the
// failing call throws an Error with `code: "internal-error"`, and every later call works.
//
// This file must stay free of imports and export only `export function` declarations:
// scripts/build.mjs derives the CommonJS copy (pkg/wasm/heal.cjs) from it.

/** The names of `glue`'s exports that the package exports: all but the glue's internals. */
export function publicNames(glue) {
  // `default` and `initSync` initialise the web target; `__wbg_reset_state` is for us.
  return Object.keys(glue).filter((name) => name !== "default" && name !== "initSync" && !name.startsWith("__"));
}

const healed = new WeakMap(); // glue -> api: wrapping twice would stack two sets of state

/**
 * Returns the public exports of `glue`, each function, class method and accessor guarded.
 * Options: `ErrorClass` — the class of internal errors, registered with the module (now and
 * after every reset) so the errors Rust throws are its instances too; `answers` — for a
 * function name, what a trapped call returns instead of throwing (validate answers with a
 * report holding an internal-error diagnostic); `results` — for a function name, how its
 * raw result becomes the value callers get.
 */
export function heal(glue, { ErrorClass = Error, answers = {}, results = {} } = {}) {
  if (healed.has(glue)) return healed.get(glue);
  const reset = typeof glue.__wbg_reset_state === "function" ? glue.__wbg_reset_state : null;
  // Registered on the first call (the entry instantiates the module after this runs) and
  // again after every reset, which forgets it.
  let registered = false;
  const register = () => {
    glue.__registerErrorClass?.(ErrorClass);
    registered = true;
  };
  // The glue's own instance id (`__wbg_inst` on every object) starts at 0 and grows by one
  // per reset; only this module resets, so `generation` is always equal to it.
  let generation = 0;
  const pending = new Set(); // async calls in flight: { reject, name }
  const made = new WeakMap(); // object built by `new` -> { cls, args, target }

  function isTrap(e) {
    // A wasm trap, or the engine's stack overflow (which can leave wasm state half-updated).
    return e instanceof WebAssembly.RuntimeError
      || (e instanceof RangeError && /call stack/i.test(e.message));
  }

  function internalError(name, message, cause) {
    const err = new ErrorClass(`connector-kit internal error in ${name}: ${message}`, { code: "internal-error", cause });
    err.code ??= "internal-error";
    return err;
  }

  // After a trap: reset the instance and return the error the caller should see.
  function recover(e, name) {
    let message = `the WebAssembly engine trapped (${e.message})`;
    if (reset) {
      try {
        reset();
        generation += 1;
        registered = false;
        message += "; it has been reset and later calls will work";
      } catch (resetError) {
        message += `; resetting it failed too (${resetError.message})`;
      }
    }
    // Async calls of the old instance can never settle now: fail them instead of hanging.
    for (const call of pending) {
      call.reject(internalError(call.name, `the WebAssembly engine trapped while this call was in flight (${e.message}) and was reset; later calls will work, but a change this call was making may or may not have been made`, e));
    }
    pending.clear();
    return internalError(name, message, e);
  }

  // A trap in a callback of an async call (a response arriving, a future polled) happens
  // outside `run`; the glue hands it here (scripts/build.mjs) instead of throwing it.
  glue.__wbg_set_trap_hook?.((e) => isTrap(e) && (recover(e, "a callback"), true));

  function track(promise, name) {
    return new Promise((resolve, reject) => {
      const call = { reject, name };
      pending.add(call);
      promise.then(
        (value) => { pending.delete(call); resolve(value); },
        (e) => { pending.delete(call); reject(isTrap(e) ? recover(e, name) : e); },
      );
    });
  }

  // Runs `fn`; a trap becomes an internal-error after the reset, a Promise is tracked.
  // Registering runs in the instance too, so it may trap as well.
  function run(name, fn) {
    let result;
    try {
      if (!registered) register();
      result = fn();
    } catch (e) {
      throw isTrap(e) ? recover(e, name) : e;
    }
    return result instanceof Promise ? track(result, name) : result;
  }

  // The object a method should run on. An object from before a reset is stale; if it was
  // built with `new`, it is rebuilt from the same arguments (state its methods had built up
  // since, such as a cached token, is lost). Any other stale object cannot be rebuilt.
  function live(obj, name) {
    const rec = obj !== null && typeof obj === "object" ? made.get(obj) : undefined;
    const target = rec ? rec.target : obj;
    if (!target || target.__wbg_inst === undefined || target.__wbg_inst === generation) return target;
    if (!rec) {
      throw internalError(name, "this object was made before the WebAssembly engine was reset; make a new one");
    }
    rec.target = run(name, () => Reflect.construct(rec.cls, rec.args));
    return rec.target;
  }

  function guardFunction(fn, name) {
    const answer = answers[name];
    const result = results[name];
    const call = result ? (self, args) => result(fn.apply(self, args)) : (self, args) => fn.apply(self, args);
    return {
      [fn.name](...args) {
        if (!answer) return run(name, () => call(this, args));
        try {
          return run(name, () => call(this, args));
        } catch (e) {
          if (e?.code === "internal-error") return answer(e);
          throw e;
        }
      },
    }[fn.name];
  }

  function guardMethod(fn, name) {
    return function (...args) {
      const self = live(this, name);
      return run(name, () => fn.apply(self, args));
    };
  }

  function guardFree(fn) {
    return function () {
      const rec = made.get(this);
      const self = rec ? rec.target : this;
      // A stale pointer belongs to the old instance: handing it to the new one would
      // corrupt its allocator, so just forget it.
      if (self.__wbg_inst !== undefined && self.__wbg_inst !== generation) {
        self.__destroy_into_raw();
        return;
      }
      return fn.call(self);
    };
  }

  function guardClass(cls, name) {
    const proto = cls.prototype;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor" || (typeof key === "string" && key.startsWith("__"))) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      const label = `${name}.${String(key)}`;
      if (typeof d.value === "function") {
        const isFree = key === "free" || key === Symbol.dispose;
        d.value = isFree ? guardFree(d.value) : guardMethod(d.value, label);
      } else {
        if (d.get) d.get = guardMethod(d.get, label);
        if (d.set) d.set = guardMethod(d.set, label);
      }
      Object.defineProperty(proto, key, d);
    }
    for (const key of Object.getOwnPropertyNames(cls)) {
      const d = Object.getOwnPropertyDescriptor(cls, key);
      if (key.startsWith("__") || typeof d.value !== "function" || !d.writable) continue;
      cls[key] = guardFunction(d.value, `${name}.${key}`);
    }
    // A Proxy (not a subclass) keeps `instanceof`, statics and the glue's own
    // `Class.__wrap` working, and records constructor arguments for rebuilding.
    return new Proxy(cls, {
      construct(target, args, newTarget) {
        const obj = run(name, () => Reflect.construct(target, args, newTarget));
        made.set(obj, { cls: target, args, target: obj });
        return obj;
      },
    });
  }

  const api = {};
  for (const name of publicNames(glue)) {
    const value = glue[name];
    if (typeof value !== "function") {
      api[name] = value; // enums and other plain values
    } else if (/^class\b/.test(Function.prototype.toString.call(value))) {
      api[name] = guardClass(value, name);
    } else {
      api[name] = guardFunction(value, name);
    }
  }
  healed.set(glue, api);
  return api;
}

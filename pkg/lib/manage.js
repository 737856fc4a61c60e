// The manager — ManagementClient, buildPayload, importOpenApi, mcpConnector — is a second WebAssembly
// module, so a page that only validates never downloads it. These wrappers load it on first
// use. Dependency-free with only `export function`s: scripts/build.mjs derives the CommonJS
// copy (pkg/wasm/manage.cjs) from it, as for heal.js.

/**
 * The manager's exports over `load()`, which resolves to `{ api }` (the healed module).
 * `new ManagementClient(options)` stays synchronous: the real client is made, and its options
 * checked, by the first call that needs it, so a bad option rejects that call.
 */
export function lazyManage(load) {
  let module;
  const api = () => (module ??= load().then((m) => m.api));

  class ManagementClient {
    #options;
    #client;

    constructor(options) {
      this.#options = options;
    }

    #call(method, args) {
      this.#client ??= api().then((m) => new m.ManagementClient(this.#options)).catch((e) => {
        // The module trapped while making it (and was reset): make it again next time.
        if (e?.code === "internal-error") this.#client = undefined;
        throw e;
      });
      return this.#client.then((client) => client[method](...args));
    }

    list() { return this.#call("list", []); }
    get(identifier) { return this.#call("get", [identifier]); }
    findByName(displayName) { return this.#call("findByName", [displayName]); }
    similarNames(displayName) { return this.#call("similarNames", [displayName]); }
    create(payload) { return this.#call("create", [payload]); }
    update(identifier, payload) { return this.#call("update", [identifier, payload]); }
    delete(identifier) { return this.#call("delete", [identifier]); }
  }

  return {
    ManagementClient,
    buildPayload: (...args) => api().then((m) => m.buildPayload(...args)),
    importOpenApi: (...args) => api().then((m) => m.importOpenApi(...args)),
    mcpConnector: (...args) => api().then((m) => m.mcpConnector(...args)),
  };
}

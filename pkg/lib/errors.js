// The error class of connector-kit, and what a trapped call answers instead of throwing.
// Dependency-free with only `export` declarations: scripts/build.mjs derives the CommonJS
// copy (pkg/wasm/errors.cjs) from it, as for heal.js.

/**
 * What every connector-kit function throws and every client Promise rejects with: an
 * `Error` with a stable `code` (e.g. `template-unsafe-value`, `not-found`) and, where they
 * apply, `hint`, `path` (JSON Pointer), `variable`, `status` (HTTP) and `violations`.
 */
export class ConnectorError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = "ConnectorError";
    for (const [key, value] of Object.entries(fields)) {
      if (key !== "cause" && value !== undefined) this[key] = value;
    }
  }
}

/**
 * For heal(): `validate` answers with report text, empty for a clean report, since building
 * the object in JavaScript is faster than handing it across the boundary.
 */
export const results = {
  validate: (text) => (text === "" ? { valid: true, diagnostics: [] } : JSON.parse(text)),
};

/** For heal(): `validate` reports an internal failure as a diagnostic, never a throw. */
export const trapAnswers = {
  validate: (error) => ({
    valid: false,
    diagnostics: [{
      code: "internal-error",
      severity: "error",
      path: "",
      message: `connector-kit failed while validating and was restarted: ${error.message}`,
      hint: "validate again; if it keeps failing, please report the payload",
    }],
  }),
};

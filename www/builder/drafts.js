// Drafts: the editor's text, the chosen environment and the non-secret test values, saved to
// localStorage (debounced) and restored after a reload. Test values of secret inputs — password
// inputs and the credentials token, api_key, username and password (Freshdesk's "username" is an
// API key) — are never written anywhere.

const CREDENTIALS = new Set(["token", "api_key", "username", "password"]);
const SECRET_NAME = /pass|secret|token|key|credential|auth/i;

/** Whether a test value typed for this input is a secret (never stored, masked in the UI). */
export function isSecretInput(name, field) {
  if (field?.input_type === "password") return true;
  if (CREDENTIALS.has(name)) return true;
  return SECRET_NAME.test(name);
}

/** The fields (inputs and account inputs) of the payload's first pattern, by field_name. */
export function fieldsByName(payload) {
  const pattern = Array.isArray(payload?.auth_patterns) ? payload.auth_patterns[0] : null;
  const out = new Map();
  for (const key of ["fields", "account_fields"]) {
    for (const f of Array.isArray(pattern?.[key]) ? pattern[key] : []) {
      if (f && typeof f.field_name === "string" && f.field_name && !out.has(f.field_name)) out.set(f.field_name, f);
    }
  }
  return out;
}

export class Drafts {
  constructor(key) {
    this.key = key;
  }

  load() {
    if (!this.key) return null;
    try {
      const raw = localStorage.getItem(this.key);
      if (!raw) return null;
      const draft = JSON.parse(raw);
      if (!draft || typeof draft.text !== "string") return null;
      return draft;
    } catch {
      return null;
    }
  }

  /** Saves the draft; `values` is filtered here, so callers cannot leak a secret by mistake. */
  save({ text, payload, values, environment, origin }) {
    if (!this.key) return false;
    const fields = fieldsByName(payload);
    const safe = {};
    for (const [name, value] of Object.entries(values ?? {})) {
      if (typeof value !== "string" || value === "") continue;
      if (isSecretInput(name, fields.get(name))) continue;
      safe[name] = value;
    }
    const draft = { version: 1, savedAt: new Date().toISOString(), text, values: safe, environment: environment ?? null, origin: origin ?? null };
    try {
      localStorage.setItem(this.key, JSON.stringify(draft));
      return true;
    } catch {
      return false; // storage full or disabled: drafts are a convenience
    }
  }

  clear() {
    if (!this.key) return;
    try { localStorage.removeItem(this.key); } catch { /* ignore */ }
  }
}

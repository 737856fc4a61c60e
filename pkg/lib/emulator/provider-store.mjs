// In-memory connectors: built-ins, custom providers (in creation order) and connection counts.
// Stored provider objects are never mutated in place (an update stores a new object), so a
// snapshot is a shallow copy of the maps and a failed write can be rolled back exactly.

import { randomBytes } from "node:crypto";
import { ApiError, GRPC } from "./grpc-errors.mjs";
import { builtinProviders } from "./builtins.mjs";
import { isPlainObject } from "./payload-rules.mjs";

export const DATA_FORMAT = "connector-kit-emulator";
export const DATA_VERSION = 1;

/**
 * The identifier rule: lowercase the display name, turn each run of characters other than
 * [a-z0-9] (with a valid display name: spaces) into one `_`, trim leading/trailing `_`.
 * When that base is taken, append `-2`, `-3`, … until free.
 */
export function slugify(displayName) {
  return displayName.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

function newProviderId() {
  return `prv_${randomBytes(12).toString("hex")}`;
}

function buildProvider(base, payload) {
  const patterns = structuredClone(payload.auth_patterns);
  return {
    id: base.id,
    identifier: base.identifier,
    display_name: payload.display_name,
    description: payload.description ?? "",
    categories: base.categories ?? [],
    auth_patterns: patterns, // stored exactly as given, unknown keys included
    icon_src: payload.icon_src ?? "",
    display_priority: base.display_priority ?? 0,
    coming_soon: base.coming_soon ?? false,
    proxy_url: payload.proxy_url,
    proxy_enabled: payload.proxy_enabled ?? false, // full replace: absent switches proxying off
    is_custom: true,
    is_custom_mcp: patterns.some((p) => isPlainObject(p) && p.is_mcp === true),
    metadata: structuredClone(payload.metadata ?? {}), // full replace: absent clears it
  };
}

export class ProviderStore {
  constructor() {
    this.builtins = builtinProviders();
    this.custom = new Map(); // identifier -> provider
    this.connections = new Map(); // identifier -> count (> 0)
  }

  snapshot() {
    return { custom: new Map(this.custom), connections: new Map(this.connections) };
  }

  restore(snap) {
    this.custom = snap.custom;
    this.connections = snap.connections;
  }

  reset() {
    this.custom = new Map();
    this.connections = new Map();
  }

  /** Providers for a filter.provider_type value, built-ins first. */
  list(providerType) {
    const custom = [...this.custom.values()];
    if (providerType === "CUSTOM") return custom;
    if (providerType === "ALL") return [...this.builtins, ...custom];
    return [...this.builtins];
  }

  getCustom(identifier) {
    return this.custom.get(identifier) ?? null;
  }

  #identifierTaken(identifier) {
    return this.custom.has(identifier) || this.builtins.some((p) => p.identifier === identifier);
  }

  #byDisplayName(displayName, exceptIdentifier) {
    return [...this.builtins, ...this.custom.values()]
      .find((p) => p.display_name === displayName && p.identifier !== exceptIdentifier) ?? null;
  }

  deriveIdentifier(displayName) {
    const base = slugify(displayName);
    if (!this.#identifierTaken(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.#identifierTaken(candidate)) return candidate;
    }
  }

  /** `payload` has passed payloadViolations(). */
  create(payload) {
    const clash = this.#byDisplayName(payload.display_name);
    if (clash) {
      throw new ApiError(409, `a provider named "${payload.display_name}" already exists (identifier ${clash.identifier})`,
        { code: GRPC.ALREADY_EXISTS });
    }
    const provider = buildProvider({ id: newProviderId(), identifier: this.deriveIdentifier(payload.display_name) }, payload);
    this.custom.set(provider.identifier, provider);
    return provider;
  }

  /** Full replace; the identifier (and id) stay. `payload` has passed payloadViolations(). */
  update(identifier, payload) {
    const stored = this.custom.get(identifier);
    if (!stored) throw notFound(identifier);
    const clash = this.#byDisplayName(payload.display_name, identifier);
    if (clash) {
      throw new ApiError(409, `a provider named "${payload.display_name}" already exists (identifier ${clash.identifier})`,
        { code: GRPC.ALREADY_EXISTS });
    }
    const provider = buildProvider(stored, payload);
    this.custom.set(identifier, provider); // Map.set keeps the original position
    return provider;
  }

  delete(identifier) {
    if (!this.custom.has(identifier)) throw notFound(identifier);
    if ((this.connections.get(identifier) ?? 0) > 0) {
      throw new ApiError(400, "cannot delete custom provider with existing connections",
        { code: GRPC.FAILED_PRECONDITION, errorCode: "FAILED_PRECONDITION" });
    }
    this.custom.delete(identifier);
    this.connections.delete(identifier);
  }

  connectionCount(identifier) {
    return this.connections.get(identifier) ?? 0;
  }

  addConnections(identifier, count = 1) {
    if (!this.custom.has(identifier)) throw notFound(identifier);
    const n = this.connectionCount(identifier) + count;
    this.connections.set(identifier, n);
    return n;
  }

  clearConnections(identifier) {
    if (!this.custom.has(identifier)) throw notFound(identifier);
    this.connections.delete(identifier);
    return 0;
  }

  /** What --data files hold. */
  toData() {
    return {
      format: DATA_FORMAT,
      version: DATA_VERSION,
      providers: [...this.custom.values()],
      connections: Object.fromEntries(this.connections),
    };
  }

  loadData(data) {
    if (!isPlainObject(data) || data.format !== DATA_FORMAT || data.version !== DATA_VERSION
      || !Array.isArray(data.providers) || !isPlainObject(data.connections ?? {})) {
      throw new Error(`not a ${DATA_FORMAT} v${DATA_VERSION} data file`);
    }
    const custom = new Map();
    for (const p of data.providers) {
      if (!isPlainObject(p) || typeof p.identifier !== "string" || typeof p.id !== "string"
        || !Array.isArray(p.auth_patterns)) {
        throw new Error("data file holds a malformed provider");
      }
      custom.set(p.identifier, p);
    }
    const connections = new Map();
    for (const [identifier, n] of Object.entries(data.connections ?? {})) {
      if (custom.has(identifier) && Number.isInteger(n) && n > 0) connections.set(identifier, n);
    }
    this.custom = custom;
    this.connections = connections;
  }
}

export function notFound(identifier) {
  return new ApiError(404, `custom provider not found: ${identifier}`, { code: GRPC.NOT_FOUND });
}

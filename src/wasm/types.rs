//! TypeScript declarations that no Rust type carries: option bags and the
//! names shared by several signatures. The rest come from `tsify` derives on
//! the core's types, so their doc comments reach the `.d.ts` too.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &str = r#"
import type { Payload, AuthPattern, Field, SelectOption, OauthConfig, McpOauthConfig, Scope, Mutation } from "../payload";
export type { Payload, AuthPattern, Field, SelectOption, OauthConfig, McpOauthConfig, Scope, Mutation };
/** A connector as the server returns it: the payload plus the server's own fields. */
export type Connector = Payload & {
    id: string;
    identifier: string;
    categories: string[];
    display_priority: number;
    coming_soon: boolean;
    is_custom: boolean;
    is_custom_mcp: boolean;
};

/** The auth pattern types. */
export type AuthType = "OAUTH" | "BASIC" | "BEARER" | "API_KEY" | "NO_AUTH";

/**
 * What every connector-kit function throws and every client Promise rejects with: an
 * `Error` with a stable `code` and, where they apply, the other members.
 */
export class ConnectorError extends Error {
    constructor(message: string, fields?: Partial<Omit<ConnectorError, "message" | "name">> & { cause?: unknown });
    /** Stable kebab-case id, e.g. `template-unsafe-value`, `not-found`, `internal-error`. */
    code: string;
    /** How to fix it. */
    hint?: string;
    /** JSON Pointer of the payload member it is about. */
    path?: string;
    /** The template variable it is about. */
    variable?: string;
    /** HTTP status, for API failures. */
    status?: number;
    /** The server's field violations, for API failures. */
    violations?: Violation[];
}

/** Options of `validate`. */
export interface ValidateOptions {
    /** `update` adds what a full-replace update needs (default `create`). */
    mode?: "create" | "update";
}

/** Options of `previewRequest`. */
export interface PreviewOptions {
    /** HTTP method (default `GET`). */
    method?: string;
    /** Request path appended to the rendered `proxy_url`, e.g. `/v2/tickets`. */
    path?: string;
    /** Show secrets instead of masking them (default false). */
    reveal?: boolean;
}
"#;

#[cfg(feature = "engine-exports")]
#[wasm_bindgen]
extern "C" {
    /// Options of `validate` (optional argument).
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptions;

    /// Options of `previewRequest` (optional argument).
    #[wasm_bindgen(typescript_type = "PreviewOptions")]
    pub type PreviewOptions;
}

//! TypeScript declarations that no Rust type carries: option bags and the
//! names shared by several signatures. The rest come from `tsify` derives on
//! the core's types, so their doc comments reach the `.d.ts` too.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &str = r#"
/** The auth pattern types. */
export type AuthType = "OAUTH" | "BASIC" | "BEARER" | "API_KEY" | "NO_AUTH";

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

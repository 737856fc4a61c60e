// The local emulated environment: an in-memory HTTP server speaking the Scalekit management API
// (connectors.md §1) on 127.0.0.1, plus `/_emulator/…` control endpoints for tests.
// Plain Node.js 20, no dependencies; its rules are written from the spec, independently of the
// connector-kit validator. Reference: docs/emulator.md.

export { startEmulator } from "./emulator/server.mjs";
export { emulatorCommand, parseEmulatorArgs, EMULATOR_USAGE } from "./emulator/cli.mjs";
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL } from "./emulator/tokens.mjs";
export { slugify as identifierBase } from "./emulator/provider-store.mjs";

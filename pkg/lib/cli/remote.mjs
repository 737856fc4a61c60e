// An environment's management API, for pull/diff/push/promote/delete. Credentials come only from
// environments.mjs (SCALEKIT_* variables); the secret goes to the client and to the terminal's
// redaction list, never to output.
import { ManagementClient } from "connector-kit";
import { clientOptions, pickEnvironment } from "../environments.mjs";
import { UsageError } from "./command.mjs";

/** `{ env, client, label }` for the environment called `name` (or the only one). */
export function connect(name, term) {
  const env = pickEnvironment(name);
  if (!env.clientId || !env.clientSecret) {
    const prefix = env.name === "default" ? "SCALEKIT_" : `SCALEKIT_${env.name.toUpperCase().replaceAll("-", "_")}_`;
    throw new UsageError(`environment "${env.name}" has no client credentials`, `set ${prefix}CLIENT_ID and ${prefix}CLIENT_SECRET`);
  }
  term.hideSecret(env.clientSecret);
  return { env, client: new ManagementClient(clientOptions(env)), label: labelOf(env) };
}

/** `dev (https://acme.scalekit.dev)`, with PRODUCTION called out. */
export function labelOf(env) {
  return `${env.name}${env.production ? " [PRODUCTION]" : ""} (${env.url})`;
}

/** The connector called `name`: exact display name first, then exact identifier. */
export function findConnector(connectors, name) {
  return connectors.find((c) => c.display_name === name) ?? connectors.find((c) => c.identifier === name) ?? null;
}

/** A one-line account of an API failure: message, HTTP status and the server's field violations. */
export function describeFailure(error) {
  if (error?.name !== "ConnectorError") return String(error?.message ?? error);
  const status = error.status ? ` (HTTP ${error.status})` : "";
  const violations = (error.violations ?? []).map((v) => `${v.field ?? "?"}: ${v.description ?? v.constraint ?? ""}`);
  return `${error.message}${status}${violations.length ? ` [${violations.join("; ")}]` : ""}`;
}

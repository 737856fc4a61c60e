// Compiles only if the package's types are present and precise (not `any`).
import {
  ConnectorError, ManagementClient, buildPayload, diffPayloads, planPromotion, preset, presets,
  previewRequest, renderTemplate, templateVariables, validate, version,
} from "connector-kit";
import type { Connector, Diagnostic, Payload, Report, RequestPreview } from "connector-kit";

const v: string = version();
// @ts-expect-error: version() returns a string, so this fails unless the types are `any`.
const n: number = version();

const payload: Payload = {
  display_name: "Acme",
  auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", input_type: "password", required: true }] }],
  proxy_url: "https://api.acme.com",
  proxy_enabled: true,
};
// @ts-expect-error: "OAUTH2" is not an auth type.
const wrongType: Payload = { ...payload, auth_patterns: [{ type: "OAUTH2" }] };

const report: Report = validate(payload, { mode: "update" });
const first: Diagnostic | undefined = validate("{").diagnostics[0];
const severity: "error" | "warning" | "info" | undefined = first?.severity;
// @ts-expect-error: mode is "create" or "update".
validate(payload, { mode: "replace" });

const names: string[] = templateVariables("https://{{domain}}/api");
const url: string = renderTemplate("https://{{domain}}/api", { domain: "acme.example.com" });
const sent: RequestPreview = previewRequest(preset("bearer-token"), { token: "t" }, { path: "/v1", reveal: false });
const header: string | undefined = sent.headers["Authorization"];
const built: Payload = await buildPayload({ name: "Acme", type: "API_KEY", baseUrl: "https://api.acme.com", headerOverride: "X-API-Key" });
const kinds: string[] = presets().map((p) => p.type);
const changes = diffPayloads(payload, built).changes.map((c) => c.kind);
const plan = planPromotion(built, null);
const action: "create" | "update" | "none" = plan.action;

async function manage(): Promise<Connector[]> {
  const client = new ManagementClient({ environmentUrl: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: "sks_1" });
  const created: Connector = await client.create(payload);
  const found: Connector | null = await client.findByName(created.display_name);
  // @ts-expect-error: a client needs both a client id and a secret, or a token.
  new ManagementClient({ environmentUrl: "https://acme.scalekit.dev", clientId: "skc_1" });
  try {
    await client.delete(created.identifier);
  } catch (e) {
    if (e instanceof ConnectorError) {
      const code: string = e.code;
      const status: number | undefined = e.status;
      void code, status;
    }
  }
  void found;
  return client.list();
}

export { v, n, wrongType, report, severity, names, url, header, kinds, changes, action, manage };

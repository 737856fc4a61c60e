import { test } from "node:test";
import assert from "node:assert/strict";
import { clientOptions, environmentsFromEnv, pickEnvironment } from "../../pkg/lib/environments.mjs";

test("one unnamed environment is 'default'", () => {
  const env = { SCALEKIT_ENVIRONMENT_URL: "https://acme.scalekit.dev", SCALEKIT_CLIENT_ID: "skc_1", SCALEKIT_CLIENT_SECRET: "sks_1" };
  const chosen = pickEnvironment(undefined, env);
  assert.deepEqual(chosen, { name: "default", url: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: "sks_1", production: false });
  assert.deepEqual(clientOptions(chosen), { environmentUrl: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: "sks_1" });
});

test("named environments, production by name or by list", () => {
  const env = {
    SCALEKIT_DEV_ENVIRONMENT_URL: "https://acme.scalekit.dev", SCALEKIT_DEV_CLIENT_ID: "a", SCALEKIT_DEV_CLIENT_SECRET: "b",
    SCALEKIT_PROD_ENVIRONMENT_URL: "https://acme.scalekit.cloud",
    SCALEKIT_EU_WEST_ENVIRONMENT_URL: "https://eu.scalekit.cloud",
  };
  const all = environmentsFromEnv(env);
  assert.deepEqual([...all.keys()].sort(), ["dev", "eu-west", "prod"]);
  assert.equal(all.get("prod").production, true);
  assert.equal(all.get("dev").production, false);
  assert.equal(environmentsFromEnv({ ...env, SCALEKIT_PRODUCTION: "eu-west" }).get("prod").production, false);
  assert.equal(pickEnvironment("DEV", env).clientId, "a");
  assert.deepEqual(clientOptions(all.get("prod")), { environmentUrl: "https://acme.scalekit.cloud" });
});

test("clear usage errors", () => {
  assert.throws(() => pickEnvironment(undefined, {}), (e) => e.code === "usage" && /SCALEKIT_ENVIRONMENT_URL/.test(e.message));
  const two = { SCALEKIT_A_ENVIRONMENT_URL: "https://a", SCALEKIT_B_ENVIRONMENT_URL: "https://b" };
  assert.throws(() => pickEnvironment(undefined, two), /choose one with --env/);
  assert.throws(() => pickEnvironment("c", two), /configured: a, b/);
});

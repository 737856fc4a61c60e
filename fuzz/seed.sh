#!/usr/bin/env bash
# Seeds the corpora of the text targets (validate, openapi) from the project's
# own examples. The structured targets (template, preview, manage) need no
# files: they draw the presets, the example URLs of tests/template.rs and the
# blueprints from tests/invariants/mod.rs themselves.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/validate corpus/openapi corpus/template corpus/preview corpus/manage
for f in "$root"/src/presets/*.json "$root"/tests/fixtures/examples/*.json; do
  [ -e "$f" ] && cp "$f" "corpus/validate/preset-$(basename "$f")"
done
for f in "$root"/tests/fixtures/openapi/*; do
  cp "$f" "corpus/openapi/$(basename "$f")"
done
# MCP findings as `mcp-check` gathers them (the openapi target reads any JSON as findings too).
printf '%s' '{"url": "https://mcp.example.com/mcp", "publicAccess": true}' > corpus/openapi/mcp-public.json
printf '%s' '{"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Bearer realm=\"mcp\""}' > corpus/openapi/mcp-bearer.json
printf '%s' '{"url": "https://mcp.example.com/mcp", "name": "Example MCP", "status": 401, "resourceMetadata": {"resource": "https://mcp.example.com/mcp", "authorization_servers": ["https://auth.example.com"]}, "authorizationServer": {"issuer": "https://auth.example.com", "registration_endpoint": "https://auth.example.com/register", "code_challenge_methods_supported": ["S256"], "response_types_supported": ["code"]}, "issuer": "https://auth.example.com", "sessionId": true}' > corpus/openapi/mcp-oauth.json

#!/usr/bin/env bash
# The main command (README): installs what is missing, builds pkg/, then serves the
# builder page (`connector-kit serve`; extra arguments are passed on, e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
node scripts/build.mjs
exec node pkg/bin/connector-kit.mjs serve "$@"

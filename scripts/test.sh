#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, builds pkg/, then runs every
# suite. Stops at the first failing stage, naming it; prints each stage's time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

timings=()
stage() {
  local name=$1; shift
  echo
  echo "==== stage: $name"
  local start=$SECONDS
  if ! "$@"; then
    echo
    printf '%s\n' "${timings[@]}"
    echo "test.sh: FAILED at stage '$name' (after $((SECONDS - start)) s): $*" >&2
    exit 1
  fi
  timings+=("$(printf '%-16s %5d s' "$name" $((SECONDS - start)))")
  echo "---- stage $name: $((SECONDS - start)) s"
}

# Every JS suite under tests/ (package, emulator, cli, e2e, …), found afresh each run.
node_tests() {
  shopt -s globstar nullglob
  local files=(tests/**/*.test.mjs)
  [ ${#files[@]} -gt 0 ] || { echo "no tests/**/*.test.mjs found" >&2; return 1; }
  node --test "${files[@]}"
}

stage setup          bash scripts/setup.sh
stage build          node scripts/build.mjs
stage cargo-test     cargo test
# The client's wasm tests talk to two local emulated environments.
stage wasm-node      bash scripts/with-emulators.sh cargo test --target wasm32-unknown-unknown
stage wasm-chromium  env WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
                       bash scripts/with-emulators.sh cargo test --target wasm32-unknown-unknown
stage node-test      node_tests
stage typescript     node_modules/.bin/tsc --noEmit -p tests/package/ts

echo
echo "==== all stages passed"
printf '%s\n' "${timings[@]}"

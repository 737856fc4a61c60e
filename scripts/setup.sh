#!/usr/bin/env bash
# Installs what building and testing connector-kit needs, idempotently and quietly when it
# is already there: the wasm32 target, wasm-bindgen-cli at exactly Cargo.lock's version,
# Debian's chromium + chromium-driver, and the npm dev tooling (package-lock.json).
# Everything comes from the registries (crates.io, Debian, npm): nothing else is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { echo "setup: $*"; }

# 1. The wasm32 target (rustup downloads it once).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli (with wasm-bindgen-test-runner): the CLI refuses a wasm made by
#    another version of the crate, so it must match the lockfile exactly. No --locked:
#    one of its locked dependencies is missing from the registry (toolchain notes).
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (was: ${have:-none}; takes about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. Chromium and its driver for the browser tests (wasm-bindgen-test, playwright-core).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing chromium and chromium-driver from Debian"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4. npm dev tooling (binaryen's wasm-opt, typescript, playwright-core, vite, ajv):
#    `npm ci` when node_modules is missing or was installed from another package-lock.json.
#    npm 11 runs no install scripts unless approved; none of these packages needs one.
for dir in .; do
  stamp="$dir/node_modules/.setup-lock-sha256"
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --no-update-notifier --loglevel=error)
    echo "$sum" >"$stamp"
  fi
done

#!/usr/bin/env bash
# Runs a command with two fresh local emulators (dev and "production"), e.g.
#   scripts/with-emulators.sh cargo test --target wasm32-unknown-unknown --test client_wasm
# It exports CK_EMULATOR_URL and CK_EMULATOR_URL_2 (their base URLs; the wasm tests read them at
# compile time), runs the command, and stops both emulators when it exits, whatever happens.
# Exit status: the command's; 1 if an emulator could not start.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
logs="$(mktemp -d)"
pids=()

stop() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts one emulator on a free port; sets $url to the base URL it prints on its first line.
start() {
  local out="$logs/emulator-$1.out" err="$logs/emulator-$1.err"
  node "$root/pkg/bin/connector-kit.mjs" emulator --port 0 --quiet >"$out" 2>"$err" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 150); do
    if [ "$(wc -l <"$out")" -ge 1 ]; then
      url="$(head -n 1 "$out")"
      case "$url" in http://*) return 0 ;; esac
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "with-emulators: emulator $1 did not start" >&2
  cat "$out" "$err" >&2
  exit 1
}

url=""
start 1
CK_EMULATOR_URL="$url"
start 2
CK_EMULATOR_URL_2="$url"
export CK_EMULATOR_URL CK_EMULATOR_URL_2
# Browser runs of wasm-bindgen-test stop after 20 s by default; network suites need more.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
echo "with-emulators: $CK_EMULATOR_URL and $CK_EMULATOR_URL_2" >&2

status=0
"$@" || status=$?
exit "$status"

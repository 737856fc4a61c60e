#!/usr/bin/env bash
# Runs the fuzz targets one after another, RUNS executions each (10 million
# by default), on one core. Usage: fuzz/run.sh [target ...]
# Installs cargo-fuzz if missing and seeds the corpora; logs go to fuzz/logs/.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-10000000}
MAX_LEN=${MAX_LEN:-4096}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(validate template preview openapi manage)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov-module);
# the stable toolchain accepts them when told it is bootstrapping.
export RUSTC_BOOTSTRAP=1
./seed.sh
mkdir -p logs
for target in "${targets[@]}"; do
  dict=()
  case "$target" in validate | openapi) dict=(-dict=json.dict) ;; esac
  start=$(date +%s)
  # -O: release; -a: debug assertions and overflow checks on; -s none: safe
  # Rust, so no sanitizer (ASan cost 3x and finds nothing a panic would not).
  cargo fuzz run -O -a -s none "$target" "corpus/$target" -- \
    -runs="$RUNS" -max_len="$MAX_LEN" -print_final_stats=1 "${dict[@]}" 2>&1 | tee "logs/$target.log" | grep -E '^#[0-9]+ +(pulse|DONE)|panicked|SUMMARY' || true
  end=$(date +%s)
  files=$(find "corpus/$target" -type f | wc -l)
  bytes=$(du -sb "corpus/$target" | cut -f1)
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "logs/$target.log" | grep -oE '[0-9]+$' || echo '?')
  echo "$target: $execs execs in $((end - start)) s, corpus $files files / $bytes bytes" | tee -a logs/summary.txt
done

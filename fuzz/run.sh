#!/usr/bin/env bash
# Runs every libFuzzer target (or those named as arguments) for FUZZ_SECONDS each and prints a summary:
# executions, executions per second, coverage (libFuzzer's cov and ft) and findings.
#
# Committed seeds are read from fuzz/corpus/<target>; what the fuzzer adds goes to .build-fuzz/corpus/<target>
# and crashing inputs to .build-fuzz/findings/<target>/. Exits non-zero when any target found something.
# FUZZ_RUNS, when set, also stops each target after that many executions (whichever limit comes first).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
bin=.build-fuzz/debug
all=(job-decoder cloud-event ldraw stl sigv4)
targets=("${@:-${all[@]}}")

# Allocation stacks of depth 0 and a small quarantine: ASan still catches overflows and use after free,
# without spending most of each run unwinding stacks (a 3-5x speed-up on these Swift targets).
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=32:detect_leaks=1}
# Swift's own crash backtracer races ASan's reporter; libFuzzer's report is the one we want.
export SWIFT_BACKTRACE=enable=no

binary() {
    case "$1" in
    job-decoder) echo FuzzJobDecoder ;; cloud-event) echo FuzzCloudEvent ;; ldraw) echo FuzzLDraw ;;
    stl) echo FuzzSTL ;; sigv4) echo FuzzSigV4 ;; *) echo "unknown fuzz target $1" >&2; exit 2 ;;
    esac
}

failed=0
summary=()
for target in "${targets[@]}"; do
    exe="$bin/$(binary "$target")"
    [ -x "$exe" ] || { echo "$exe is missing: run fuzz/build.sh first" >&2; exit 2; }
    corpus=.build-fuzz/corpus/$target findings=.build-fuzz/findings/$target log=.build-fuzz/logs/$target.log
    mkdir -p "$corpus" "$findings" "$(dirname "$log")"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$findings/")
    [ -n "${FUZZ_RUNS:-}" ] && options+=(-runs="$FUZZ_RUNS")
    [ -f "fuzz/dict/$target.dict" ] && options+=(-dict="fuzz/dict/$target.dict")
    echo "== $target: ${seconds}s"
    status=0
    "$exe" "${options[@]}" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    crashes=$(find "$findings" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed=1
        echo "!! $target: libFuzzer exited $status; findings in $findings/, log $log"
        grep -E 'ERROR|property violated|Test unit written' "$log" | head -5 || true
    fi
    summary+=("$(printf '%-12s %12s %8s %-22s %s' "$target" "${runs:-?}" "${rate:-?}" "${coverage:-?}" "$crashes")")
done
printf '\n%-12s %12s %8s %-22s %s\n' target executions exec/s coverage findings
printf '%s\n' "${summary[@]}"
exit "$failed"

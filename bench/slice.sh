#!/usr/bin/env bash
# Compares a slice-quote job run through `onejob run` with the bare `prusa-slicer` command on the same
# model and the same resolved profile inis (exported by `onejob printers --export-profiles`).
# Prints the median wall time of each over N runs, their ratio (goal: ≤ 1.1), and the medians of the
# validation and orientation times onejob reports in result.json metrics (validationMs, orientationMs).
# Usage: bench/slice.sh [N]  (default 5); BIN=path/to/onejob skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if [[ -z "${BIN:-}" ]]; then
  swift build -c release >/dev/null
  BIN="$(swift build -c release --show-bin-path)/onejob"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The model: a 40 mm × 40 mm cylinder with 128 facets around, a typical small part.
python3 - "$work/part.stl" <<'PY'
import math, struct, sys
n, r, h = 128, 20.0, 40.0
ring = [(r + r * math.cos(2 * math.pi * i / n), r + r * math.sin(2 * math.pi * i / n)) for i in range(n)]
tris = []
for i in range(1, n - 1):
    a, b, c = ring[0], ring[i], ring[i + 1]
    tris.append(((c[0], c[1], 0), (b[0], b[1], 0), (a[0], a[1], 0)))
    tris.append(((a[0], a[1], h), (b[0], b[1], h), (c[0], c[1], h)))
for i in range(n):
    p, q = ring[i], ring[(i + 1) % n]
    tris.append(((p[0], p[1], 0), (q[0], q[1], 0), (q[0], q[1], h)))
    tris.append(((p[0], p[1], 0), (q[0], q[1], h), (p[0], p[1], h)))
with open(sys.argv[1], "wb") as f:
    f.write(b"bench".ljust(80, b"\0") + struct.pack("<I", len(tris)))
    for t in tris:
        f.write(struct.pack("<3f", 0, 0, 0))
        for v in t:
            f.write(struct.pack("<3f", *v))
        f.write(b"\0\0")
PY

job="{\"kind\":\"slice-quote\",\"id\":\"bench\",\"params\":{\"material\":\"PLA\",\"infill\":20,\"layerHeight\":0.2,\"supports\":\"auto\"},\"inputs\":{\"model\":\"file://$work/part.stl\"}}"
"$BIN" validate --job - <<<"$job" >/dev/null
"$BIN" printers --export-profiles "$work" --material PLA --layer-height 0.2 >/dev/null

# The bare command: the argv onejob builds (PrusaSlicerCommand.slice; the cylinder needs no rotation).
bare=(prusa-slicer --export-gcode --load "$work/printer.ini" --load "$work/print.ini" --load "$work/filament.ini"
  --layer-height 0.2 --fill-density 20% --support-material --support-material-auto --support-material-buildplate-only
  --output "$work/bare.gcode" "$work/part.stl")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

onejob_times=(); bare_times=(); validation=(); orientation=()
for i in $(seq "$runs"); do
  rm -rf "$work/out"
  t0=$(now); "$BIN" run --job - --output "$work/out" <<<"$job" >"$work/result.json" 2>/dev/null; t1=$(now)
  onejob_times+=("$(echo "$t1 - $t0" | bc -l)")
  validation+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["metrics"]["validationMs"])' "$work/result.json")")
  orientation+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["metrics"]["orientationMs"])' "$work/result.json")")
  t0=$(now); "${bare[@]}" >/dev/null 2>&1; t1=$(now)
  bare_times+=("$(echo "$t1 - $t0" | bc -l)")
done
o=$(printf '%s\n' "${onejob_times[@]}" | median)
b=$(printf '%s\n' "${bare_times[@]}" | median)
printf '%-34s %8s s\n' "onejob run (median of $runs)" "$(printf '%.3f' "$o")"
printf '%-34s %8s s\n' "bare prusa-slicer (median of $runs)" "$(printf '%.3f' "$b")"
printf '%-34s %8s\n' "ratio onejob/bare" "$(echo "$o / $b" | bc -l | xargs printf '%.3f')"
printf '%-34s %8s ms (runs alongside the slice)\n' "validation (--info), median" "$(printf '%s\n' "${validation[@]}" | median)"
printf '%-34s %8s ms\n' "orientation, median" "$(printf '%s\n' "${orientation[@]}" | median)"

#!/usr/bin/env bash
# Compares a text-mesh job run through `onejob run` with the same Blender work started bare.
# Prints the median wall time of each over N runs and their ratio (goal: ≤ 1.05, onejob adds nothing
# noticeable). Usage: bench/text-mesh.sh [N]  (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin="$(swift build -c release --show-bin-path)/onejob"
swift build -c release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

job='{"kind":"text-mesh","id":"bench","params":{"text":"Benchmark","height":20,"depth":5,"format":"stl"}}'
"$bin" validate --job - <<<"$job" >/dev/null

# The bare command: the same script and parameters onejob hands Blender, without onejob around it.
script="$(find "$(dirname "$bin")" -path '*blender/text_mesh.py' | head -1)"
params="$work/params.json"
python3 - "$params" <<'PY'
import json, sys
json.dump({"text": "Benchmark", "height": 20, "depth": 5, "bevel": 0, "format": "stl",
           "font": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "outputPath": sys.argv[1] + ".stl"}, open(sys.argv[1], "w"))
PY

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

onejob_times=(); bare_times=()
for i in $(seq "$runs"); do
  t0=$(now); "$bin" run --job - --output "$work/out" <<<"$job" >/dev/null 2>&1; t1=$(now)
  onejob_times+=("$(echo "$t1 - $t0" | bc -l)")
  t0=$(now)
  blender -b --factory-startup -noaudio --disable-autoexec --python-exit-code 3 --python "$script" -- "$params" "$work/bare-result.json" >/dev/null 2>&1
  t1=$(now)
  bare_times+=("$(echo "$t1 - $t0" | bc -l)")
done
o=$(printf '%s\n' "${onejob_times[@]}" | median)
b=$(printf '%s\n' "${bare_times[@]}" | median)
printf '%-28s %8s s\n' "onejob run (median of $runs)" "$(printf '%.3f' "$o")"
printf '%-28s %8s s\n' "bare blender (median of $runs)" "$(printf '%.3f' "$b")"
printf '%-28s %8s\n' "ratio onejob/bare" "$(echo "$o / $b" | bc -l | xargs printf '%.3f')"

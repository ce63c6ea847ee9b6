#!/usr/bin/env bash
# art-print: per style, for 9x12 and 24x36 at 300 dpi, the median wall time of a whole `onejob run`
# (N runs), the median of a bare Blender start (`blender -b --factory-startup --python-expr pass`), their
# ratio, and the peak RSS of the job (GNU time %M: the largest process, i.e. Blender).
# Goals: 9x12 <= 6 s and 24x36 <= 60 s, at <= 6 GiB peak, for every style.
# Usage: bench/render-art.sh [N]   (default 5; N_LARGE overrides N for 24x36, STYLES the style list,
#        ONEJOB_BIN a prebuilt binary instead of `swift build -c release`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
runs_large=${N_LARGE:-$runs}
styles=${STYLES:-"none watercolor oil sketch pencil posterize"}
if [[ -n "${ONEJOB_BIN:-}" ]]; then
  bin=$ONEJOB_BIN
else
  swift build -c release >/dev/null
  bin="$(swift build -c release --show-bin-path)/onejob"
fi
[[ -x /usr/bin/time ]] || { echo "install GNU time: apt-get install time" >&2; exit 69; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A 3000x2250 test photo (gradient, disc, rectangle, noise), made with Python's zlib.
python3 - "$work/photo.png" <<'PY'
import random, struct, sys, zlib
w, h = 3000, 2250
rnd = random.Random(7)
rows = []
for y in range(h):
    row = bytearray([0])
    for x in range(w):
        u, v = x / w, y / h
        if (u - 0.3) ** 2 + (v - 0.4) ** 2 < 0.0225: px = (220, 30, 40)
        elif 0.55 <= u <= 0.85 and 0.2 <= v <= 0.7: px = (30, 60, 200)
        else: px = (int(u * 255), int(v * 255), 128)
        n = rnd.randint(-6, 6)
        row += bytes(max(0, min(255, c + n)) for c in px)
    rows.append(bytes(row))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))
PY

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

bare=()
for _ in $(seq "$runs"); do
  t0=$(now); blender -b --factory-startup --python-expr pass >/dev/null 2>&1; t1=$(now)
  bare+=("$(echo "$t1 - $t0" | bc -l)")
done
b=$(printf '%s\n' "${bare[@]}" | median)
printf 'bare blender start (median of %d): %.3f s\n\n' "$runs" "$b"
printf '%-8s %-11s %5s %10s %8s %10s  %s\n' preset style runs "median s" ratio "peak MiB" goal
for preset in 9x12 24x36; do
  n=$runs; goal=6
  [[ $preset == 24x36 ]] && { n=$runs_large; goal=60; }
  for style in $styles; do
    times=(); peak=0
    job="{\"kind\":\"art-print\",\"id\":\"bench-$preset-$style\",\"inputs\":{\"image\":\"file://$work/photo.png\"},\"params\":{\"preset\":\"$preset\",\"style\":\"$style\"}}"
    for _ in $(seq "$n"); do
      t0=$(now)
      /usr/bin/time -o "$work/rss" -f %M "$bin" run --job - --output "$work/out" <<<"$job" >/dev/null 2>"$work/log" \
        || { echo "job failed: $(tail -3 "$work/log")" >&2; exit 70; }
      t1=$(now)
      times+=("$(echo "$t1 - $t0" | bc -l)")
      kb=$(tail -1 "$work/rss"); (( kb > peak )) && peak=$kb
    done
    m=$(printf '%s\n' "${times[@]}" | median)
    met=$(echo "$m <= $goal && $peak <= 6291456" | bc -l)
    printf '%-8s %-11s %5d %10.2f %8.2f %10d  %s\n' "$preset" "$style" "$n" "$m" "$(echo "$m / $b" | bc -l)" \
      "$((peak / 1024))" "$([[ $met == 1 ]] && echo "met (<= ${goal} s)" || echo "MISSED (<= ${goal} s, 6 GiB)")"
  done
done

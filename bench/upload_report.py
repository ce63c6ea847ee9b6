"""Summarise bench/upload.sh measurements: median wall, CPU and peak RSS per tool and size, and onejob's
ratio to the fastest peer (openssl's hash of the file is shown as the floor, not as a peer).

usage: upload_report.py RESULTS   (lines: size_mib tool wall user sys maxrss_kib)
"""
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
with open(sys.argv[1]) as results:
    for line in results:
        size, tool, wall, user, sys_, rss = line.split()
        rows[(int(size), tool)].append((float(wall), float(user) + float(sys_), int(rss)))

for size in sorted({size for size, _ in rows}):
    print(f"\n== {size} MiB ==")
    print(f"{'tool':<10} {'runs':>4} {'wall s':>8} {'cpu s':>8} {'peak RSS MiB':>13} {'MiB/s':>8}")
    medians = {}
    for (s, tool), samples in sorted(rows.items()):
        if s != size:
            continue
        wall = statistics.median(x[0] for x in samples)
        cpu = statistics.median(x[1] for x in samples)
        rss = statistics.median(x[2] for x in samples) / 1024
        medians[tool] = wall
        print(f"{tool:<10} {len(samples):>4} {wall:>8.2f} {cpu:>8.2f} {rss:>13.1f} {size / wall:>8.0f}")
    peers = {t: w for t, w in medians.items() if t not in ("onejob", "openssl")}
    if peers:
        fastest = min(peers, key=peers.get)
        print(f"fastest peer: {fastest} ({peers[fastest]:.2f} s)")
        if "onejob" in medians:
            print(f"onejob / fastest peer: {medians['onejob'] / peers[fastest]:.2f}x (lower is better)")

#!/usr/bin/env python3
"""Writes a small LDraw library for benchmarks and demos: make-ldraw-minilib.py DIR

Contents (official folder layout, real primitive names, geometry written from scratch):
  LDConfig.ldr            a handful of colours
  parts/3001.dat          "Brick 2 x 4": the box as subpart s\\3001s01.dat plus eight stud.dat
  parts/s/3001s01.dat     the box: six quads (colour 16) and twelve edges (colour 24)
  p/stud.dat              edge circles, cylinder with optional lines, top disc
  p/4-4edge.dat, p/4-4cyli.dat, p/4-4disc.dat   48-segment unit primitives
  models/wall.dat         30 bricks of 3001 in a staggered wall, three colours
"""

import math
import os
import sys

SEGMENTS = 48

LDCONFIG = """0 LDraw.org Configuration File (benchmark subset)
0 !COLOUR Black             CODE   0  VALUE #1B2A34  EDGE #808080
0 !COLOUR Blue              CODE   1  VALUE #1E5AA8  EDGE #333333
0 !COLOUR Green             CODE   2  VALUE #00852B  EDGE #333333
0 !COLOUR Red               CODE   4  VALUE #B40000  EDGE #333333
0 !COLOUR Yellow            CODE  14  VALUE #FAC80A  EDGE #333333
0 !COLOUR White             CODE  15  VALUE #F4F4F4  EDGE #808080
0 !COLOUR Main_Colour       CODE  16  VALUE #7F7F7F  EDGE #333333
0 !COLOUR Edge_Colour       CODE  24  VALUE #7F7F7F  EDGE #333333
0 !COLOUR Light_Bluish_Grey CODE  71  VALUE #A0A5A9  EDGE #333333
"""


def fmt(value):
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def point(x, y, z):
    return f"{fmt(x)} {fmt(y)} {fmt(z)}"


def circle(i, y=0.0):
    angle = 2 * math.pi * (i % SEGMENTS) / SEGMENTS
    return point(math.cos(angle), y, math.sin(angle))


def box(x0, x1, y0, y1, z0, z1):
    c = [(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1),
         (x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)]
    quads = [[0, 1, 2, 3], [7, 6, 5, 4], [0, 4, 5, 1], [1, 5, 6, 2], [2, 6, 7, 3], [3, 7, 4, 0]]
    edges = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]]
    lines = ["4 16 " + " ".join(point(*c[i]) for i in q) for q in quads]
    lines += ["2 24 " + " ".join(point(*c[i]) for i in e) for e in edges]
    return "\n".join(lines) + "\n"


def files():
    yield "LDConfig.ldr", LDCONFIG
    brick = ["0 Brick 2 x 4", "0 Name: 3001.dat", "0 BFC CERTIFY CCW",
             "1 16 0 0 0 1 0 0 0 1 0 0 0 1 s\\3001s01.dat"]
    for x in (-30, -10, 10, 30):
        for z in (-10, 10):
            brick.append(f"1 16 {x} 0 {z} 1 0 0 0 1 0 0 0 1 stud.dat")
    yield "parts/3001.dat", "\n".join(brick) + "\n"
    yield "parts/s/3001s01.dat", "0 ~Brick 2 x 4 box\n" + box(-40, 40, 0, 24, -20, 20)
    yield "p/stud.dat", "\n".join([
        "0 Stud",
        "1 16 0 0 0 6 0 0 0 1 0 0 0 6 4-4edge.dat",
        "1 16 0 -4 0 6 0 0 0 1 0 0 0 6 4-4edge.dat",
        "1 16 0 0 0 6 0 0 0 -4 0 0 0 6 4-4cyli.dat",
        "1 16 0 -4 0 6 0 0 0 1 0 0 0 6 4-4disc.dat",
    ]) + "\n"
    yield "p/4-4edge.dat", "".join(f"2 24 {circle(i)} {circle(i + 1)}\n" for i in range(SEGMENTS))
    cyli = [f"4 16 {circle(i, 1)} {circle(i + 1, 1)} {circle(i + 1)} {circle(i)}" for i in range(SEGMENTS)]
    cyli += [f"5 24 {circle(i)} {circle(i, 1)} {circle(i - 1)} {circle(i + 1)}" for i in range(SEGMENTS)]
    yield "p/4-4cyli.dat", "\n".join(cyli) + "\n"
    yield "p/4-4disc.dat", "".join(f"3 16 0 0 0 {circle(i)} {circle(i + 1)}\n" for i in range(SEGMENTS))
    wall = ["0 Wall of 30 bricks"]
    colours = (4, 1, 14)
    for row in range(6):
        for column in range(5):
            x = column * 80 + (40 if row % 2 else 0)
            y = -row * 24
            wall.append(f"1 {colours[(row + column) % 3]} {x} {y} 0 1 0 0 0 1 0 0 0 1 3001.dat")
    yield "models/wall.dat", "\n".join(wall) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-ldraw-minilib.py DIR")
    root = sys.argv[1]
    for relative, text in files():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    print(root)


main()

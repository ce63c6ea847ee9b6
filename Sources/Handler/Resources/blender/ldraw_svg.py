"""Draws an LDraw part as an SVG line drawing with hidden lines removed; run by onejob's LDrawSVGHandler.

Usage (never with parameters in Python source):
    blender -b --factory-startup -noaudio --disable-autoexec --python-exit-code 3 \
        --python ldraw_svg.py -- PARAMS.json GEOMETRY.json RESULT.json

The Swift side has already found the part and every subfile in the library, applied the type 1
transforms and colour inheritance, and fitted the camera; this script never parses LDraw.

PARAMS.json:
    thickness   stroke width in px
    fill        "none" | "color" (faces in their colour, painter-sorted under the lines)
    background  "transparent" | "#rrggbb"
    svgPath, pngPath   where to write the drawing and its preview
    camera      {right, up, toViewer: [x, y, z]; scale, minX, maxY, margin, width, height}
                an SVG point is x = (p.right - minX) * scale + margin, y = (maxY - p.up) * scale + margin

GEOMETRY.json (LDraw units, LDraw axes): palette ["#rrggbb"]; triangles (9 numbers each) and
triangleColors; edges (6 each) and edgeColors; optionals (12 each: two ends, two control points)
and optionalColors; filesRead.

Drawing rules:
  * Edge lines (type 2) are candidates; an optional line (type 5) is a candidate only when its two
    control points project on the same side of the line (the LDraw rule: it is then a silhouette).
  * Hidden-line removal: each candidate is sampled every few pixels on screen; a sample is visible
    when a ray from it towards the viewer hits no face (BVH of all triangles). The ray starts a small
    distance towards the viewer so the faces the edge lies on do not hide it. Where two neighbouring
    samples disagree the boundary is found by bisection to a quarter pixel.
  * Visible pieces that meet end to end in the same colour are chained into one path, and points
    where the path runs straight on are dropped.
  * With fill "color", triangles are drawn where visible (seven probe points each): partly hidden
    ones are split until their pieces are wholly seen, wholly hidden or a few pixels small (a
    triangle none of whose probes is seen is dropped unsplit); the
    small partial pieces are drawn farthest first, the wholly seen ones over them.

RESULT.json: {"width", "height", "paths", "pieces", "candidates", "optionalDrawn", "optionalTotal",
"filledTriangles", "rays", "seconds"}.

Errors: one line `ONEJOB-ERROR: <class>: <message>` on stderr, then the exception propagates and
--python-exit-code makes Blender exit 3. Progress: `ONEJOB-PROGRESS: <percent>` lines on stdout.
"""

import math
import os
import sys
import time

import numpy as np
from mathutils import Vector
from mathutils.bvhtree import BVHTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ldraw_raster  # noqa: E402  (sibling modules, importable only after the path insert)
from onejob_blender import main, progress, read_json, script_arguments, write_result  # noqa: E402

SAMPLE_STEP_PX = 3.0
BISECT_PX = 0.25
MAX_SAMPLES = 512
CHAIN_GRID = 20.0  # endpoints within 1/20 px join
STRAIGHT_PX = 0.05


class Camera:
    """The projection the Swift side fitted; see the module docstring."""

    def __init__(self, spec):
        self.right = np.array(spec["right"], dtype=np.float64)
        self.up = np.array(spec["up"], dtype=np.float64)
        self.to_viewer = np.array(spec["toViewer"], dtype=np.float64)
        self.scale = float(spec["scale"])
        self.min_x = float(spec["minX"])
        self.max_y = float(spec["maxY"])
        self.margin = float(spec["margin"])
        self.width = int(round(spec["width"]))
        self.height = int(round(spec["height"]))

    def project(self, points):
        """(n, 3) LDraw points -> (n, 2) SVG pixels."""
        x = (points @ self.right - self.min_x) * self.scale + self.margin
        y = (self.max_y - points @ self.up) * self.scale + self.margin
        return np.stack([x, y], axis=1)

    def depth(self, points):
        """Larger is nearer the viewer."""
        return points @ self.to_viewer


def points_of(geometry, key, per):
    values = np.asarray(geometry.get(key, []), dtype=np.float64)
    return values.reshape(-1, per, 3)


class Occlusion:
    """Visibility of points by rays towards the viewer through a BVH of every face."""

    def __init__(self, triangles, camera):
        flat = triangles.reshape(-1, 3)
        self.tree = None
        if len(flat):
            vertices = flat.tolist()
            polygons = [(i, i + 1, i + 2) for i in range(0, len(vertices), 3)]
            self.tree = BVHTree.FromPolygons(vertices, polygons, all_triangles=True)
            extent = float(np.linalg.norm(flat.max(axis=0) - flat.min(axis=0)))
        else:
            extent = 1.0
        # Far enough to leave the faces an edge lies on (float32 inside the BVH), near enough not
        # to jump over a real occluder: 10^-4 of the part's size.
        self.offset = extent * 1e-4 + 1e-3
        self.direction = Vector(camera.to_viewer.tolist())
        self.rays = 0

    def visible(self, point):
        if self.tree is None:
            return True
        self.rays += 1
        origin = Vector(point) + self.direction * self.offset
        hit = self.tree.ray_cast(origin, self.direction)
        return hit[0] is None


def optional_candidates(optionals, camera):
    """The LDraw rule: a type 5 line is drawn when its control points lie on the same side of it on screen."""
    if not len(optionals):
        return np.zeros(0, dtype=bool)
    projected = camera.project(optionals.reshape(-1, 3)).reshape(-1, 4, 2)
    a, b, c1, c2 = projected[:, 0], projected[:, 1], projected[:, 2], projected[:, 3]
    d = b - a
    side1 = d[:, 0] * (c1 - a)[:, 1] - d[:, 1] * (c1 - a)[:, 0]
    side2 = d[:, 0] * (c2 - a)[:, 1] - d[:, 1] * (c2 - a)[:, 0]
    return side1 * side2 > 0


def visible_pieces(a3, b3, a2, b2, occlusion):
    """The [t0, t1] parameter ranges of segment a->b that the viewer sees."""
    length_px = float(np.hypot(*(b2 - a2)))
    count = min(MAX_SAMPLES, max(1, int(math.ceil(length_px / SAMPLE_STEP_PX))))
    # Corners are where faces meet; nudge the end samples inside the segment.
    inset = min(0.25, 0.5 / max(length_px, 1e-9))
    direction = b3 - a3

    def seen(t):
        return occlusion.visible((a3 + direction * t).tolist())

    ts = [inset + (1 - 2 * inset) * i / count for i in range(count + 1)]
    flags = [seen(t) for t in ts]
    if all(flags):
        return [(0.0, 1.0)]
    if not any(flags):
        return []

    def boundary(t_seen, t_hidden):
        steps = int(math.ceil(math.log2(max(abs(t_hidden - t_seen) * length_px / BISECT_PX, 1.0)))) + 1
        for _ in range(steps):
            middle = (t_seen + t_hidden) / 2
            if seen(middle):
                t_seen = middle
            else:
                t_hidden = middle
        return t_seen

    pieces = []
    start = 0.0 if flags[0] else None
    for i in range(1, len(ts)):
        if flags[i] == flags[i - 1]:
            continue
        if flags[i]:
            start = boundary(ts[i], ts[i - 1])
        else:
            pieces.append((start, boundary(ts[i - 1], ts[i])))
            start = None
    if start is not None:
        pieces.append((start, 1.0))
    return [(t0, t1) for t0, t1 in pieces if (t1 - t0) * length_px > 0.1]


def chain(segments):
    """Joins (x1, y1, x2, y2, colour) pieces that meet end to end into polylines per colour."""

    def key(colour, x, y):
        return (colour, round(x * CHAIN_GRID), round(y * CHAIN_GRID))

    by_end = {}
    for index, (x1, y1, x2, y2, colour) in enumerate(segments):
        by_end.setdefault(key(colour, x1, y1), []).append(index)
        by_end.setdefault(key(colour, x2, y2), []).append(index)
    used = [False] * len(segments)

    def take(point, colour):
        """The far end of an unused piece that starts or ends at `point`, marking it used."""
        end = key(colour, *point)
        for index in by_end.get(end, []):
            if not used[index]:
                used[index] = True
                x1, y1, x2, y2, _ = segments[index]
                return (x2, y2) if key(colour, x1, y1) == end else (x1, y1)
        return None

    polylines = []
    for index, (x1, y1, x2, y2, colour) in enumerate(segments):
        if used[index]:
            continue
        used[index] = True
        line = [(x1, y1), (x2, y2)]
        while (after := take(line[-1], colour)) is not None:
            line.append(after)
        while (before := take(line[0], colour)) is not None:
            line.insert(0, before)
        polylines.append((colour, simplify(line)))
    return polylines


def simplify(line):
    """Drops points where the polyline runs straight on (collinear within STRAIGHT_PX)."""
    if len(line) < 3:
        return line
    kept = [line[0]]
    for i in range(1, len(line) - 1):
        ax, ay = kept[-1]
        bx, by = line[i]
        cx, cy = line[i + 1]
        dx, dy = cx - ax, cy - ay
        norm = math.hypot(dx, dy)
        forward = (bx - ax) * dx + (by - ay) * dy
        if norm > 1e-9 and abs((bx - ax) * dy - (by - ay) * dx) / norm < STRAIGHT_PX and 0 < forward < norm * norm:
            continue
        kept.append(line[i])
    kept.append(line[-1])
    return kept


def fmt(value):
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path_data(points):
    closed = len(points) > 2 and math.hypot(points[0][0] - points[-1][0], points[0][1] - points[-1][1]) < 1 / CHAIN_GRID
    body = points[:-1] if closed else points
    d = "M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in body)
    return d + " Z" if closed else d


FILL_SPLIT_PX = 6.0


def probes_of(tri):
    """Seven points of a 3-D triangle: centroid, corners and edge midpoints pulled 10 % inwards."""
    centroid = tri.mean(axis=0)
    corners = centroid + (tri - centroid) * 0.9
    midpoints = (corners + np.roll(corners, -1, axis=0)) / 2
    return [centroid.tolist()] + corners.tolist() + midpoints.tolist()


def filled_triangles(triangles, colours, camera, occlusion):
    """Triangles with some visible part as (points2d, colour), in drawing order.

    Painter's order goes wrong where big faces overlap on screen, so a partly hidden triangle is
    split at its longest edge until the pieces are either wholly seen, wholly hidden (dropped) or
    smaller than FILL_SPLIT_PX. Wholly seen pieces cannot overlap one another without one hiding the
    other, so they are drawn last, over the small partial pieces, which alone rely on depth order.
    """
    if not len(triangles):
        return []
    whole, partial = [], []

    def classify(tri, colour, level):
        projected = camera.project(tri)
        e1 = projected[1] - projected[0]
        e2 = projected[2] - projected[0]
        if abs(e1[0] * e2[1] - e1[1] * e2[0]) < 0.02:
            return
        seen = [occlusion.visible(p) for p in probes_of(tri)]
        if all(seen):
            whole.append((projected, colour))
            return
        if not any(seen):
            return
        lengths = [float(np.hypot(*(projected[(i + 1) % 3] - projected[i]))) for i in range(3)]
        longest = int(np.argmax(lengths))
        if lengths[longest] <= FILL_SPLIT_PX or level >= 16:
            partial.append((camera.depth(tri).mean(), projected, colour))
            return
        a, b, c = tri[longest], tri[(longest + 1) % 3], tri[(longest + 2) % 3]
        middle = (a + b) / 2
        classify(np.array([a, middle, c]), colour, level + 1)
        classify(np.array([middle, b, c]), colour, level + 1)

    for tri, colour in zip(triangles, colours):
        classify(tri, int(colour), 0)
    partial.sort(key=lambda item: item[0])
    return [(projected, colour) for _, projected, colour in partial] + whole


def write_svg(path, camera, params, palette, polylines, faces):
    thickness = fmt(params["thickness"])
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{camera.width}" height="{camera.height}" '
        f'viewBox="0 0 {camera.width} {camera.height}">\n')
    if params["background"] != "transparent":
        out.append(f'<rect id="background" x="0" y="0" width="{camera.width}" height="{camera.height}" '
                   f'fill="{params["background"]}"/>\n')
    if faces:
        out.append('<g id="faces" stroke-width="0.5" stroke-linejoin="round">\n')
        for points, colour in faces:
            c = palette[colour]
            pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
            out.append(f'<polygon points="{pts}" fill="{c}" stroke="{c}"/>\n')
        out.append("</g>\n")
    out.append(f'<g id="lines" fill="none" stroke-width="{thickness}" stroke-linecap="round" '
               f'stroke-linejoin="round">\n')
    for colour, points in polylines:
        out.append(f'<path stroke="{palette[colour]}" d="{path_data(points)}"/>\n')
    out.append("</g>\n</svg>\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(out))


def run(argv):
    clock = time.monotonic()
    seconds = {}
    params_path, geometry_path, result_path = script_arguments(argv, ("PARAMS.json", "GEOMETRY.json", "RESULT.json"))
    params = read_json(params_path)
    geometry = read_json(geometry_path)
    camera = Camera(params["camera"])
    palette = geometry["palette"]
    triangles = points_of(geometry, "triangles", 3)
    edges = points_of(geometry, "edges", 2)
    optionals = points_of(geometry, "optionals", 4)
    seconds["load"] = time.monotonic() - clock
    progress(10)

    occlusion = Occlusion(triangles, camera)
    seconds["bvh"] = time.monotonic() - clock - sum(seconds.values())
    progress(25)

    drawn_optional = optional_candidates(optionals, camera)
    starts = np.concatenate([edges[:, 0], optionals[drawn_optional][:, 0]]) if len(edges) or len(optionals) else np.zeros((0, 3))
    ends = np.concatenate([edges[:, 1], optionals[drawn_optional][:, 1]]) if len(edges) or len(optionals) else np.zeros((0, 3))
    colours = list(geometry.get("edgeColors", [])) + [c for c, d in zip(geometry.get("optionalColors", []), drawn_optional) if d]
    starts2 = camera.project(starts) if len(starts) else np.zeros((0, 2))
    ends2 = camera.project(ends) if len(ends) else np.zeros((0, 2))

    pieces = []
    for i in range(len(starts)):
        a2, b2 = starts2[i], ends2[i]
        if math.hypot(*(b2 - a2)) < 1e-6:
            continue
        for t0, t1 in visible_pieces(starts[i], ends[i], a2, b2, occlusion):
            p0 = a2 + (b2 - a2) * t0
            p1 = a2 + (b2 - a2) * t1
            pieces.append((float(p0[0]), float(p0[1]), float(p1[0]), float(p1[1]), int(colours[i])))
    seconds["hiddenLines"] = time.monotonic() - clock - sum(seconds.values())
    progress(60)

    polylines = chain(pieces)
    faces = []
    if params["fill"] == "color":
        faces = filled_triangles(triangles, geometry.get("triangleColors", []), camera, occlusion)
    seconds["chainAndFill"] = time.monotonic() - clock - sum(seconds.values())
    progress(75)

    write_svg(params["svgPath"], camera, params, palette, polylines, faces)
    ldraw_raster.write_png(params["pngPath"], camera.width, camera.height, params["background"],
                           palette, polylines, faces, float(params["thickness"]))
    seconds["write"] = time.monotonic() - clock - sum(seconds.values())
    progress(95)

    result = {
        "width": camera.width,
        "height": camera.height,
        "paths": len(polylines),
        "pieces": len(pieces),
        "candidates": len(starts),
        "optionalDrawn": int(drawn_optional.sum()),
        "optionalTotal": int(len(optionals)),
        "filledTriangles": len(faces),
        "rays": occlusion.rays,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
    }
    write_result(result_path, result)


main(run)

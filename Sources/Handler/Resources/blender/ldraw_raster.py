"""Rasterises the drawing ldraw_svg.py wrote into a PNG preview, with numpy and Blender's image writer.

The preview shows exactly the SVG's content (same polylines, same filled triangles, same colours)
rather than a separate render of the part, so it is a faithful thumbnail of the drawing; and drawing
a few thousand anti-aliased segments with numpy takes tens of milliseconds, less than starting a
render engine.

Compositing is premultiplied "over": faces first (farthest first), then each line colour's coverage
mask (the maximum over its segments, so joints are not drawn twice).
"""

import numpy as np

import bpy


def hex_rgb(colour):
    value = colour.lstrip("#")
    return np.array([int(value[i:i + 2], 16) / 255.0 for i in (0, 2, 4)], dtype=np.float32)


def over(canvas, region, coverage, rgb):
    """Composites `rgb` with `coverage` (h, w) onto canvas[region] (premultiplied RGBA)."""
    alpha = coverage[..., None]
    target = canvas[region]
    target[..., :3] = rgb * alpha + target[..., :3] * (1 - alpha)
    target[..., 3:] = alpha + target[..., 3:] * (1 - alpha)


def fill_triangle(canvas, points, rgb):
    width, height = canvas.shape[1], canvas.shape[0]
    x0 = max(int(np.floor(points[:, 0].min())) - 1, 0)
    x1 = min(int(np.ceil(points[:, 0].max())) + 1, width)
    y0 = max(int(np.floor(points[:, 1].min())) - 1, 0)
    y1 = min(int(np.ceil(points[:, 1].max())) + 1, height)
    if x0 >= x1 or y0 >= y1:
        return
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    xs += 0.5
    ys += 0.5
    distances = []
    orientation = np.sign((points[1, 0] - points[0, 0]) * (points[2, 1] - points[0, 1])
                          - (points[1, 1] - points[0, 1]) * (points[2, 0] - points[0, 0])) or 1.0
    for i in range(3):
        a, b = points[i], points[(i + 1) % 3]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = float(np.hypot(dx, dy)) or 1.0
        distances.append(orientation * ((xs - a[0]) * dy - (ys - a[1]) * dx) / -length)
    # Signed distance inside the triangle; +0.5 px so neighbouring triangles leave no seam.
    coverage = np.clip(np.minimum(np.minimum(distances[0], distances[1]), distances[2]) + 0.75, 0, 1)
    over(canvas, (slice(y0, y1), slice(x0, x1)), coverage, rgb)


def stroke_mask(mask, a, b, radius):
    height, width = mask.shape
    reach = radius + 1.0
    x0 = max(int(np.floor(min(a[0], b[0]) - reach)), 0)
    x1 = min(int(np.ceil(max(a[0], b[0]) + reach)), width)
    y0 = max(int(np.floor(min(a[1], b[1]) - reach)), 0)
    y1 = min(int(np.ceil(max(a[1], b[1]) + reach)), height)
    if x0 >= x1 or y0 >= y1:
        return
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    xs += 0.5
    ys += 0.5
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 > 0:
        t = np.clip(((xs - a[0]) * dx + (ys - a[1]) * dy) / length2, 0, 1)
    else:
        t = np.zeros_like(xs)
    distance = np.hypot(xs - (a[0] + t * dx), ys - (a[1] + t * dy))
    coverage = np.clip(radius + 0.5 - distance, 0, 1)
    region = mask[y0:y1, x0:x1]
    np.maximum(region, coverage, out=region)


def write_png(path, width, height, background, palette, polylines, faces, thickness):
    canvas = np.zeros((height, width, 4), dtype=np.float32)
    if background != "transparent":
        canvas[..., :3] = hex_rgb(background)
        canvas[..., 3] = 1.0
    for points, colour in faces:
        fill_triangle(canvas, np.asarray(points, dtype=np.float32), hex_rgb(palette[colour]))
    radius = max(thickness / 2.0, 0.5)
    by_colour = {}
    for colour, points in polylines:
        by_colour.setdefault(colour, []).append(points)
    for colour, lines in by_colour.items():
        mask = np.zeros((height, width), dtype=np.float32)
        for points in lines:
            for a, b in zip(points, points[1:]):
                stroke_mask(mask, a, b, radius)
        over(canvas, (slice(None), slice(None)), mask, hex_rgb(palette[colour]))

    alpha = canvas[..., 3:]
    straight = np.where(alpha > 0, canvas[..., :3] / np.maximum(alpha, 1e-6), 0)
    pixels = np.concatenate([straight, alpha], axis=2)[::-1]  # Blender stores rows bottom-up
    image = bpy.data.images.new("ldraw-preview", width, height, alpha=True)
    image.pixels.foreach_set(np.ascontiguousarray(pixels, dtype=np.float32).ravel())
    image.filepath_raw = path
    image.file_format = "PNG"
    image.save()
    bpy.data.images.remove(image)

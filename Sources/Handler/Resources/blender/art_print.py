"""Restyles a photo for print with Blender's compositor; run by onejob's ArtPrintHandler.

Usage (never with parameters in Python source):
    blender -b --factory-startup -noaudio --disable-autoexec --python-exit-code 3 \
        --python art_print.py -- PARAMS.json RESULT.json

PARAMS.json (written by the Swift side, already validated; geometry already resolved):
    inputPath     the photo (PNG, JPEG or TIFF); its header was checked in Swift (pixel cap)
    style         none | watercolor | oil | sketch | pencil | posterize
    widthPx       print width in pixels (inches x dpi, orientation applied)
    heightPx      print height in pixels
    fit           cover (scale to fill, crop the overflow) | contain (scale to fit, pad)
    padColor      [r, g, b] in 0..1, sRGB, for contain and for transparent photos
    smoothPath    scratch file for the reduced-resolution smoothing pass
    tiffPath      where print.tiff goes (8-bit RGB, deflate)
    previewPath   where preview.jpg goes
    previewEdge   longest edge of the preview in pixels (1200)
    previewQuality JPEG quality (85)

Rules that matter (the Swift tests check them):
  * View transform Standard, look None, no dither: the default Filmic transform shifts every
    colour, and style "none" must return the photo's colours (mean difference <= 2/255).
  * Edge-preserving smoothing (Bilateral Blur) costs ~150 s at 2700x3600 but is what watercolor and
    oil need, so it runs in a first render at a reduced size (longest edge <= SMOOTH_EDGE px) and the
    second, full-size render scales that result up and adds full-resolution detail (edges, grain).
  * The compositor has no Render Layers node, so Blender renders no scene: compositing only.
  * Blender writes 72 dpi; the Swift side patches the TIFF's resolution tags afterwards.

RESULT.json: {"widthPx", "heightPx", "sourceWidth", "sourceHeight", "smoothPercent", "seconds": {...}}.
Errors: `ONEJOB-ERROR: <class>: <message>` on stderr (bad-input: the photo cannot be decoded).
Progress: `ONEJOB-PROGRESS: <percent>` on stdout.
"""

import os
import sys
import time

import bpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from onejob_blender import (  # noqa: E402  (a sibling module, importable only after the path insert)
    BadInput, main, progress, read_json, script_arguments, write_result)

STYLES = ("none", "watercolor", "oil", "sketch", "pencil", "posterize")
SMOOTHED = ("watercolor", "oil", "posterize")
SMOOTH_EDGE = 900


def read_params(path):
    params = read_json(path)
    required = ("inputPath", "style", "widthPx", "heightPx", "fit", "padColor", "smoothPath", "tiffPath",
                "previewPath", "previewEdge", "previewQuality")
    missing = [key for key in required if key not in params]
    if missing:
        raise ValueError(f"params file lacks {', '.join(missing)}")
    if params["style"] not in STYLES:
        raise ValueError(f"unknown style {params['style']!r}")
    return params


def setup_scene(width, height, percent):
    scene = bpy.context.scene
    render = scene.render
    render.resolution_x = width
    render.resolution_y = height
    render.resolution_percentage = percent
    render.dither_intensity = 0.0
    render.use_file_extension = False
    scene.view_settings.view_transform = "Standard"
    scene.view_settings.look = "None"
    scene.view_settings.exposure = 0.0
    scene.view_settings.gamma = 1.0
    scene.display_settings.display_device = "sRGB"
    scene.use_nodes = True
    for node in list(scene.node_tree.nodes):
        scene.node_tree.nodes.remove(node)
    return scene


def load_photo(path):
    try:
        image = bpy.data.images.load(path, check_existing=False)
    except RuntimeError as error:
        raise BadInput(f"the image could not be decoded: {error}") from error
    # Blender loads lazily: asking for the size decodes the file, and a corrupt one comes back 0x0.
    if image.size[0] == 0 or image.size[1] == 0:
        raise BadInput("the image could not be decoded")
    image.colorspace_settings.name = "sRGB"
    return image


class Graph:
    """Small helpers over the scene's compositor tree, so the styles read as pipelines."""

    def __init__(self, scene):
        self.nodes = scene.node_tree.nodes
        self.links = scene.node_tree.links

    def node(self, kind, inputs=(), **settings):
        node = self.nodes.new(kind)
        for name, value in settings.items():
            setattr(node, name, value)
        for index, source in enumerate(inputs):
            if source is None:
                continue
            if hasattr(source, "links"):
                self.links.new(source, node.inputs[index])
            else:
                node.inputs[index].default_value = source
        return node

    def image(self, image):
        return self.node("CompositorNodeImage", image=image).outputs[0]

    def fit(self, socket, fit, pad):
        """The photo scaled to the render size: cropped (cover) or padded (contain), on the pad colour."""
        method = "CROP" if fit == "cover" else "FIT"
        scaled = self.node("CompositorNodeScale", [socket], space="RENDER_SIZE", frame_method=method).outputs[0]
        return self.node("CompositorNodeAlphaOver", [1.0, (*pad, 1.0), scaled]).outputs[0]

    def stretch(self, socket):
        return self.node("CompositorNodeScale", [socket], space="RENDER_SIZE", frame_method="STRETCH").outputs[0]

    def mix(self, blend, fac, first, second):
        return self.node("CompositorNodeMixRGB", [fac, first, second], blend_type=blend, use_clamp=True).outputs[0]

    def gray(self, socket):
        return self.node("CompositorNodeRGBToBW", [socket]).outputs[0]

    def filter(self, kind, socket, fac=1.0):
        return self.node("CompositorNodeFilter", [fac, socket], filter_type=kind).outputs[0]

    def hue_sat(self, socket, saturation=1.0, value=1.0):
        return self.node("CompositorNodeHueSat", [socket, 0.5, saturation, value, 1.0]).outputs[0]

    def bilateral(self, socket, iterations, sigma_color, sigma_space):
        return self.node("CompositorNodeBilateralblur", [socket, socket], iterations=iterations,
                         sigma_color=sigma_color, sigma_space=sigma_space).outputs[0]

    def ink(self, socket, strength):
        """Dark lines where the luminance changes: 1 on flat areas, towards 0 on edges."""
        edges = self.filter("SOBEL", self.gray(socket))
        return self.node("CompositorNodeMath", [edges, strength], operation="MULTIPLY", use_clamp=True).outputs[0]

    def composite(self, socket):
        self.node("CompositorNodeComposite", [socket], use_alpha=False)


def smoothing_pass(style, graph, fitted):
    """The reduced-resolution part of a style: everything that needs more than a 3x3 neighbourhood.

    Rendered first at a small percentage; at full size only point operations and at most one 3x3
    filter run, because every full-size filter buffers the whole 78 MP float image of a 24x36.
    """
    if style == "watercolor":
        smooth = graph.bilateral(fitted, iterations=3, sigma_color=0.25, sigma_space=3.0)
        wash = graph.hue_sat(smooth, saturation=0.85, value=1.08)
        pigment = graph.node("CompositorNodePosterize", [wash, 12.0]).outputs[0]
        bands = graph.mix("MIX", 0.5, wash, pigment)
        return graph.mix("SUBTRACT", 0.35, bands, graph.ink(smooth, 1.5))
    if style == "oil":
        smooth = graph.bilateral(fitted, iterations=2, sigma_color=0.4, sigma_space=3.0)
        return graph.hue_sat(graph.filter("SHARPEN", smooth, 0.8), saturation=1.3)
    return graph.bilateral(fitted, iterations=1, sigma_color=0.15, sigma_space=2.0)


def full_pass(style, graph, fitted, smooth):
    """The full-resolution part: the upscaled smoothing pass, or line work from the photo itself."""
    if style == "none":
        return fitted
    if style == "watercolor":
        return smooth
    if style == "oil":
        relief = graph.filter("SHADOW", graph.gray(fitted), 1.0)
        return graph.mix("OVERLAY", 0.2, smooth, relief)
    if style == "posterize":
        return graph.node("CompositorNodePosterize", [smooth, 5.0]).outputs[0]
    lines = graph.node("CompositorNodeInvert", [1.0, graph.ink(fitted, 2.0)], invert_rgb=True).outputs[0]
    if style == "sketch":
        washed = graph.mix("MIX", 0.55, fitted, (1.0, 1.0, 1.0, 1.0))
        return graph.mix("MULTIPLY", 1.0, washed, lines)
    # pencil: graphite on white paper, monochrome.
    paper = graph.mix("MIX", 0.65, graph.gray(fitted), (1.0, 1.0, 1.0, 1.0))
    return graph.mix("MULTIPLY", 1.0, paper, lines)


def srgb_to_linear(value):
    """Colour sockets hold scene-linear values; the job's pad colour is sRGB like the photo."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def render_to(scene, path, file_format, **settings):
    image_settings = scene.render.image_settings
    image_settings.file_format = file_format
    image_settings.color_mode = "RGB"
    for name, value in settings.items():
        setattr(image_settings, name, value)
    scene.render.filepath = path
    bpy.ops.render.render(write_still=True)
    if not os.path.exists(path):
        raise RuntimeError(f"the compositor wrote no {os.path.basename(path)}")


def smooth_percent(width, height):
    return max(1, min(25, (100 * SMOOTH_EDGE) // max(width, height)))


def run(argv):
    params_path, result_path = script_arguments(argv, ("PARAMS.json", "RESULT.json"))
    params = read_params(params_path)
    seconds = {}
    started = time.monotonic()
    progress(2)
    width, height, style = params["widthPx"], params["heightPx"], params["style"]
    pad = tuple(srgb_to_linear(component) for component in params["padColor"])

    scene = setup_scene(width, height, 100)
    photo = load_photo(params["inputPath"])
    source_size = (photo.size[0], photo.size[1])
    seconds["load"] = time.monotonic() - started
    progress(10)

    percent = smooth_percent(width, height)
    smooth_image = None
    if style in SMOOTHED:
        mark = time.monotonic()
        scene.render.resolution_percentage = percent
        graph = Graph(scene)
        graph.composite(smoothing_pass(style, graph, graph.fit(graph.image(photo), params["fit"], pad)))
        render_to(scene, params["smoothPath"], "PNG", color_depth="16", compression=0)
        smooth_image = bpy.data.images.load(params["smoothPath"], check_existing=False)
        smooth_image.colorspace_settings.name = "sRGB"
        scene = setup_scene(width, height, 100)
        seconds["smooth"] = time.monotonic() - mark
    progress(40)

    mark = time.monotonic()
    graph = Graph(scene)
    fitted = graph.fit(graph.image(photo), params["fit"], pad)
    smooth = graph.stretch(graph.image(smooth_image)) if smooth_image else None
    graph.composite(full_pass(style, graph, fitted, smooth))
    render_to(scene, params["tiffPath"], "TIFF", color_depth="8", tiff_codec="DEFLATE")
    seconds["print"] = time.monotonic() - mark
    progress(85)

    mark = time.monotonic()
    preview = bpy.data.images.load(params["tiffPath"], check_existing=False)
    scale = params["previewEdge"] / max(width, height)
    preview.scale(max(1, round(width * scale)), max(1, round(height * scale)))
    image_settings = scene.render.image_settings
    image_settings.file_format = "JPEG"
    image_settings.color_mode = "RGB"
    image_settings.quality = params["previewQuality"]
    preview.save_render(params["previewPath"], scene=scene)
    seconds["preview"] = time.monotonic() - mark

    result = {
        "widthPx": width, "heightPx": height,
        "sourceWidth": source_size[0], "sourceHeight": source_size[1],
        "smoothPercent": percent if smooth_image else 0,
        "seconds": seconds,
    }
    write_result(result_path, result)


main(run)

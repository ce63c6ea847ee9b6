"""Builds a 3-D text mesh in Blender and exports it; run by onejob's TextMeshHandler.

Usage (never with parameters in Python source):
    blender -b --factory-startup -noaudio --disable-autoexec --python-exit-code 3 \
        --python text_mesh.py -- PARAMS.json RESULT.json

PARAMS.json (written by the Swift side, already validated):
    text        the literal text; assigned to the curve body as data, never evaluated
    font        absolute path of a TTF/OTF file
    height      cap height in mm
    depth       total thickness in mm (Z extent of the mesh)
    bevel       rounding of the edges in mm (<= depth / 2)
    format      stl | obj | ply | fbx | glb
    outputPath  where to write the mesh file

Geometry rules (the Swift tests check them):
  * 1 Blender unit = 1 mm; the scene units say so (metric, scale_length 0.001), which is
    what makes the FBX exporter write UnitScaleFactor 0.1 (file unit = 0.1 cm = 1 mm).
  * Cap height: Blender's font size is the em size, not the cap height, and the ratio differs
    per font. So the script MEASURES the Y extent of a capital "H" in the same font at size 1
    and sets size = height / H_height; a capital then measures exactly `height` mm.
  * Depth: Blender's extrude is symmetric about the glyph plane, so extrude = depth / 2.
    With a bevel, the bevel is kept inside the box: extrude = depth / 2 - bevel and the outline
    is offset inwards by the bevel, so the Z extent stays `depth` and the cap height `height`.
  * Placement: the bounding box's minimum corner is at the origin (min x = min y = min z = 0),
    so the part sits on the print bed in the positive octant.
  * Axes: STL and PLY keep Blender's Z-up (what slicers expect); OBJ, FBX and glTF are written
    Y-up as their formats prescribe.
  * glTF is defined in metres, so the GLB's vertices are scaled by 0.001 (20 mm -> 0.02).

RESULT.json: {"triangles", "boundsMm": {"x", "y", "z"}, "manifold", "capHeightAtSize1", "fontSize",
"body"}; "body" is the curve's text read back from Blender, so tests can prove it arrived literally.

Errors: one line `ONEJOB-ERROR: <class>: <message>` on stderr, class `bad-input` (the font or the
text cannot be used) or `tool-failed`; then the exception propagates and --python-exit-code makes
Blender exit 3. Progress: `ONEJOB-PROGRESS: <percent>` lines on stdout.
"""

import json
import sys

import bmesh
import bpy
from mathutils import Matrix, Vector

FORMATS = ("stl", "obj", "ply", "fbx", "glb")


class BadInput(Exception):
    """The job's data cannot be turned into a mesh; retrying will not help."""


def progress(percent):
    print(f"ONEJOB-PROGRESS: {percent}", flush=True)


def script_arguments(argv):
    """The two paths after `--`: Blender's own options come before it."""
    if "--" not in argv:
        raise ValueError("expected: -- PARAMS.json RESULT.json")
    rest = argv[argv.index("--") + 1:]
    if len(rest) != 2:
        raise ValueError(f"expected 2 arguments after --, got {len(rest)}")
    return rest[0], rest[1]


def read_params(path):
    with open(path, "r", encoding="utf-8") as handle:
        params = json.load(handle)
    required = ("text", "font", "height", "depth", "bevel", "format", "outputPath")
    missing = [key for key in required if key not in params]
    if missing:
        raise ValueError(f"params file lacks {', '.join(missing)}")
    if params["format"] not in FORMATS:
        raise ValueError(f"unknown format {params['format']!r}")
    return params


def reset_scene():
    """Empties the factory scene (cube, camera, light) and declares millimetres."""
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)
    scene = bpy.context.scene
    scene.unit_settings.system = "METRIC"
    scene.unit_settings.scale_length = 0.001
    scene.unit_settings.length_unit = "MILLIMETERS"
    return scene


def load_font(path):
    try:
        return bpy.data.fonts.load(path, check_existing=True)
    except (RuntimeError, OSError) as error:
        raise BadInput(f"font {path} could not be loaded: {error}") from error


def text_object(scene, name, body, font, size, extrude=0.0, bevel=0.0):
    curve = bpy.data.curves.new(name, type="FONT")
    curve.font = font
    curve.font_bold = font
    curve.font_italic = font
    curve.font_bold_italic = font
    curve.body = body
    curve.size = size
    curve.extrude = extrude
    curve.bevel_depth = bevel
    curve.offset = -bevel
    curve.bevel_resolution = 3 if bevel > 0 else 0
    obj = bpy.data.objects.new(name, curve)
    scene.collection.objects.link(obj)
    return obj


def evaluated_mesh(obj):
    """A new mesh datablock from the curve object as evaluated (fill, extrude, bevel applied)."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    return bpy.data.meshes.new_from_object(obj.evaluated_get(depsgraph))


def measure_cap_height(scene, font):
    """Y extent of a capital H at size 1: the factor between font size and cap height."""
    probe = text_object(scene, "cap-probe", "H", font, 1.0)
    mesh = evaluated_mesh(probe)
    ys = [vertex.co.y for vertex in mesh.vertices]
    bpy.data.objects.remove(probe, do_unlink=True)
    bpy.data.meshes.remove(mesh)
    if not ys or max(ys) - min(ys) <= 0:
        raise BadInput("the font has no capital H glyph to measure the cap height from")
    return max(ys) - min(ys)


def finish_mesh(mesh):
    """Welds, triangulates, moves the minimum corner to the origin; returns facts about it."""
    bm = bmesh.new()
    bm.from_mesh(mesh)
    # The curve converter emits caps and walls with separate vertices; weld them so the
    # solid is closed and the manifold test below means something.
    bmesh.ops.remove_doubles(bm, verts=bm.verts, dist=1e-4)
    bmesh.ops.triangulate(bm, faces=bm.faces)
    if not bm.verts:
        bm.free()
        raise BadInput("the text has no visible glyphs in this font")
    low = Vector([min(v.co[axis] for v in bm.verts) for axis in range(3)])
    high = Vector([max(v.co[axis] for v in bm.verts) for axis in range(3)])
    bmesh.ops.translate(bm, verts=bm.verts, vec=-low)
    manifold = all(len(edge.link_faces) == 2 for edge in bm.edges)
    triangles = len(bm.faces)
    bm.to_mesh(mesh)
    bm.free()
    size = high - low
    return {
        "triangles": triangles,
        "boundsMm": {"x": size.x, "y": size.y, "z": size.z},
        "manifold": manifold,
    }


def export(obj, fmt, path):
    bpy.ops.object.select_all(action="DESELECT")
    obj.select_set(True)
    bpy.context.view_layer.objects.active = obj
    if fmt == "stl":
        bpy.ops.export_mesh.stl(filepath=path, ascii=False, use_selection=True, global_scale=1.0,
                                use_scene_unit=False)
    elif fmt == "obj":
        if hasattr(bpy.ops.wm, "obj_export"):
            bpy.ops.wm.obj_export(filepath=path, export_selected_objects=True, export_materials=False,
                                  export_uv=False, global_scale=1.0)
        else:
            bpy.ops.export_scene.obj(filepath=path, use_selection=True, use_materials=False,
                                     global_scale=1.0)
    elif fmt == "ply":
        bpy.ops.export_mesh.ply(filepath=path, use_selection=True, use_ascii=False, use_normals=False,
                                use_uv_coords=False, use_colors=False, global_scale=1.0)
    elif fmt == "fbx":
        bpy.ops.export_scene.fbx(filepath=path, use_selection=True, object_types={"MESH"},
                                 apply_unit_scale=True, apply_scale_options="FBX_SCALE_UNITS",
                                 global_scale=1.0, bake_anim=False)
    elif fmt == "glb":
        obj.data.transform(Matrix.Scale(0.001, 4))
        bpy.ops.export_scene.gltf(filepath=path, export_format="GLB", use_selection=True,
                                  export_apply=True, export_yup=True, export_materials="NONE",
                                  export_animations=False)


def run(argv):
    params_path, result_path = script_arguments(argv)
    params = read_params(params_path)
    progress(5)
    scene = reset_scene()
    font = load_font(params["font"])
    cap = measure_cap_height(scene, font)
    size = params["height"] / cap
    progress(20)

    bevel = params["bevel"]
    extrude = max(params["depth"] / 2 - bevel, 0.0)
    text = text_object(scene, "text", params["text"], font, size, extrude=extrude, bevel=bevel)
    text_body = text.data.body
    mesh = evaluated_mesh(text)
    bpy.data.objects.remove(text, do_unlink=True)
    progress(50)

    facts = finish_mesh(mesh)
    solid = bpy.data.objects.new("text-mesh", mesh)
    scene.collection.objects.link(solid)
    progress(70)

    export(solid, params["format"], params["outputPath"])
    progress(95)

    facts["capHeightAtSize1"] = cap
    facts["fontSize"] = size
    facts["body"] = text_body
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump(facts, handle)
    progress(100)


def one_line(error):
    """The error's message on one line, so the Swift side can find it by prefix."""
    return " ".join(str(error).split()) or type(error).__name__


def main():
    try:
        run(sys.argv)
    except BadInput as error:
        print(f"ONEJOB-ERROR: bad-input: {one_line(error)}", file=sys.stderr, flush=True)
        raise
    except Exception as error:
        print(f"ONEJOB-ERROR: tool-failed: {type(error).__name__}: {one_line(error)}", file=sys.stderr, flush=True)
        raise


main()

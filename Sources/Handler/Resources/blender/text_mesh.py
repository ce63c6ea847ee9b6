"""Builds a 3-D text mesh in Blender and exports it; run by onejob's TextMeshHandler.

Usage (never with parameters in Python source):
    blender -b --factory-startup -noaudio --disable-autoexec --python-exit-code 3 \
        --python text_mesh.py -- PARAMS.json RESULT.json

PARAMS.json (written by the Swift side, already validated):
    text        the literal text; assigned to the curve body as data, never evaluated (or null)
    logoPath    an SVG file to extrude instead of text (or null); exactly one of text / logoPath
    previewPath where to render a PNG preview of the mesh (Workbench), or null for none
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
  * Logos: Blender's SVG importer makes one 2-D curve object per path, its subpaths as splines of
    that curve, and the curve fill turns nested splines into holes (even-odd / compound paths).
    The filled outlines are converted to a flat mesh, scaled uniformly so the Y extent is `height`,
    and extruded along Z by `depth` (bmesh), which keeps the walls exactly `depth` tall.
  * Preview: Workbench (the only engine that needs no light setup or sampling), an orthographic
    camera above the part tilted 35 degrees, rendered before the export (GLB rescales the mesh).

RESULT.json: {"triangles", "boundsMm": {"x", "y", "z"}, "manifold", "capHeightAtSize1", "fontSize",
"body"}; "body" is the curve's text read back from Blender, so tests can prove it arrived literally.

Errors: one line `ONEJOB-ERROR: <class>: <message>` on stderr, class `bad-input` (the font or the
text cannot be used) or `tool-failed`; then the exception propagates and --python-exit-code makes
Blender exit 3. Progress: `ONEJOB-PROGRESS: <percent>` lines on stdout.
"""

import math
import os
import sys

import bmesh
import bpy
from mathutils import Matrix, Vector

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from onejob_blender import (  # noqa: E402  (a sibling module, importable only after the path insert)
    BadInput, main, progress, read_json, script_arguments, write_result)

FORMATS = ("stl", "obj", "ply", "fbx", "glb")
PREVIEW_EDGE = 800


def read_params(path):
    params = read_json(path)
    required = ("font", "height", "depth", "bevel", "format", "outputPath")
    missing = [key for key in required if key not in params]
    if missing:
        raise ValueError(f"params file lacks {', '.join(missing)}")
    if (params.get("text") is None) == (params.get("logoPath") is None):
        raise ValueError("params file needs exactly one of text and logoPath")
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


def logo_mesh(path, height, depth):
    """The SVG's filled outlines as one flat mesh, scaled to `height`, extruded by `depth`."""
    before = set(bpy.data.objects)
    try:
        result = bpy.ops.import_curve.svg(filepath=path)
    except RuntimeError as error:
        raise BadInput(f"the logo could not be read as SVG: {error}") from error
    curves = [obj for obj in bpy.data.objects if obj not in before and obj.type == "CURVE"]
    if "FINISHED" not in result or not curves:
        raise BadInput("the logo has no paths to extrude")
    bm = bmesh.new()
    depsgraph = bpy.context.evaluated_depsgraph_get()
    for obj in curves:
        obj.data.dimensions = "2D"
        obj.data.fill_mode = "BOTH"
        obj.data.extrude = 0.0
        obj.data.bevel_depth = 0.0
    depsgraph.update()
    for obj in curves:
        flat = bpy.data.meshes.new_from_object(obj.evaluated_get(depsgraph))
        flat.transform(obj.matrix_world)
        bm.from_mesh(flat)
        bpy.data.meshes.remove(flat)
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)
    bmesh.ops.remove_doubles(bm, verts=bm.verts, dist=1e-6)
    if not bm.faces:
        bm.free()
        raise BadInput("the logo has no closed, filled shapes to extrude")
    ys = [v.co.y for v in bm.verts]
    extent = max(ys) - min(ys)
    if extent <= 0:
        bm.free()
        raise BadInput("the logo has no height")
    for vertex in bm.verts:
        vertex.co.z = 0.0
    bmesh.ops.scale(bm, vec=Vector((height / extent,) * 3), verts=bm.verts)
    # All fill faces face +Z after the flatten; extruding the region builds the walls.
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces)
    for face in bm.faces:
        if face.normal.z < 0:
            face.normal_flip()
    extruded = bmesh.ops.extrude_face_region(bm, geom=list(bm.faces))
    top = [element for element in extruded["geom"] if isinstance(element, bmesh.types.BMVert)]
    bmesh.ops.translate(bm, verts=top, vec=Vector((0.0, 0.0, depth)))
    bmesh.ops.recalc_face_normals(bm, faces=bm.faces)
    mesh = bpy.data.meshes.new("logo")
    bm.to_mesh(mesh)
    bm.free()
    return mesh


def render_preview(scene, obj, path):
    """A Workbench PNG of the part from above at an angle, fitted to its bounds."""
    corners = [obj.matrix_world @ Vector(corner) for corner in obj.bound_box]
    low = Vector([min(c[axis] for c in corners) for axis in range(3)])
    high = Vector([max(c[axis] for c in corners) for axis in range(3)])
    centre = (low + high) / 2
    size = high - low
    camera_data = bpy.data.cameras.new("preview")
    camera_data.type = "ORTHO"
    camera_data.ortho_scale = max(size.x, size.y, size.z) * 1.15
    camera_data.clip_end = 10 * max(size.length, 1.0)
    camera = bpy.data.objects.new("preview", camera_data)
    scene.collection.objects.link(camera)
    tilt = math.radians(35)
    distance = 2 * max(size.length, 1.0)
    camera.location = centre + Vector((0.0, -math.sin(tilt), math.cos(tilt))) * distance
    camera.rotation_euler = (tilt, 0.0, 0.0)
    scene.camera = camera
    render = scene.render
    render.engine = "BLENDER_WORKBENCH"
    aspect = size.x / max(size.y, 1e-9)
    render.resolution_x = PREVIEW_EDGE if aspect >= 1 else max(16, round(PREVIEW_EDGE * aspect))
    render.resolution_y = PREVIEW_EDGE if aspect < 1 else max(16, round(PREVIEW_EDGE / max(aspect, 1e-9)))
    render.resolution_y = min(max(render.resolution_y, PREVIEW_EDGE // 2), PREVIEW_EDGE)
    render.resolution_percentage = 100
    render.film_transparent = False
    render.image_settings.file_format = "PNG"
    render.image_settings.color_mode = "RGB"
    render.use_file_extension = False
    render.filepath = path
    scene.display.shading.light = "STUDIO"
    scene.display.shading.color_type = "SINGLE"
    scene.display.shading.single_color = (0.8, 0.45, 0.1)
    scene.view_settings.view_transform = "Standard"
    bpy.ops.render.render(write_still=True)
    bpy.data.objects.remove(camera, do_unlink=True)


def volume(mesh):
    """Signed volume by the divergence theorem (positive for outward normals); for the result."""
    bm = bmesh.new()
    bm.from_mesh(mesh)
    total = bm.calc_volume(signed=True)
    bm.free()
    return total


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
    params_path, result_path = script_arguments(argv, ("PARAMS.json", "RESULT.json"))
    params = read_params(params_path)
    progress(5)
    scene = reset_scene()
    cap = size = text_body = None
    if params.get("logoPath") is not None:
        mesh = logo_mesh(params["logoPath"], params["height"], params["depth"])
        progress(50)
    else:
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
    progress(60)
    if params.get("previewPath"):
        render_preview(scene, solid, params["previewPath"])
    progress(75)

    export(solid, params["format"], params["outputPath"])
    progress(95)

    if text_body is not None:
        facts["capHeightAtSize1"] = cap
        facts["fontSize"] = size
        facts["body"] = text_body
    facts["volumeMm3"] = volume(solid.data)
    write_result(result_path, facts)


main(run)

/// Content-Type of an upload, from its file extension.
///
/// Browsers and CDNs act on it (a preview PNG served as `application/octet-stream` downloads instead of
/// showing), so the outputs onejob makes get their registered types; anything else is a plain byte stream.
public enum S3ContentType {
    public static let fallback = "application/octet-stream"

    static let byExtension: [String: String] = [
        "stl": "model/stl",
        "obj": "model/obj",
        "glb": "model/gltf-binary",
        "gltf": "model/gltf+json",
        "ply": "application/octet-stream",
        "fbx": "application/octet-stream",
        "3mf": "model/3mf",
        "step": "model/step",
        "stp": "model/step",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "tif": "image/tiff",
        "tiff": "image/tiff",
        "webp": "image/webp",
        "gcode": "text/x.gcode",
        "json": "application/json",
        "txt": "text/plain; charset=utf-8",
        "log": "text/plain; charset=utf-8",
        "html": "text/html; charset=utf-8",
        "zip": "application/zip",
    ]

    /// The type for `path`'s extension (case-insensitive), or ``fallback``.
    public static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }
}

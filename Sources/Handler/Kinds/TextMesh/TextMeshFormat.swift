/// The mesh file formats `text-mesh` writes, with their file extension and content type.
public enum TextMeshFormat: String, Sendable, CaseIterable {
    case stl, obj, ply, fbx, glb

    public var fileExtension: String { rawValue }

    /// The upload's Content-Type. STL, OBJ and glTF have registered `model/` types; PLY and FBX
    /// have none (`model/ply` is not registered, FBX is proprietary), so they go as octet-stream.
    public var contentType: String {
        switch self {
        case .stl: "model/stl"
        case .obj: "model/obj"
        case .glb: "model/gltf-binary"
        case .ply, .fbx: "application/octet-stream"
        }
    }
}

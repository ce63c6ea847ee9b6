import Runtime

/// What `text_mesh.py` measured, read from its RESULT.json.
///
/// The script measures rather than the Swift side re-reading five mesh formats: Blender already
/// holds the mesh, and bmesh answers "is every edge shared by exactly two faces" directly.
public struct TextMeshFacts: Sendable, Equatable {
    public var triangles: Int
    /// Extent of the mesh in millimetres (Blender axes: X along the text, Y up the letters, Z depth).
    public var boundsMm: (x: Double, y: Double, z: Double)
    /// Every edge borders exactly two faces: a closed solid a slicer can fill.
    public var manifold: Bool

    public static func == (lhs: TextMeshFacts, rhs: TextMeshFacts) -> Bool {
        lhs.triangles == rhs.triangles && lhs.boundsMm == rhs.boundsMm && lhs.manifold == rhs.manifold
    }

    /// - Throws: ``JobError`` `.toolFailed` when the file is not what the script writes.
    public init(resultJSON bytes: [UInt8]) throws(JobError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw JobError.toolFailed("text_mesh.py wrote an unreadable result: \(error)")
        }
        guard let triangles = value["triangles"]?.doubleValue,
            let bounds = value["boundsMm"],
            let x = bounds["x"]?.doubleValue, let y = bounds["y"]?.doubleValue, let z = bounds["z"]?.doubleValue,
            let manifold = value["manifold"]?.boolValue
        else {
            throw JobError.toolFailed("text_mesh.py wrote a result without triangles, boundsMm or manifold")
        }
        self.triangles = Int(triangles)
        self.boundsMm = (x, y, z)
        self.manifold = manifold
    }

    /// The `metrics` object of `result.json`.
    public var metrics: JSONValue {
        .object([
            "triangles": .number(Double(triangles)),
            "boundsMm": .object(["x": .number(boundsMm.x), "y": .number(boundsMm.y), "z": .number(boundsMm.z)]),
            "manifold": .bool(manifold),
        ])
    }
}

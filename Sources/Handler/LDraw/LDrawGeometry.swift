/// A part flattened into world-space primitives with resolved colours: what Blender is handed.
///
/// Flat arrays (3 points per triangle, 2 per edge, 4 per optional line) keep the file Blender reads
/// small and let the script load it without walking nested objects.
public struct LDrawGeometry: Sendable, Equatable {
    /// `#rrggbb` colours; the `…Colors` arrays index into it.
    public var palette: [String] = []
    /// Three points per triangle (quads arrive split into two).
    public var triangles: [LDrawVector] = []
    public var triangleColors: [Int] = []
    /// Two points per edge line (type 2).
    public var edges: [LDrawVector] = []
    public var edgeColors: [Int] = []
    /// Four points per optional line (type 5): the line's two ends, then its two control points.
    public var optionals: [LDrawVector] = []
    public var optionalColors: [Int] = []
    /// Distinct library files read to build it.
    public var filesRead = 0

    private var paletteIndex: [String: Int] = [:]

    public init() {}

    public var triangleCount: Int { triangleColors.count }
    public var edgeCount: Int { edgeColors.count }
    public var optionalCount: Int { optionalColors.count }
    public var primitiveCount: Int { triangleCount + edgeCount + optionalCount }

    /// Every point of every primitive (for fitting the camera).
    public var allPoints: [LDrawVector] { triangles + edges + optionals }

    mutating func colorIndex(_ hex: String) -> Int {
        if let index = paletteIndex[hex] { return index }
        palette.append(hex)
        paletteIndex[hex] = palette.count - 1
        return palette.count - 1
    }

    mutating func addTriangle(_ a: LDrawVector, _ b: LDrawVector, _ c: LDrawVector, color: String) {
        triangles += [a, b, c]
        triangleColors.append(colorIndex(color))
    }

    mutating func addEdge(_ a: LDrawVector, _ b: LDrawVector, color: String) {
        edges += [a, b]
        edgeColors.append(colorIndex(color))
    }

    mutating func addOptional(
        _ a: LDrawVector, _ b: LDrawVector, _ c1: LDrawVector, _ c2: LDrawVector, color: String
    ) {
        optionals += [a, b, c1, c2]
        optionalColors.append(colorIndex(color))
    }
}

/// One facet of a mesh, in the file's units (millimetres for everything a slicer reads).
///
/// The normal is always computed from the vertex order (counter-clockwise seen from outside), never
/// taken from the file: STL writers often leave the stored normal at zero or get it wrong.
public struct Triangle: Sendable, Equatable {
    public var a: SIMD3<Double>
    public var b: SIMD3<Double>
    public var c: SIMD3<Double>

    public init(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// Twice the area, pointing outwards.
    var areaVector: SIMD3<Double> { (b - a).cross(c - a) }

    public var area: Double { areaVector.length / 2 }

    /// The outward unit normal, or `nil` for a degenerate (zero-area) triangle.
    public var normal: SIMD3<Double>? {
        let vector = areaVector
        let length = vector.length
        guard length > 1e-12 else { return nil }
        return vector / length
    }

    var vertices: [SIMD3<Double>] { [a, b, c] }
}

/// Anything that can hand out a mesh's triangles one at a time, more than once.
///
/// Orientation walks the mesh twice; streaming it from disk each time keeps a 1 GB STL out of memory.
public protocol TriangleSource {
    func forEachTriangle(_ body: (Triangle) throws -> Void) throws
}

extension Array: TriangleSource where Element == Triangle {
    public func forEachTriangle(_ body: (Triangle) throws -> Void) throws {
        for triangle in self { try body(triangle) }
    }
}

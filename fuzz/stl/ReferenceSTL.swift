@testable import HandlerParsers

/// Plain readings of an STL held in memory, to compare the streaming reader with.
enum ReferenceSTL {
    /// Small, so the cap itself is exercised by inputs the fuzzer can build.
    static let maxTriangles = 1_000

    /// The triangles of a binary STL, or nil when a coordinate is NaN or infinite.
    static func binaryTriangles(_ bytes: [UInt8], count: Int) -> [Triangle]? {
        func float(_ offset: Int) -> Double {
            let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
            return Double(Float(bitPattern: bits))
        }
        var triangles: [Triangle] = []
        for index in 0..<count {
            let base = 84 + 50 * index + 12
            let corners = (0..<3).map { SIMD3(float(base + 12 * $0), float(base + 12 * $0 + 4), float(base + 12 * $0 + 8)) }
            guard corners.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else { return nil }
            triangles.append(Triangle(corners[0], corners[1], corners[2]))
        }
        return triangles
    }

    /// The triangles ``ASCIISTLParser`` yields for the text split at every LF, or nil when it refuses it.
    static func asciiTriangles(_ bytes: [UInt8]) -> [Triangle]? {
        var parser = ASCIISTLParser(name: "fuzz.stl", maxTriangles: maxTriangles)
        var triangles: [Triangle] = []
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        do {
            for line in lines {
                if let triangle = try parser.consume(line: line) { triangles.append(triangle) }
            }
            try parser.finish()
        } catch {
            return nil
        }
        return triangles
    }
}

/// A binary STL read back: 80-byte header, UInt32 triangle count, 50 bytes per triangle.
struct MeshSTL {
    enum Failure: Error { case tooShort, sizeMismatch(expected: Int, actual: Int) }

    var triangleCount: Int
    var bounds: MeshBounds

    init(_ bytes: [UInt8]) throws {
        guard let count = bytes.uint32LE(at: 80) else { throw Failure.tooShort }
        triangleCount = Int(count)
        let expected = 84 + 50 * triangleCount
        guard bytes.count == expected else { throw Failure.sizeMismatch(expected: expected, actual: bytes.count) }
        bounds = MeshBounds()
        for triangle in 0..<triangleCount {
            let base = 84 + 50 * triangle + 12
            for vertex in 0..<3 {
                let at = base + 12 * vertex
                guard let x = bytes.float32LE(at: at), let y = bytes.float32LE(at: at + 4),
                    let z = bytes.float32LE(at: at + 8)
                else { throw Failure.tooShort }
                bounds.include(SIMD3(Double(x), Double(y), Double(z)))
            }
        }
    }
}

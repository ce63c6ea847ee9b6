/// An axis-aligned box accumulated from vertices, in whatever unit the file uses.
struct MeshBounds: Equatable {
    var low: SIMD3<Double> = SIMD3(repeating: .infinity)
    var high: SIMD3<Double> = SIMD3(repeating: -.infinity)

    mutating func include(_ point: SIMD3<Double>) {
        low = pointwiseMin(low, point)
        high = pointwiseMax(high, point)
    }

    var size: SIMD3<Double> { high - low }
}

/// Little-endian reads from a byte array; `nil` past the end instead of a crash.
extension Array where Element == UInt8 {
    func uint32LE(at offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[offset + $1]) << (8 * UInt32($1)) }
    }

    func float32LE(at offset: Int) -> Float? {
        uint32LE(at: offset).map { Float(bitPattern: $0) }
    }

    func float64LE(at offset: Int) -> Double? {
        guard let low = uint32LE(at: offset), let high = uint32LE(at: offset + 4) else { return nil }
        return Double(bitPattern: UInt64(high) << 32 | UInt64(low))
    }
}

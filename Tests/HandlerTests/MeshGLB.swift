import Runtime

/// A binary glTF read back: header checks and, from the JSON chunk, the POSITION bounds and triangle count.
struct MeshGLB {
    enum Failure: Error { case badHeader, badJSONChunk, noPositions }

    static let magic: UInt32 = 0x4654_6C67  // "glTF"
    static let jsonChunk: UInt32 = 0x4E4F_534A  // "JSON"

    var version: UInt32
    var declaredLength: Int
    /// From the POSITION accessor's `min`/`max`, in metres (glTF's unit).
    var bounds: MeshBounds
    var triangleCount: Int

    init(_ bytes: [UInt8]) throws {
        guard bytes.uint32LE(at: 0) == Self.magic, let version = bytes.uint32LE(at: 4),
            let length = bytes.uint32LE(at: 8)
        else { throw Failure.badHeader }
        self.version = version
        declaredLength = Int(length)
        guard let chunkLength = bytes.uint32LE(at: 12), bytes.uint32LE(at: 16) == Self.jsonChunk,
            20 + Int(chunkLength) <= bytes.count
        else { throw Failure.badJSONChunk }
        let json = try JSONParser.parse(bytes[20..<(20 + Int(chunkLength))].trimmingSpaces())
        guard let primitive = json["meshes"]?.arrayValue?.first?["primitives"]?.arrayValue?.first,
            let accessors = json["accessors"]?.arrayValue,
            let positionIndex = primitive["attributes"]?["POSITION"]?.doubleValue,
            let indicesIndex = primitive["indices"]?.doubleValue,
            let position = accessors[safe: Int(positionIndex)], let indices = accessors[safe: Int(indicesIndex)],
            let low = position["min"]?.arrayValue?.compactMap(\.doubleValue), low.count == 3,
            let high = position["max"]?.arrayValue?.compactMap(\.doubleValue), high.count == 3,
            let indexCount = indices["count"]?.doubleValue
        else { throw Failure.noPositions }
        bounds = MeshBounds(low: SIMD3(low[0], low[1], low[2]), high: SIMD3(high[0], high[1], high[2]))
        triangleCount = Int(indexCount) / 3
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Collection where Element == UInt8 {
    /// glTF pads the JSON chunk with spaces to a 4-byte boundary.
    func trimmingSpaces() -> [UInt8] {
        var bytes = Array(self)
        while bytes.last == UInt8(ascii: " ") || bytes.last == 0 { bytes.removeLast() }
        return bytes
    }
}

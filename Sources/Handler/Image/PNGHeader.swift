/// The PNG header: the signature, then an IHDR chunk of exactly 13 bytes whose CRC must match.
///
/// The CRC is checked because libpng rejects a bad IHDR CRC anyway; refusing it here gives the
/// same verdict without starting Blender.
enum PNGHeader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func read(_ source: some ByteSource) throws(ImageHeaderError) -> ImageHeader {
        let chunk = try source.exactly(8 + 4 + 4 + 13 + 4, at: 0, "the PNG IHDR chunk")
        let order = ByteOrder.big
        guard order.uint32(chunk, 8) == 13 else { throw .malformed("the PNG IHDR length is not 13") }
        guard Array(chunk[12..<16]) == Array("IHDR".utf8) else {
            throw .malformed("the PNG does not start with an IHDR chunk")
        }
        guard CRC32.checksum(chunk[12..<29]) == UInt32(order.uint32(chunk, 29)) else {
            throw .malformed("the PNG IHDR checksum does not match")
        }
        let width = try ImageHeader.dimension(order.uint32(chunk, 16), "width")
        let height = try ImageHeader.dimension(order.uint32(chunk, 20), "height")
        return ImageHeader(format: .png, width: width, height: height)
    }
}

/// CRC-32 (ISO 3309, the polynomial PNG and zlib use), bitwise: headers are a few bytes.
public enum CRC32 {
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}

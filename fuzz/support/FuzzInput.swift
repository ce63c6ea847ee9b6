/// A cursor over one fuzz input that hands out small structured values.
///
/// Fuzz targets that need several fields (headers, a method, a path) carve them from the front of the
/// input with length-prefixed reads; running out of bytes yields empty values, never a trap, so every input
/// is a valid test case and libFuzzer's mutations stay meaningful.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        self.init(Array(UnsafeBufferPointer(start: data, count: size)))
    }

    public var isAtEnd: Bool { index >= bytes.count }

    /// One byte, or 0 when exhausted.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// Up to `limit` bytes whose count is the next byte (modulo `limit + 1`).
    public mutating func chunk(limit: Int = 64) -> [UInt8] {
        let count = min(Int(byte()) % (limit + 1), bytes.count - min(index, bytes.count))
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    /// A chunk decoded as UTF-8 with invalid sequences replaced: Swift `String`s are always valid Unicode.
    public mutating func string(limit: Int = 64) -> String {
        String(decoding: chunk(limit: limit), as: UTF8.self)
    }

    /// A chunk mapped onto `alphabet`, for fields that are tokens on the wire (methods, header names).
    public mutating func token(from alphabet: [UInt8], limit: Int = 16) -> String {
        String(decoding: chunk(limit: limit).map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// Everything not yet consumed.
    public mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }
}

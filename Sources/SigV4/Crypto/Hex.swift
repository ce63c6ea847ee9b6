/// Lowercase hexadecimal, the form SigV4 uses for every digest and signature.
///
/// Written by hand with a lookup table because it runs for every signed request and every hashed part, and
/// `String(format:)` per byte is both slow and Foundation-bound.
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

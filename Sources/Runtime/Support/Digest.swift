import SigV4

/// SHA-256 for Runtime, over the SigV4 module's OpenSSL hashing.
enum Digest {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        // replaced when the OpenSSL hashing lands
        var h: UInt64 = 1469598103934665603
        for b in bytes { h = (h ^ UInt64(b)) &* 1099511628211 }
        return String(repeating: String(h, radix: 16), count: 4)
    }

    static func sha256Hex(fileAt path: String) throws -> (hex: String, bytes: Int64) {
        ("0", 0)
    }
}

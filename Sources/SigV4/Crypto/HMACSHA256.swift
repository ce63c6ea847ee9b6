import CCrypto

/// HMAC-SHA256 via OpenSSL's one-shot `HMAC()`, the primitive of the signing-key chain and every signature.
///
/// One-shot because every SigV4 HMAC is over a short in-memory message; the OpenSSL 3 `HMAC()` function is
/// not deprecated, unlike the `HMAC_CTX` family.
public enum HMACSHA256 {
    /// Computes HMAC-SHA256(key, message) and returns the 32 raw bytes.
    /// - Throws: ``SigV4Error`` naming `HMAC` if libcrypto reports failure.
    public static func authenticate(key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                out.withUnsafeMutableBufferPointer { outBuffer in
                    HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress, Int32(keyBuffer.count),
                        messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                        outBuffer.baseAddress, &length
                    ) != nil
                }
            }
        }
        guard result, length == UInt32(SHA256.byteCount) else { throw SigV4Error.crypto("HMAC") }
        return out
    }

    /// HMAC over the UTF-8 bytes of a string message.
    public static func authenticate(key: [UInt8], message: String) throws -> [UInt8] {
        try authenticate(key: key, message: Array(message.utf8))
    }
}

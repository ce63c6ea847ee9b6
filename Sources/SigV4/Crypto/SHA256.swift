import CCrypto

/// Incremental SHA-256 over OpenSSL 3's EVP digest API.
///
/// A final class because it owns an `EVP_MD_CTX` that must be freed exactly once (`deinit`). Uploads feed it
/// block by block while reading from disk, so a file is never held in memory just to hash it.
/// Not thread-safe: one hasher per stream.
public final class SHA256 {
    /// Digest length in bytes.
    public static let byteCount = 32

    private let context: OpaquePointer
    private var finished = false

    /// - Throws: ``SigV4Error`` naming `EVP_MD_CTX_new` or `EVP_DigestInit_ex2` if libcrypto fails.
    public init() throws {
        guard let context = EVP_MD_CTX_new() else { throw SigV4Error.crypto("EVP_MD_CTX_new") }
        guard EVP_DigestInit_ex2(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw SigV4Error.crypto("EVP_DigestInit_ex2")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds raw memory; the pointer is only used for the duration of the call.
    public func update(_ buffer: UnsafeRawBufferPointer) throws {
        guard !finished else { throw SigV4Error.invalidArgument("SHA256.update after finalize") }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard EVP_DigestUpdate(context, base, buffer.count) == 1 else { throw SigV4Error.crypto("EVP_DigestUpdate") }
    }

    /// Feeds bytes.
    public func update(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in try update(buffer) }
    }

    /// Feeds the UTF-8 bytes of a string.
    public func update(_ string: String) throws {
        var copy = string
        try copy.withUTF8 { buffer in try update(UnsafeRawBufferPointer(buffer)) }
    }

    /// Finishes the digest. The hasher cannot be fed afterwards.
    public func finalize() throws -> SHA256Digest {
        guard !finished else { throw SigV4Error.invalidArgument("SHA256.finalize called twice") }
        finished = true
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard ok == 1, length == UInt32(Self.byteCount) else { throw SigV4Error.crypto("EVP_DigestFinal_ex") }
        return SHA256Digest(bytes: out)
    }

    // MARK: - One-shot

    /// SHA-256 of a byte buffer in one call (`EVP_Digest`), for the many small hashes signing needs.
    public static func hash(_ buffer: UnsafeRawBufferPointer) throws -> SHA256Digest {
        var out = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { digest in
            EVP_Digest(buffer.baseAddress, buffer.count, digest.baseAddress, &length, EVP_sha256(), nil)
        }
        guard ok == 1, length == UInt32(byteCount) else { throw SigV4Error.crypto("EVP_Digest") }
        return SHA256Digest(bytes: out)
    }

    /// SHA-256 of bytes.
    public static func hash(_ bytes: [UInt8]) throws -> SHA256Digest {
        try bytes.withUnsafeBytes { buffer in try hash(buffer) }
    }

    /// SHA-256 of the UTF-8 bytes of a string.
    public static func hash(_ string: String) throws -> SHA256Digest {
        var copy = string
        return try copy.withUTF8 { buffer in try hash(UnsafeRawBufferPointer(buffer)) }
    }
}

import Foundation

/// A finished SHA-256 digest, with the two spellings S3 asks for.
///
/// `x-amz-content-sha256` and the canonical request want lowercase hex; `x-amz-checksum-sha256` wants
/// base64 of the raw 32 bytes. Keeping the raw bytes lets callers produce either without rehashing.
public struct SHA256Digest: Sendable, Hashable, CustomStringConvertible {
    /// The 32 raw digest bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lowercase hex (64 characters).
    public var hex: String { Hex.encode(bytes) }

    /// Base64 of the raw digest, as `x-amz-checksum-sha256` expects.
    public var base64: String { Data(bytes).base64EncodedString() }

    public var description: String { hex }
}

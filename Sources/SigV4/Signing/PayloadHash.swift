/// The last line of the canonical request: what the signature says about the body.
///
/// A wrapper over the literal string because S3 accepts several non-hash markers besides the hex digest.
public struct PayloadHash: Sendable, Hashable, CustomStringConvertible {
    /// Exactly as it appears in the canonical request and `x-amz-content-sha256`.
    public let value: String

    public init(value: String) {
        self.value = value
    }

    /// Hex SHA-256 of the body: the body is covered by the signature.
    public static func sha256(_ digest: SHA256Digest) -> PayloadHash { PayloadHash(value: digest.hex) }

    /// Hashes an in-memory body.
    public static func of(_ body: [UInt8]) throws -> PayloadHash { .sha256(try SHA256.hash(body)) }

    /// SHA-256 of the empty string, for GET/HEAD/DELETE and other bodiless requests.
    public static let empty = PayloadHash(value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// `UNSIGNED-PAYLOAD`: the body is not signed (presigned URLs, or bodies already protected by TLS and a
    /// separate checksum).
    public static let unsigned = PayloadHash(value: "UNSIGNED-PAYLOAD")

    /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: the body is sent in aws-chunked encoding, each chunk signed.
    public static let streaming = PayloadHash(value: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")

    public var description: String { value }
}

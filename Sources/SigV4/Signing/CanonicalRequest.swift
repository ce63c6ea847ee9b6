/// The first stage's output: the canonical request text and the signed headers list that goes with it.
///
/// Kept as a value (not just a string) so callers can log it next to S3's own `CanonicalRequest` when a
/// server answers `SignatureDoesNotMatch`.
public struct CanonicalRequest: Sendable, Hashable, CustomStringConvertible {
    /// The six newline-separated lines the string to sign hashes.
    public let text: String
    /// `host;x-amz-date;…`, as it appears in `Authorization` or `X-Amz-SignedHeaders`.
    public let signedHeaders: String

    public var description: String { text }
}

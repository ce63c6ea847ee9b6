/// aws-chunked streaming signatures (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`): each chunk's signature chains
/// from the previous one, starting at the seed signature of the request's headers, so a body can be signed
/// while it streams without knowing its hash up front.
extension SigV4Signer {
    /// Signature of one chunk given the previous signature (the seed for the first chunk).
    public func chunkSignature(
        chunkHash: SHA256Digest, previousSignature: String, time: SigningTime, key: SigningKey? = nil
    ) throws -> String {
        let toSign = [
            "AWS4-HMAC-SHA256-PAYLOAD", time.amzDate, credentialScope(time), previousSignature,
            PayloadHash.empty.value, chunkHash.hex,
        ].joined(separator: "\n")
        return try signature(stringToSign: toSign, key: try resolveKey(key, time: time))
    }

    /// Signature of the trailing headers after the final chunk (`…-PAYLOAD-TRAILER`).
    /// - Parameter canonicalTrailer: `name:value\n` lines, e.g. `x-amz-checksum-crc32c:sOO8/Q==\n`.
    public func trailerSignature(
        canonicalTrailer: String, previousSignature: String, time: SigningTime, key: SigningKey? = nil
    ) throws -> String {
        let toSign = [
            "AWS4-HMAC-SHA256-TRAILER", time.amzDate, credentialScope(time), previousSignature,
            try SHA256.hash(canonicalTrailer).hex,
        ].joined(separator: "\n")
        return try signature(stringToSign: toSign, key: try resolveKey(key, time: time))
    }
}

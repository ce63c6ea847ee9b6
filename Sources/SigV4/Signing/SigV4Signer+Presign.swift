/// Query-string signing: presigned URLs that grant access without sending credentials.
extension SigV4Signer {
    /// Signs `request` into its query string.
    ///
    /// The signed headers are the request's headers (normally just `Host`); the payload hash is the
    /// request's (use ``PayloadHash/unsigned`` for S3 URLs handed to others).
    /// - Parameter expiresIn: lifetime in seconds, 1 through 604 800 (7 days), as AWS enforces.
    /// - Returns: the full encoded query, the request's own parameters included, ready to follow `?`.
    /// - Throws: ``SigV4Error`` for an out-of-range expiry or a hashing failure.
    public func presign(_ request: SigV4Request, time: SigningTime, expiresIn: Int, key: SigningKey? = nil) throws
        -> PresignedRequest
    {
        guard (1...Self.maximumPresignExpiry).contains(expiresIn) else {
            throw SigV4Error.invalidArgument(
                "presign expiry \(expiresIn) s is outside 1...\(Self.maximumPresignExpiry) s")
        }
        var signable = request
        signable.headers = request.headers.filter { CanonicalHeaders.lowercaseASCII($0.name) != "authorization" }
        let signedHeaders = CanonicalHeaders(signable.headers).signedHeaders
        let token = credentials.sessionToken
        signable.query += [
            .init("X-Amz-Algorithm", Self.algorithm),
            .init("X-Amz-Credential", "\(credentials.accessKeyId)/\(credentialScope(time))"),
            .init("X-Amz-Date", time.amzDate),
            .init("X-Amz-Expires", String(expiresIn)),
            .init("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token, rules.signsSessionToken { signable.query.append(.init("X-Amz-Security-Token", token)) }

        let canonical = canonicalRequest(signable)
        let toSign = try stringToSign(canonical, time: time)
        let signature = try signature(stringToSign: toSign, key: try resolveKey(key, time: time))
        var query = canonicalQuery(signable.query)
        if let token, !rules.signsSessionToken {
            query += "&X-Amz-Security-Token=" + URIEncoding.encode(token)
        }
        query += "&X-Amz-Signature=" + signature
        return PresignedRequest(query: query, canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }
}

/// The result of query signing, with the intermediate stages kept for diagnosis.
public struct PresignedRequest: Sendable, Hashable {
    /// The complete encoded query string (without the leading `?`), `X-Amz-Signature` last.
    public let query: String
    public let canonicalRequest: CanonicalRequest
    public let stringToSign: String
    public let signature: String
}

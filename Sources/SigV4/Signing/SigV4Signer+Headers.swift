/// Header-based signing: the `Authorization` header flavour of SigV4.
extension SigV4Signer {
    /// Signs `request` for sending with an `Authorization` header.
    ///
    /// Adds `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials carry one) and, under S3 rules,
    /// `x-amz-content-sha256` before signing; any copies of those (and any `Authorization`) already in the
    /// request are replaced, so a re-signed retry never carries stale values.
    /// - Parameter key: a cached ``SigningKey``; ignored and re-derived if it is for another day or scope.
    /// - Throws: ``SigV4Error`` if hashing fails.
    public func signHeaders(_ request: SigV4Request, time: SigningTime, key: SigningKey? = nil) throws
        -> SignedRequest
    {
        let token = credentials.sessionToken
        var replaced: Set<String> = ["authorization", "x-amz-date"]
        if token != nil { replaced.insert("x-amz-security-token") }
        if rules.addsContentSHA256Header { replaced.insert("x-amz-content-sha256") }

        var added: [SigV4Request.Header] = [SigV4Request.Header("X-Amz-Date", time.amzDate)]
        if let token { added.append(SigV4Request.Header("X-Amz-Security-Token", token)) }
        if rules.addsContentSHA256Header {
            added.append(SigV4Request.Header("x-amz-content-sha256", request.payload.value))
        }

        var signable = request
        signable.headers = request.headers.filter { !replaced.contains(CanonicalHeaders.lowercaseASCII($0.name)) }
        let kept = signable.headers
        signable.headers += added.filter {
            rules.signsSessionToken || CanonicalHeaders.lowercaseASCII($0.name) != "x-amz-security-token"
        }

        let canonical = canonicalRequest(signable)
        let toSign = try stringToSign(canonical, time: time)
        let signature = try signature(stringToSign: toSign, key: try resolveKey(key, time: time))
        let authorization = authorizationHeader(
            signedHeaders: canonical.signedHeaders, signature: signature, time: time)
        added.append(SigV4Request.Header("Authorization", authorization))
        return SignedRequest(
            headersToAdd: added, headers: kept + added, canonicalRequest: canonical, stringToSign: toSign,
            signature: signature)
    }
}

/// The result of header signing, with the intermediate stages kept for diagnosing a rejected signature.
public struct SignedRequest: Sendable, Hashable {
    /// The headers the signer added (`X-Amz-Date`, `X-Amz-Security-Token`, `x-amz-content-sha256`,
    /// `Authorization`), in that order.
    public let headersToAdd: [SigV4Request.Header]
    /// Every header to send: the request's own (minus the replaced ones) followed by ``headersToAdd``.
    public let headers: [SigV4Request.Header]
    public let canonicalRequest: CanonicalRequest
    public let stringToSign: String
    public let signature: String

    /// The `Authorization` value.
    public var authorization: String { headersToAdd.last?.value ?? "" }
}

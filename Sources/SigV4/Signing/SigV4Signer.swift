/// AWS Signature Version 4, one function per stage of the specification.
///
/// A pure value: credentials, region, service and rules in; strings out. Time is always a parameter, so the
/// same inputs always give the same signature (and tests can use the published vectors verbatim). The HTTP
/// layer applies the result; nothing here does I/O.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// Longest presigned URL lifetime AWS accepts (7 days).
    public static let maximumPresignExpiry = 604_800

    public var credentials: Credentials
    public var region: String
    public var service: String
    public var rules: SigningRules

    public init(credentials: Credentials, region: String, service: String, rules: SigningRules) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.rules = rules
    }

    // MARK: - Stages

    /// `YYYYMMDD/region/service/aws4_request`.
    public func credentialScope(_ time: SigningTime) -> String {
        "\(time.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// Encoded query, sorted by encoded name then encoded value. Also the form to put on the wire, so what
    /// is sent is byte-for-byte what was signed.
    public func canonicalQuery(_ items: [SigV4Request.QueryItem]) -> String {
        items
            .map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0
                    ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
                    : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Stage 1: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    /// Signs exactly the headers in `request`; ``signHeaders(_:time:key:)`` adds the `x-amz-*` ones first.
    public func canonicalRequest(_ request: SigV4Request) -> CanonicalRequest {
        let headers = CanonicalHeaders(request.headers)
        let text = [
            request.method,
            CanonicalPath.canonicalize(wirePath: request.wirePath, rules: rules),
            canonicalQuery(request.query),
            headers.block,
            headers.signedHeaders,
            request.payload.value,
        ].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: headers.signedHeaders)
    }

    /// Stage 2: algorithm, timestamp, scope and the hex SHA-256 of the canonical request.
    public func stringToSign(_ canonicalRequest: CanonicalRequest, time: SigningTime) throws -> String {
        let hash = try SHA256.hash(canonicalRequest.text).hex
        return "\(Self.algorithm)\n\(time.amzDate)\n\(credentialScope(time))\n\(hash)"
    }

    /// Stage 3: the derived key for this signer's secret, region and service on `time`'s day.
    public func signingKey(for time: SigningTime) throws -> SigningKey {
        try SigningKey(
            secretAccessKey: credentials.secretAccessKey, dateStamp: time.dateStamp, region: region, service: service)
    }

    /// Stage 4: hex HMAC of the string to sign under the derived key.
    public func signature(stringToSign: String, key: SigningKey) throws -> String {
        Hex.encode(try HMACSHA256.authenticate(key: key.bytes, message: stringToSign))
    }

    /// The `Authorization` header value.
    public func authorizationHeader(signedHeaders: String, signature: String, time: SigningTime) -> String {
        "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope(time)), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// Returns `key` if it fits `time`, region and service, otherwise a freshly derived one.
    func resolveKey(_ key: SigningKey?, time: SigningTime) throws -> SigningKey {
        if let key, key.isValid(for: time, region: region, service: service) { return key }
        return try signingKey(for: time)
    }
}

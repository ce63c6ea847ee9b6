/// The service-dependent choices of SigV4, spelled out as flags rather than `if service == "s3"` checks
/// scattered through the signer.
public struct SigningRules: Sendable, Hashable {
    /// Remove `.`/`..` segments and duplicate slashes from the path before signing (not for S3).
    public var normalizesPath: Bool
    /// URI-encode the wire path again for the canonical request (not for S3).
    public var encodesPathTwice: Bool
    /// Sign and send `x-amz-content-sha256` with header signing (S3 requires it).
    public var addsContentSHA256Header: Bool
    /// Include `X-Amz-Security-Token` in what is signed. A few services want it added after signing
    /// instead; the token is then still returned, just not covered by the signature.
    public var signsSessionToken: Bool

    public init(
        normalizesPath: Bool, encodesPathTwice: Bool, addsContentSHA256Header: Bool, signsSessionToken: Bool = true
    ) {
        self.normalizesPath = normalizesPath
        self.encodesPathTwice = encodesPathTwice
        self.addsContentSHA256Header = addsContentSHA256Header
        self.signsSessionToken = signsSessionToken
    }

    /// The rules of the AWS general signing documentation (STS, IAM, most JSON/query APIs).
    public static let generic = SigningRules(
        normalizesPath: true, encodesPathTwice: true, addsContentSHA256Header: false)

    /// Amazon S3 and S3-compatible stores: path signed as sent, payload hash sent as a header.
    public static let s3 = SigningRules(normalizesPath: false, encodesPathTwice: false, addsContentSHA256Header: true)
}

/// Transport limits for one request. The defaults suit a signed S3 request.
///
/// TLS verification is not an option: it is always on.
public struct HTTPRequestOptions: Sendable, Equatable {
    /// The user agent of every onejob build that does not say otherwise.
    public static let defaultUserAgent = "onejob/0.1.0"

    /// Cap on the final response body; exceeding it aborts the transfer with ``HTTPClientError/Code/tooLarge``,
    /// whether the server announced the size or not. Nil means no cap (only sensible for file sinks).
    public var maxResponseBytes: Int64?
    public var connectTimeout: Duration
    /// Whole-transfer deadline; nil means none (stall detection still applies).
    public var totalTimeout: Duration?
    /// A transfer moving fewer than `lowSpeedLimit` bytes per second (up and down together) for
    /// `lowSpeedTime` fails with ``HTTPClientError/Code/stalled``. Nil `lowSpeedTime` disables the check.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration?
    /// 0 (the default) returns 3xx responses as they are. Signed requests must keep 0: a redirect would
    /// replay the signature to another URL. Redirects never go from https to http.
    public var maxRedirects: Int
    /// Connect to this IP address instead of resolving the URL's host (TLS still checks the host name).
    /// Used to pin an address that was checked once against SSRF rules. Cannot be combined with redirects,
    /// which would resolve a new host unchecked.
    public var resolvedAddress: String?
    /// A PEM bundle of extra trust anchors (e.g. a local MinIO with its own CA); nil uses the system store.
    public var caCertificatePath: String?
    public var userAgent: String

    public init(
        maxResponseBytes: Int64? = 64 * 1024 * 1024,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration? = nil,
        lowSpeedLimit: Int = 1,
        lowSpeedTime: Duration? = .seconds(30),
        maxRedirects: Int = 0,
        resolvedAddress: String? = nil,
        caCertificatePath: String? = nil,
        userAgent: String = HTTPRequestOptions.defaultUserAgent
    ) {
        self.maxResponseBytes = maxResponseBytes
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
        self.resolvedAddress = resolvedAddress
        self.caCertificatePath = caCertificatePath
        self.userAgent = userAgent
    }
}

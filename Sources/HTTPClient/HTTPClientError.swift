/// The one error this module throws.
///
/// A struct over a private code enum so new codes can be added without breaking callers' `switch`es.
/// It says whether retrying could help, names the failing C function and carries libcurl's own error text.
/// Messages never contain request headers or URLs' query strings: those carry signatures.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectFailed, timedOut, stalled, connectionLost, tooLarge, cancelled, tls, invalidURL
            case invalidRequest, tooManyRedirects, bodyReadFailed, sinkWriteFailed, curl
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// DNS failure, refused or unreachable: nothing was sent.
        public static let connectFailed = Code(.connectFailed)
        /// The connect timeout or the total timeout expired.
        public static let timedOut = Code(.timedOut)
        /// The transfer moved slower than the low-speed limit for the low-speed time.
        public static let stalled = Code(.stalled)
        /// The connection broke mid-transfer (reset, empty reply, short body).
        public static let connectionLost = Code(.connectionLost)
        /// The response body exceeded `maxResponseBytes`.
        public static let tooLarge = Code(.tooLarge)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// Certificate verification or the TLS handshake failed.
        public static let tls = Code(.tls)
        public static let invalidURL = Code(.invalidURL)
        /// The request itself is malformed (bad method, header injection, missing body file).
        public static let invalidRequest = Code(.invalidRequest)
        public static let tooManyRedirects = Code(.tooManyRedirects)
        /// Reading the file body failed (or the file shrank while being sent).
        public static let bodyReadFailed = Code(.bodyReadFailed)
        /// Writing the response to its file sink failed.
        public static let sinkWriteFailed = Code(.sinkWriteFailed)
        /// Any other libcurl failure; ``HTTPClientError/curlCode`` says which.
        public static let curl = Code(.curl)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The C function (or callback) that failed, e.g. `curl_easy_perform`.
    public let function: String
    /// libcurl's error buffer text, or `strerror` text for file errors.
    public let message: String
    /// The raw `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int?
    /// True for transient transport errors a retry with backoff may cure.
    public let isRetryable: Bool

    public init(_ code: Code, function: String, message: String, curlCode: Int? = nil, isRetryable: Bool? = nil) {
        self.code = code
        self.function = function
        self.message = message
        self.curlCode = curlCode
        self.isRetryable = isRetryable ?? Self.retryableByDefault.contains(code)
    }

    private static let retryableByDefault: Set<Code> = [.connectFailed, .timedOut, .stalled, .connectionLost]

    public var description: String {
        let curlPart = curlCode.map { " (CURLcode \($0))" } ?? ""
        return "HTTP \(code) in \(function)\(curlPart): \(message)"
    }
}

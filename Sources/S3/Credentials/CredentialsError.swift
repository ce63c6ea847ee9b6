/// The one error the credential providers throw.
///
/// A struct over a private code enum so codes can be added without breaking callers' `switch`es. Messages
/// name environment variables, URLs' hosts and HTTP statuses, never a secret, a session token or the web
/// identity token: this error ends up in logs and in `result.json`.
public struct CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notConfigured, invalidConfiguration, requestFailed, httpStatus, malformedResponse, unavailable
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The provider's environment variables are not set; the chain moves on without complaint.
        public static let notConfigured = Code(.notConfigured)
        /// The provider is configured but the configuration cannot work (a disallowed host, an unreadable file).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The credentials endpoint could not be reached or the transfer failed.
        public static let requestFailed = Code(.requestFailed)
        /// The credentials endpoint answered with a non-2xx status.
        public static let httpStatus = Code(.httpStatus)
        /// The endpoint answered 2xx but the body is not the documented credentials document.
        public static let malformedResponse = Code(.malformedResponse)
        /// No provider of a chain produced credentials; ``CredentialsError/causes`` says why for each.
        public static let unavailable = Code(.unavailable)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The provider that failed (`environment`, `web identity`, `container`, `IMDS`), or `nil` for a chain.
    public let provider: String?
    public let message: String
    /// The HTTP status, for ``Code/httpStatus``.
    public let status: Int?
    /// For ``Code/unavailable``: each provider's own failure, in the order they were tried.
    public let causes: [CredentialsError]
    /// Whether asking again later may succeed (a refused connection, a 5xx, throttling).
    public let isRetryable: Bool

    public init(
        _ code: Code,
        provider: String?,
        message: String,
        status: Int? = nil,
        causes: [CredentialsError] = [],
        isRetryable: Bool = false
    ) {
        self.code = code
        self.provider = provider
        self.message = message
        self.status = status
        self.causes = causes
        self.isRetryable = isRetryable
    }

    public var description: String {
        guard let provider else { return "credentials \(code): \(message)" }
        return "\(provider): \(message)"
    }

    /// The chain's summary of every provider it tried.
    static func unavailable(_ causes: [CredentialsError]) -> CredentialsError {
        let list = causes.map(\.description).joined(separator: "; ")
        return CredentialsError(
            .unavailable,
            provider: nil,
            message: "no credentials found (\(list))",
            causes: causes,
            isRetryable: causes.contains { $0.isRetryable }
        )
    }
}

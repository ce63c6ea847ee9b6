/// When to try a request again and how long to wait first: the AWS SDKs' "standard" retry mode.
///
/// Pure: the decision looks only at the answer, the delay only at the attempt number and a random number
/// in `[0, 1)` the caller supplies, so tests replay exact sequences. Delays are full-jitter exponential,
/// `random × min(base × 2^(attempt−1), 20 s)`, with a 1 s base for throttling (`SlowDown`) and 50 ms
/// otherwise, as the current SDKs use; a throttled server gets room, a dropped connection is retried quickly.
public struct RetryPolicy: Sendable, Equatable {
    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(throttled: Bool)
        /// The credentials expired: drop the cached ones, fetch fresh ones and try again.
        case refreshCredentials
        case fail
    }

    public var maxAttempts: Int
    public var baseDelay: Duration
    public var throttlingBaseDelay: Duration
    public var maxBackoff: Duration

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(50), throttlingBaseDelay: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(20)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maxBackoff = maxBackoff
    }

    static let retryableStatuses: Set<Int> = [500, 502, 503, 504]
    static let throttlingCodes: Set<String> = ["SlowDown", "Throttling", "ThrottlingException", "RequestThrottled"]
    static let transientCodes: Set<String> = ["RequestTimeout", "InternalError"]
    static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "TokenRefreshRequired", "ExpiredTokenException"]

    /// Decides from an error answer (status and S3 code).
    public static func decide(status: Int, s3Code: String?) -> Decision {
        if let s3Code {
            if throttlingCodes.contains(s3Code) { return .retry(throttled: true) }
            if expiredCredentialCodes.contains(s3Code) { return .refreshCredentials }
            if transientCodes.contains(s3Code) { return .retry(throttled: false) }
        }
        if status == 429 { return .retry(throttled: true) }
        if retryableStatuses.contains(status) { return .retry(throttled: status == 503) }
        return .fail
    }

    /// Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    /// - Parameter random: uniform in `[0, 1)`.
    public func backoff(afterAttempt attempt: Int, throttled: Bool, random: Double) -> Duration {
        let base = throttled ? throttlingBaseDelay : baseDelay
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(base * (1 << exponent), maxBackoff)
        return ceiling * min(max(random, 0), 1)
    }
}

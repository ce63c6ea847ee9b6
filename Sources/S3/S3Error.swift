/// The one error the S3 module throws.
///
/// A struct over a private code enum (new codes do not break callers' `switch`es) carrying what an operator
/// needs to act on a failure: the operation, bucket and key, HTTP status, S3's own error code, message and
/// request id. ``classification`` is what the Runtime maps to an exit code, in one place, so this module never
/// needs to know about exit codes. Nothing in it ever holds a signature, a secret or a presigned query.
public struct S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case response, transport, credentials, cancelled, invalidResponse, localFile, invalidConfiguration
            case invalidArgument, tooLarge
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server answered with an error status (or a 200 whose body is an `<Error>` document).
        public static let response = Code(.response)
        /// The request never got a complete answer (connect, TLS, reset, timeout).
        public static let transport = Code(.transport)
        /// The credentials provider could not produce credentials.
        public static let credentials = Code(.credentials)
        public static let cancelled = Code(.cancelled)
        /// A 2xx answer that lacks what the operation needs (no ETag, no UploadId).
        public static let invalidResponse = Code(.invalidResponse)
        /// Reading the file to upload (or writing the download) failed locally.
        public static let localFile = Code(.localFile)
        /// An endpoint, region or tuning value the operator configured is unusable.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A bucket, key, metadata entry or size the caller passed cannot be sent.
        public static let invalidArgument = Code(.invalidArgument)
        /// A download exceeded its byte limit.
        public static let tooLarge = Code(.tooLarge)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is, for deciding an exit code and whether a later run could succeed.
    public enum Classification: String, Sendable, Hashable {
        /// 403, or AccessDenied / SignatureDoesNotMatch / InvalidAccessKeyId: fix permissions or keys.
        case accessDenied
        /// 404: NoSuchKey, NoSuchBucket, NoSuchUpload.
        case notFound
        /// Any other 4xx (and invalid arguments): sending it again will not help.
        case invalidRequest
        /// Retryable failures (5xx, timeouts, resets) that outlasted every attempt.
        case transient
        /// Throttling (503 SlowDown) that outlasted every attempt.
        case throttled
        case credentialsUnavailable
        case cancelled
        /// The local file could not be read or written.
        case localIO
        /// The operator's S3 configuration is unusable.
        case invalidConfiguration
    }

    public let code: Code
    public let classification: Classification
    /// The S3 operation, e.g. `PutObject`, `UploadPart`, `CompleteMultipartUpload`.
    public let operation: String
    public let bucket: String?
    public let key: String?
    /// HTTP status of the last answer, when there was one.
    public let status: Int?
    /// S3's `<Code>`, e.g. `NoSuchKey`, `SlowDown`, `BadDigest`.
    public let s3Code: String?
    public let message: String
    /// `x-amz-request-id` (or the document's `<RequestId>`), for support cases.
    public let requestId: String?
    /// Attempts made before giving up.
    public let attempts: Int

    public init(
        _ code: Code, classification: Classification, operation: String, bucket: String? = nil, key: String? = nil,
        status: Int? = nil, s3Code: String? = nil, message: String, requestId: String? = nil, attempts: Int = 1
    ) {
        self.code = code
        self.classification = classification
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.status = status
        self.s3Code = s3Code
        self.message = message
        self.requestId = requestId
        self.attempts = attempts
    }

    /// Whether a later run of the same job could succeed (the Runtime may still decide otherwise).
    public var isRetryable: Bool {
        switch classification {
        case .transient, .throttled, .credentialsUnavailable, .cancelled: true
        default: false
        }
    }

    public var description: String {
        var text = "S3 \(operation)"
        if let bucket { text += " s3://\(bucket)/\(key ?? "")" }
        text += " failed (\(classification.rawValue)"
        if let status { text += ", HTTP \(status)" }
        if let s3Code { text += ", \(s3Code)" }
        if attempts > 1 { text += ", \(attempts) attempts" }
        text += "): \(message)"
        if let requestId { text += " [request \(requestId)]" }
        return text
    }

    /// Copy with the attempt count set, used once the retry loop gives up.
    func with(attempts: Int) -> S3Error {
        S3Error(
            code, classification: classification, operation: operation, bucket: bucket, key: key, status: status,
            s3Code: s3Code, message: message, requestId: requestId, attempts: attempts)
    }
}

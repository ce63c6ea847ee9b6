/// Everything the operator decides about S3, as one value built from the environment.
///
/// Built from a dictionary (not `getenv`) so the Runtime owns the environment and tests pass their own.
public struct S3Configuration: Sendable, Equatable {
    public static let mebibyte: Int64 = 1 << 20

    public var region: String
    /// `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`: a SeaweedFS, MinIO, R2 or GCS endpoint instead of AWS.
    public var endpointOverride: String?
    /// Always address buckets in the path (`ONEJOB_S3_PATH_STYLE=1`); some stores need it.
    public var forcePathStyle: Bool
    /// Files at least this large go multipart.
    public var multipartThreshold: Int64
    /// Preferred part size; raised automatically so a file never needs more than 10,000 parts.
    public var partSize: Int64
    /// Parts in flight at once.
    public var concurrency: Int
    /// Attempts per request, the first included (AWS "standard" mode uses 3).
    public var maxAttempts: Int
    /// `Cache-Control` for uploads that do not set their own.
    public var cacheControl: String?
    /// A request moving no bytes for this long is dropped and retried (`ONEJOB_S3_LOW_SPEED_SECONDS`).
    ///
    /// 30 s suits a store across the internet; an operator next to the store (same region, a local
    /// MinIO) shortens it so a half-open connection costs seconds, not half a minute per attempt.
    public var lowSpeedTime: Duration

    public init(
        region: String = "us-east-1", endpointOverride: String? = nil, forcePathStyle: Bool = false,
        multipartThreshold: Int64 = 16 * mebibyte, partSize: Int64 = 8 * mebibyte, concurrency: Int = 4,
        maxAttempts: Int = 3, cacheControl: String? = nil, lowSpeedTime: Duration = .seconds(30)
    ) {
        self.region = region
        self.endpointOverride = endpointOverride
        self.forcePathStyle = forcePathStyle
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
        self.concurrency = concurrency
        self.maxAttempts = maxAttempts
        self.cacheControl = cacheControl
        self.lowSpeedTime = lowSpeedTime
    }

    /// Reads `AWS_REGION` (then `AWS_DEFAULT_REGION`, default `us-east-1`), `AWS_ENDPOINT_URL_S3` (then
    /// `AWS_ENDPOINT_URL`), `ONEJOB_S3_PATH_STYLE`, `ONEJOB_S3_MULTIPART_THRESHOLD`, `ONEJOB_S3_PART_SIZE`
    /// (bytes, or with a `K`/`M`/`G` binary suffix), `ONEJOB_S3_CONCURRENCY`, `ONEJOB_S3_MAX_ATTEMPTS`,
    /// `ONEJOB_S3_CACHE_CONTROL` and `ONEJOB_S3_LOW_SPEED_SECONDS`. Empty values count as unset.
    /// - Throws: ``S3Error`` `.invalidConfiguration` naming the variable when a value is malformed, so a typo
    ///   fails the job at start instead of silently using a default.
    public init(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingWhitespace, !raw.isEmpty else { return nil }
            return raw
        }
        self.init()
        region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        endpointOverride = value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL")
        if let raw = value("ONEJOB_S3_PATH_STYLE") {
            switch raw.lowercased() {
            case "1", "true", "yes": forcePathStyle = true
            case "0", "false", "no": forcePathStyle = false
            default: throw Self.invalid("ONEJOB_S3_PATH_STYLE", raw, "expected 1 or 0")
            }
        }
        if let raw = value("ONEJOB_S3_MULTIPART_THRESHOLD") {
            guard let bytes = Self.parseByteCount(raw), bytes >= 0 else {
                throw Self.invalid("ONEJOB_S3_MULTIPART_THRESHOLD", raw, "expected a byte count")
            }
            multipartThreshold = bytes
        }
        if let raw = value("ONEJOB_S3_PART_SIZE") {
            guard let bytes = Self.parseByteCount(raw),
                (MultipartPlan.minimumPartSize...MultipartPlan.maximumPartSize).contains(bytes)
            else { throw Self.invalid("ONEJOB_S3_PART_SIZE", raw, "expected 5M...5G") }
            partSize = bytes
        }
        if let raw = value("ONEJOB_S3_CONCURRENCY") {
            guard let count = Int(raw), (1...64).contains(count) else {
                throw Self.invalid("ONEJOB_S3_CONCURRENCY", raw, "expected 1...64")
            }
            concurrency = count
        }
        if let raw = value("ONEJOB_S3_MAX_ATTEMPTS") {
            guard let count = Int(raw), (1...20).contains(count) else {
                throw Self.invalid("ONEJOB_S3_MAX_ATTEMPTS", raw, "expected 1...20")
            }
            maxAttempts = count
        }
        cacheControl = value("ONEJOB_S3_CACHE_CONTROL")
        if let raw = value("ONEJOB_S3_LOW_SPEED_SECONDS") {
            guard let seconds = Int(raw), (1...3600).contains(seconds) else {
                throw Self.invalid("ONEJOB_S3_LOW_SPEED_SECONDS", raw, "expected 1...3600")
            }
            lowSpeedTime = .seconds(seconds)
        }
    }

    /// `1048576`, `8M`, `8MiB`, `1G`, `512k`: binary multiples, since part sizes are conventionally MiB.
    static func parseByteCount(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let digits = lower.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int64(digits) else { return nil }
        let shift: Int64
        switch lower.dropFirst(digits.count) {
        case "", "b": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        default: return nil
        }
        let (result, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : result
    }

    private static func invalid(_ name: String, _ value: String, _ why: String) -> S3Error {
        S3Error(
            .invalidConfiguration, classification: .invalidConfiguration, operation: "Configure",
            message: "\(name)=\(value): \(why)")
    }
}

extension String {
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

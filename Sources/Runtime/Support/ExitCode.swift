/// The documented process exit codes, and the one place that classifies them.
///
/// Platforms act on these numbers (the Kubernetes `podFailurePolicy` fails the whole Job on the
/// non-retryable ones), so they are stable API: never renumber a case.
public enum ExitCode: Int32, Sendable, CaseIterable, Codable {
    case success = 0
    /// The job document or its parameters are invalid (`EX_USAGE`).
    case invalidJob = 64
    /// An input is unusable: unknown part, corrupt mesh or image (`EX_DATAERR`).
    case badInput = 65
    /// A required tool or library is missing (`EX_UNAVAILABLE`).
    case toolMissing = 69
    /// The tool failed or crashed (`EX_SOFTWARE`).
    case toolFailed = 70
    /// A download or upload failed after retries (`EX_IOERR`).
    case ioFailed = 74
    /// A temporary failure: throttled, credentials unavailable (`EX_TEMPFAIL`).
    case temporary = 75
    /// Storage denied access (`EX_NOPERM`).
    case accessDenied = 77
    /// The job deadline passed.
    case deadlineExceeded = 124
    /// SIGTERM or SIGINT cancelled the job.
    case cancelled = 143

    /// A short stable name for the class, used in error records and `result.json`.
    public var className: String {
        switch self {
        case .success: "success"
        case .invalidJob: "invalid-job"
        case .badInput: "bad-input"
        case .toolMissing: "tool-missing"
        case .toolFailed: "tool-failed"
        case .ioFailed: "io-failed"
        case .temporary: "temporary"
        case .accessDenied: "access-denied"
        case .deadlineExceeded: "deadline-exceeded"
        case .cancelled: "cancelled"
        }
    }

    /// Whether running the same job again may succeed.
    public var isRetryable: Bool {
        switch self {
        case .toolFailed, .ioFailed, .temporary, .deadlineExceeded, .cancelled: true
        case .success, .invalidJob, .badInput, .toolMissing, .accessDenied: false
        }
    }

    /// Severity order for combining several outcomes (a batch exits with its worst class).
    public var severity: Int {
        switch self {
        case .success: 0
        case .temporary: 1
        case .ioFailed: 2
        case .deadlineExceeded: 3
        case .toolFailed: 4
        case .badInput: 5
        case .invalidJob: 6
        case .accessDenied: 7
        case .toolMissing: 8
        case .cancelled: 9
        }
    }
}

/// The error every phase of a job throws when it ends the job.
///
/// It carries its exit class with it, so the run loop maps any failure to an exit code in one place
/// (``ExitCode/init(for:)``) without knowing which phase failed. Messages are written for the person
/// who submitted the job and must never contain a secret.
public struct JobError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ExitCode
    public var message: String
    /// Optional machine-readable detail (a JSON path, a file name, an HTTP status).
    public var detail: [String: String]

    public init(_ code: ExitCode, _ message: String, detail: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { "\(code.className): \(message)" }

    public static func invalidJob(_ message: String, path: String? = nil) -> JobError {
        JobError(.invalidJob, message, detail: path.map { ["path": $0] } ?? [:])
    }

    public static func badInput(_ message: String) -> JobError { JobError(.badInput, message) }
    public static func toolMissing(_ message: String) -> JobError { JobError(.toolMissing, message) }
    public static func toolFailed(_ message: String) -> JobError { JobError(.toolFailed, message) }
}

/// Errors from other modules (HTTP, S3, signing) that know their own exit class.
public protocol ExitClassified: Error {
    var exitCode: ExitCode { get }
}

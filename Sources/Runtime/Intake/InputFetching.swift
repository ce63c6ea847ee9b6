/// The capability to bring a URL's content to a local file: job inputs and `ONEJOB_JOB_URL`.
public protocol InputFetching: Sendable {
    /// Downloads `url` to `destination`, refusing more than `maxBytes`.
    /// - Returns: the number of bytes written.
    /// - Throws: ``JobError``: `.invalidJob` for a refused URL, `.badInput` for a missing object or one
    ///   over the cap, `.ioFailed` when retries are exhausted, `.accessDenied` on 403.
    func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64
}

/// Size caps for what a job may bring in.
public enum FetchLimits {
    /// Configurable with `ONEJOB_MAX_DOWNLOAD_BYTES`.
    public static let defaultMaxDownloadBytes: Int64 = 512 * 1024 * 1024

    public static func maxDownloadBytes(_ environment: Environment) -> Int64 {
        environment["ONEJOB_MAX_DOWNLOAD_BYTES"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
            ?? defaultMaxDownloadBytes
    }
}

/// Where a job's files and its `result.json` are written: a local folder or S3.
///
/// The run loop stores every output, then commits `result.json` last: a reader who sees `result.json`
/// knows every file it lists is complete (the commit marker).
public protocol OutputStore: Sendable {
    /// The location, for logs and reports (`/work/out/abc`, `s3://bucket/prefix/abc/`).
    var location: String { get }
    /// Removes a stale `result.json` of an earlier run, so it cannot vouch for files being replaced.
    func prepare() async throws
    func store(_ file: OutputFile) async throws -> StoredOutput
    /// Writes `result.json` atomically and returns where it is.
    func commit(result: [UInt8]) async throws -> String
    /// Gives back anything a failed job left half-done (multipart uploads, temp files).
    func abandon() async
    /// Removes `result.json` after a commit of a succeeded result failed: the store may have kept a
    /// write whose answer was lost, and a marker saying "succeeded" must not outlive an exit code
    /// saying the job failed. Best effort; errors are ignored.
    func retractResult() async
}

extension OutputStore {
    /// Stores whose commit cannot half-succeed (a local rename) have nothing to retract.
    public func retractResult() async {}
}

/// One stored output as listed in `result.json`.
public struct StoredOutput: Sendable, Equatable {
    public var name: String
    /// Local path, for a folder output.
    public var path: String?
    /// `s3://bucket/key`, for an S3 output.
    public var url: String?
    public var key: String?
    public var presignedURL: String?
    public var bytes: Int64
    public var sha256: String
    public var contentType: String

    public init(
        name: String, path: String? = nil, url: String? = nil, key: String? = nil, presignedURL: String? = nil,
        bytes: Int64, sha256: String, contentType: String
    ) {
        self.name = name
        self.path = path
        self.url = url
        self.key = key
        self.presignedURL = presignedURL
        self.bytes = bytes
        self.sha256 = sha256
        self.contentType = contentType
    }

    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("name", .string(name))]
        if let path { members.append(("path", .string(path))) }
        if let url { members.append(("url", .string(url))) }
        if let key { members.append(("key", .string(key))) }
        if let presignedURL { members.append(("presignedUrl", .string(presignedURL))) }
        members += [
            ("bytes", .number(Double(bytes))), ("sha256", .string(sha256)), ("contentType", .string(contentType)),
        ]
        return .object(members)
    }
}

/// Output names are relative object names chosen by handlers; they are checked once, here.
public enum OutputName {
    /// Rejects names that could escape the job's folder or prefix.
    public static func validate(_ name: String) throws(JobError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 512, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }), name != "result.json"
        else {
            throw .toolFailed("invalid output name \"\(name)\"")
        }
    }
}

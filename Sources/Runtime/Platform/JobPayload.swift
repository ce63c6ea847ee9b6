import Foundation

/// What an event or invocation carries: a job document, or `{"jobUrl": "s3://…"}` pointing at one
/// (events are size-capped — Lambda at 256 KiB async, Eventarc at 512 KiB — so big jobs go by URL).
///
/// The event comes from whoever may send events, so its `jobUrl` is a job-supplied URL (ARCHITECTURE §9):
/// its scheme and host are checked by ``URLPolicy`` and it is fetched with the job-input fetcher,
/// which checks and pins the addresses the host resolves to.
public struct JobPayload: Sendable {
    public var fetcher: any InputFetching
    public var urlPolicy: URLPolicy

    public init(fetcher: any InputFetching, urlPolicy: URLPolicy) {
        self.fetcher = fetcher
        self.urlPolicy = urlPolicy
    }

    /// The URL when `bytes` is an object whose only member is a string `jobUrl`; nil for a job document.
    public static func jobURL(in bytes: [UInt8]) -> String? {
        guard let document = try? JSONParser.parse(bytes), let members = document.objectValue, members.count == 1,
            members[0].key == "jobUrl"
        else { return nil }
        return members[0].value.stringValue
    }

    /// The job document: `bytes` itself, or the document its `jobUrl` names, read within the document limit.
    /// - Throws: ``JobError`` `.invalidJob` when the URL cannot be fetched for a reason that retrying will not fix.
    public func document(from bytes: [UInt8]) async throws -> [UInt8] {
        guard let url = Self.jobURL(in: bytes) else { return bytes }
        try urlPolicy.check(url, path: "jobUrl", localOutput: false)
        let limit = JobLimits.maxDocumentBytes + 1
        let temporary = NSTemporaryDirectory() + "onejob-job-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            _ = try await fetcher.fetch(url, to: temporary, maxBytes: Int64(limit))
        } catch let error as JobError where error.code == .badInput {
            throw JobError(.invalidJob, "jobUrl: \(error.message)")
        }
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw JobError(.ioFailed, "cannot read the downloaded job: open failed") }
        defer { close(descriptor) }
        return try DocumentReader.read(fileDescriptor: descriptor, limit: limit, name: "jobUrl")
    }
}

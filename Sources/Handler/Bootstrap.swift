import Foundation
import HTTPClient
import Logging
import Runtime
import S3
import Synchronization

/// Builds the process-wide pieces from the environment, once: logging, fetchers, stores, the runner.
struct Bootstrap {
    let environment: Runtime.Environment
    let logger: Logger
    let redactor: Redactor
    /// The S3 client (no request is made until a job uses S3).
    let s3: S3Access

    private static let loggingStarted = Mutex(false)

    init(environment: Runtime.Environment) {
        self.environment = environment
        let redactor = Redactor(environment: environment)
        self.redactor = redactor
        self.s3 = S3Access(environment: environment, transport: Self.http, redactor: redactor)
        let level = LineLogHandler.level(from: environment)
        let format: LineLogHandler.Format =
            switch environment["ONEJOB_LOG_FORMAT"]?.lowercased() {
            case "json": .json
            case "text": .text
            default: isatty(2) == 1 ? .text : .json
            }
        let first = Self.loggingStarted.withLock { started in
            defer { started = true }
            return !started
        }
        if first {
            LoggingSystem.bootstrap { label in
                LineLogHandler(label: label, level: level, format: format, redactor: redactor)
            }
        }
        self.logger = Logger(label: "onejob")
    }

    /// One libcurl client per process, so requests of a job reuse connections.
    static let http = HTTPClient()

    /// Fetches job-supplied URLs: private addresses refused unless allowed, each hop pinned.
    var inputFetcher: any InputFetching {
        let policy = URLPolicy(environment: environment)
        let https = HTTPSFetcher(
            transport: Self.http, addressPolicy: AddressPolicy(allowPrivate: policy.allowPrivateAddresses),
            allowHTTP: policy.allowHTTP)
        return SchemeFetcher(["file": FileFetcher(), "https": https, "http": https, "s3": S3AccessFetcher(access: s3)])
    }

    /// Reads the `{"jobUrl": …}` payloads of events and invocations: job-supplied, so checked like inputs.
    var jobPayload: JobPayload {
        JobPayload(fetcher: inputFetcher, urlPolicy: URLPolicy(environment: environment))
    }

    /// Fetches the operator's `ONEJOB_JOB_URL`: configuration, so not subject to the address policy.
    var jobURLFetcher: any InputFetching {
        let https = HTTPSFetcher(transport: Self.http, addressPolicy: nil, allowHTTP: URLPolicy(environment: environment).allowHTTP)
        return SchemeFetcher(["file": FileFetcher(), "https": https, "http": https, "s3": S3AccessFetcher(access: s3)])
    }

    func runner(outputOverride: String?, timeoutOverride: Int?, signals: SignalCancellation? = nil) -> JobRunner {
        var runner = JobRunner(
            handlers: Kinds.registry, environment: environment, processRunner: ProcessSupervisor(),
            fetcher: inputFetcher,
            makeStore: { [s3, environment] location, identity in
                switch location {
                case .local(let directory):
                    return LocalFolderStore(directory: directory)
                case .s3(let bucket, let prefix):
                    let client = try s3.client()
                    return S3OutputStore(
                        client: client, bucket: bucket, prefix: prefix, jobID: identity.id,
                        cacheControl: client.configuration.cacheControl
                            ?? (identity.contentAddressed ? "public, max-age=31536000, immutable" : nil),
                        presignSeconds: environment["ONEJOB_PRESIGN_SECONDS"].flatMap { Int($0) } ?? 604_800,
                        scratchDirectory: environment["ONEJOB_SCRATCH_DIR"] ?? environment["TMPDIR"] ?? "/tmp")
                }
            },
            logger: logger, workingDirectory: FileManager.default.currentDirectoryPath,
            outputOverride: outputOverride, timeoutOverride: timeoutOverride, signals: signals)
        runner.redactor = redactor
        return runner
    }

    /// Reads the job document from its source, never more than the document limit (plus one byte, to tell).
    func documentReader(for source: JobSource) -> @Sendable () async throws -> [UInt8] {
        let limit = JobLimits.maxDocumentBytes + 1
        let fetcher = self.jobURLFetcher
        return {
            switch source {
            case .inline(_, let json):
                return Array(json.utf8)
            case .standardInput:
                return try DocumentReader.read(fileDescriptor: 0, limit: limit, name: "standard input")
            case .file(let path):
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw JobError.invalidJob("cannot read the job file \(path): \(String(cString: strerror(errno)))")
                }
                defer { close(descriptor) }
                return try DocumentReader.read(fileDescriptor: descriptor, limit: limit, name: path)
            case .url(let variable, let url):
                let temporary = NSTemporaryDirectory() + "onejob-job-\(UUID().uuidString).json"
                defer { try? FileManager.default.removeItem(atPath: temporary) }
                do {
                    _ = try await fetcher.fetch(url, to: temporary, maxBytes: Int64(limit))
                } catch let error as JobError where error.code == .badInput {
                    throw JobError(.invalidJob, "\(variable): \(error.message)")
                }
                let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw JobError(.ioFailed, "cannot read the downloaded job") }
                defer { close(descriptor) }
                return try DocumentReader.read(fileDescriptor: descriptor, limit: limit, name: variable)
            }
        }
    }
}

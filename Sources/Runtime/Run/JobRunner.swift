import Foundation
import Logging
import Synchronization

/// Runs one job through every phase: intake → validate → fetch → tool → store → `result.json`.
///
/// Every path out — success, a classified failure, the deadline, SIGTERM — ends the same way: the
/// scratch directory is removed, half-done uploads are abandoned, a `result.json` is committed when
/// the output location is known, and one exit code comes back.
public struct JobRunner: Sendable {
    public var handlers: HandlerRegistry
    public var environment: Environment
    public var processRunner: any ProcessRunning
    public var fetcher: any InputFetching
    public var makeStore: @Sendable (OutputLocation, JobIdentity) throws -> any OutputStore
    public var logger: Logger
    public var workingDirectory: String
    /// `--output`: replaces the job's `output`.
    public var outputOverride: String?
    /// `--timeout` or a platform deadline: the job gets the smaller of this and its own `timeoutSeconds`.
    public var timeoutOverride: Int?
    public var signals: SignalCancellation?
    public var now: @Sendable () -> Date
    /// Reporters told of start, progress and the end of each run (GitHub, Kubernetes, callbacks).
    /// Set after `init`; they cannot change the outcome.
    public var observers: [any RunObserver] = []
    /// Masks secrets in error messages before they reach `result.json` and every reporter (GitHub,
    /// termination log, callback, Lambda): those copies are not log lines, so the log handler never sees them.
    public var redactor = Redactor()

    public init(
        handlers: HandlerRegistry, environment: Environment, processRunner: any ProcessRunning,
        fetcher: any InputFetching, makeStore: @escaping @Sendable (OutputLocation, JobIdentity) throws -> any OutputStore,
        logger: Logger, workingDirectory: String, outputOverride: String? = nil, timeoutOverride: Int? = nil,
        signals: SignalCancellation? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.handlers = handlers
        self.environment = environment
        self.processRunner = processRunner
        self.fetcher = fetcher
        self.makeStore = makeStore
        self.logger = logger
        self.workingDirectory = workingDirectory
        self.outputOverride = outputOverride
        self.timeoutOverride = timeoutOverride
        self.signals = signals
        self.now = now
    }

    public var decoder: JobDecoder {
        var policy = URLPolicy(environment: environment)
        if outputOverride.map({ !$0.lowercased().hasPrefix("s3://") }) ?? false { policy.allowFile = true }
        return JobDecoder(handlers: handlers, urlPolicy: policy, outputOverride: outputOverride)
    }

    /// Runs the job whose document `readDocument` returns and reports how it ended.
    public func run(readDocument: @escaping @Sendable () async throws -> [UInt8]) async -> RunReport {
        let clock = ContinuousClock()
        let started = clock.now
        let state = JobRunState(startedAt: now())
        var log = logger

        do {
            let bytes = try await cancellable(readDocument)
            state.withLock { $0.fallback = FallbackIdentity(bytes: bytes) }
            let job = try decoder.decode(bytes)
            log[metadataKey: "job"] = "\(job.id)"
            log[metadataKey: "kind"] = "\(job.kind)"
            let location = try OutputLocation.resolve(job.output, id: job.id, workingDirectory: workingDirectory)
            let store = try makeStore(location, JobIdentity(job))
            state.withLock {
                $0.job = job
                $0.store = store
                $0.timings.intake = clock.now - started
            }
            log.info("job accepted", metadata: ["output": "\(store.location)", "timeoutSeconds": "\(effectiveTimeout(job))"])
            for observer in observers { await observer.jobStarted(job) }

            // The deadline counts from the start of intake, like the platform's own timer.
            let remaining = .seconds(effectiveTimeout(job)) - (clock.now - started)
            try await withDeadline(remaining) { [self, log] in
                try await cancellable { try await perform(job, store: store, state: state, clock: clock, logger: log) }
            }
            state.withLock { $0.exitCode = .success }
        } catch {
            let code = ExitCode(for: error)
            let jobError = redactor.redact((error as? JobError) ?? JobError(code, String(describing: error)))
            state.withLock {
                $0.exitCode = code
                $0.error = jobError
            }
        }
        return await finish(state: state, clock: clock, started: started, logger: log)
    }

    /// Runs `body` so that SIGTERM/SIGINT cancel it (when this runner watches signals).
    private func cancellable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let signals else { return try await body() }
        return try await signals.run(body)
    }

    /// The smaller of the job's own timeout and any platform or command-line deadline.
    func effectiveTimeout(_ job: Job) -> Int {
        min(job.timeoutSeconds, timeoutOverride ?? Int.max)
    }

    // MARK: - Phases

    private func perform(_ job: Job, store: any OutputStore, state: JobRunState, clock: ContinuousClock, logger: Logger) async throws {
        guard let handler = handlers[job.kind] else { throw JobError.invalidJob("unknown kind \(job.kind)") }
        let scratch = try ScratchDirectory.create(in: environment["ONEJOB_SCRATCH_DIR"] ?? environment["TMPDIR"] ?? "/tmp", id: job.id)
        state.withLock { $0.scratch = scratch }

        var phase = clock.now
        var inputFiles: [String: URL] = [:]
        let maxBytes = FetchLimits.maxDownloadBytes(environment)
        for (name, url) in job.inputs.sorted(by: { $0.key < $1.key }) {
            let destination = scratch.inputs.appendingPathComponent(name + Self.fileExtension(of: url))
            let bytes = try await fetcher.fetch(url, to: destination.path, maxBytes: maxBytes)
            logger.info("input fetched", metadata: ["input": "\(name)", "bytes": "\(bytes)"])
            inputFiles[name] = destination
        }
        state.withLock { $0.timings.fetch = clock.now - phase }

        phase = clock.now
        let context = JobContext(
            job: job, scratchDirectory: scratch.root, outputDirectory: scratch.outputs, inputFiles: inputFiles,
            runner: processRunner, tools: ToolLocator(environment: environment), environment: environment,
            logger: logger,
            progress: { [observers] percent in
                logger.debug("progress", metadata: ["percent": "\(Int(percent))"])
                for observer in observers { observer.jobProgressed(job, percent: percent) }
            })
        let outcome = try await handler.run(context)
        state.withLock {
            $0.timings.tool = clock.now - phase
            $0.tool = outcome.tool
            $0.metrics = outcome.metrics
        }

        phase = clock.now
        try await store.prepare()
        for file in outcome.files {
            try Task.checkCancellation()
            let stored = try await store.store(file)
            logger.info("output stored", metadata: ["name": "\(stored.name)", "bytes": "\(stored.bytes)"])
            state.withLock { $0.outputs.append(stored) }
        }
        state.withLock { $0.timings.upload = clock.now - phase }
    }

    /// Cleans up and commits `result.json`; the only place a run ends.
    private func finish(state: JobRunState, clock: ContinuousClock, started: ContinuousClock.Instant, logger: Logger) async -> RunReport {
        let snapshot = state.withLock { state in
            state.timings.total = clock.now - started
            return state
        }
        snapshot.scratch?.remove()
        var exitCode = snapshot.exitCode
        var error = snapshot.error
        if exitCode != .success { await snapshot.store?.abandon() }

        let id = snapshot.job?.id ?? snapshot.fallback?.id ?? "unknown"
        var document = ResultDocument(
            id: id, kind: snapshot.job?.kind ?? snapshot.fallback?.kind, exitCode: exitCode, error: error,
            startedAt: snapshot.startedAt, finishedAt: now(), timings: snapshot.timings, tool: snapshot.tool,
            outputs: exitCode == .success ? snapshot.outputs : [], metrics: snapshot.metrics)

        var resultLocation: String?
        if let store = snapshot.store ?? fallbackStore(snapshot.fallback) {
            do {
                resultLocation = try await store.commit(result: document.bytes)
            } catch let commitError {
                // The record and the exit code must agree: throttling stays 75, not a generic 74.
                let mapped = ExitCode(for: commitError)
                var failure = redactor.redact(
                    (commitError as? JobError) ?? JobError(mapped, "result.json could not be written: \(commitError)"))
                if failure.code == .toolFailed { failure.code = .ioFailed }
                logger.error("result.json could not be written", metadata: ["error": "\(failure.message)"])
                if exitCode == .success {
                    await store.retractResult()
                    exitCode = failure.code
                    error = failure
                    document.exitCode = exitCode
                    document.error = failure
                    document.outputs = []
                }
            }
        }

        if let error {
            var record: Logger.Metadata = [
                "class": "\(error.code.className)", "exitCode": .stringConvertible(error.code.rawValue),
                "retryable": .stringConvertible(error.code.isRetryable),
            ]
            for (key, value) in error.detail { record[key] = "\(value)" }
            if let resultLocation { record["result"] = "\(resultLocation)" }
            logger.error("\(error.message)", metadata: record)
        } else {
            logger.info(
                "job succeeded",
                metadata: ["result": "\(resultLocation ?? "-")", "ms": "\(Int(PhaseTimings.milliseconds(snapshot.timings.total)))"])
        }
        let report = RunReport(exitCode: exitCode, result: document, resultLocation: resultLocation, job: snapshot.job)
        for observer in observers { await observer.jobFinished(report) }
        return report
    }

    /// For a job that failed validation, `result.json` goes where the document (or `--output`) pointed,
    /// under an id derived from its bytes, so the submitter still finds a failed result.
    private func fallbackStore(_ fallback: FallbackIdentity?) -> (any OutputStore)? {
        guard let fallback, let output = outputOverride ?? fallback.output,
            let location = try? OutputLocation.resolve(output, id: fallback.id, workingDirectory: workingDirectory)
        else { return nil }
        return try? makeStore(location, JobIdentity(id: fallback.id, contentAddressed: false))
    }

    static func fileExtension(of url: String) -> String {
        let path = ParsedURL(url)?.path ?? ""
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[dot...].lowercased()
        return ext.count <= 8 && ext.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber }) ? ext : ""
    }
}

/// How a run ended: the exit code, the `result.json` content and where it was written.
public struct RunReport: Sendable {
    public init(exitCode: ExitCode, result: ResultDocument, resultLocation: String? = nil, job: Job? = nil) {
        self.exitCode = exitCode
        self.result = result
        self.resultLocation = resultLocation
        self.job = job
    }

    public var exitCode: ExitCode
    public var result: ResultDocument
    public var resultLocation: String?
    public var job: Job?
}

/// What the phases have recorded so far, shared between the job task and the finishing code.
final class JobRunState: Sendable {
    struct Value: Sendable {
        var startedAt: Date
        var job: Job?
        var fallback: FallbackIdentity?
        var store: (any OutputStore)?
        var scratch: ScratchDirectory?
        var timings = PhaseTimings()
        var tool: ToolInfo?
        var metrics: JSONValue = .object([])
        var outputs: [StoredOutput] = []
        var exitCode: ExitCode = .toolFailed
        var error: JobError?
    }

    private let value: Mutex<Value>

    init(startedAt: Date) {
        value = Mutex(Value(startedAt: startedAt))
    }

    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        value.withLock { body(&$0) }
    }
}

/// Identity guessed from a document that did not validate: its `id`/`kind`/`output` if readable, else a hash.
struct FallbackIdentity: Sendable {
    var id: String
    var kind: String?
    var output: String?

    init(bytes: [UInt8]) {
        let document = try? JSONParser.parse(bytes)
        let id = document?["id"]?.stringValue
        let valid = id.map { $0.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,127}/) != nil } ?? false
        self.id = valid ? id! : "invalid-" + String(Digest.sha256Hex(bytes).prefix(12))
        self.kind = document?["kind"]?.stringValue
        self.output = document?["output"]?.stringValue
    }
}

/// What an output store needs to know of the job: its id (object metadata) and whether the id is the
/// hash of the work (then outputs are immutable and may be cached for ever).
public struct JobIdentity: Sendable, Equatable {
    public var id: String
    public var contentAddressed: Bool

    public init(id: String, contentAddressed: Bool) {
        self.id = id
        self.contentAddressed = contentAddressed
    }

    public init(_ job: Job) {
        self.init(id: job.id, contentAddressed: job.id == JobDecoder.contentID(of: job))
    }
}

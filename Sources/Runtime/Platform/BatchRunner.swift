import Foundation
import Logging

/// Batch fan-out: one task of a Cloud Run job or Kubernetes Indexed Job runs its share of a JSON Lines
/// batch (`ONEJOB_BATCH_URL`), one job after another, each with its own `result.json`.
///
/// Safe to retry: a job whose `result.json` already says `succeeded` for the same id is skipped, so a
/// retried task redoes only what failed or never ran. The task exits with the most severe class among
/// its jobs, and leaves `batch-<index>.json` listing what each job did.
public struct BatchRunner: Sendable {
    public var runner: JobRunner
    /// Fetches the batch file (operator configuration: `s3://`, `https://`, `file://`).
    public var fetcher: any InputFetching
    public var probe: any CompletedJobProbe
    public var slot: TaskSlot
    /// Where `batch-<index>.json` goes.
    public var summaryDirectory: String
    /// Also stores the summary where the outputs go when that is not this machine's disk (S3).
    public var summaryPublisher: (any BatchSummaryPublishing)?
    public var logger: Logger

    public static let maxBatchBytes: Int64 = 64 * 1024 * 1024

    public init(
        runner: JobRunner, fetcher: any InputFetching, probe: any CompletedJobProbe, slot: TaskSlot,
        summaryDirectory: String, summaryPublisher: (any BatchSummaryPublishing)? = nil, logger: Logger
    ) {
        self.runner = runner
        self.fetcher = fetcher
        self.probe = probe
        self.slot = slot
        self.summaryDirectory = summaryDirectory
        self.summaryPublisher = summaryPublisher
        self.logger = logger
    }

    /// The summary goes beside the job folders when outputs are local, else in the working directory.
    public static func summaryDirectory(outputOverride: String?, workingDirectory: String) -> String {
        guard let location = try? OutputLocation.resolve(outputOverride, id: "x", workingDirectory: workingDirectory),
            case .local(let directory) = location
        else { return workingDirectory }
        return URL(fileURLWithPath: directory).deletingLastPathComponent().path
    }

    /// What one job of the batch did.
    public struct JobRecord: Sendable, Equatable {
        public var line: Int
        public var id: String?
        public var exitCode: ExitCode
        public var skipped: Bool
        public var resultLocation: String?

        public var json: JSONValue {
            var members: [(key: String, value: JSONValue)] = [("line", .number(Double(line)))]
            members.append(("id", id.map(JSONValue.string) ?? .null))
            members.append(("status", .string(skipped ? "skipped" : exitCode == .success ? "succeeded" : "failed")))
            members.append(("exitCode", .number(Double(exitCode.rawValue))))
            if let resultLocation { members.append(("result", .string(resultLocation))) }
            return .object(members)
        }
    }

    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var jobs: [JobRecord]
        public var summaryPath: String?
        /// Where the summary was published besides ``summaryPath`` (an `s3://` URL), if it was.
        public var summaryURL: String?
        public var error: JobError?
    }

    /// The most severe exit code among `codes` (``ExitCode/severity``); success for none.
    public static func worst(_ codes: [ExitCode]) -> ExitCode {
        codes.max(by: { $0.severity < $1.severity }) ?? .success
    }

    public func run(batchURL: String) async -> Report {
        var log = logger
        log[metadataKey: "taskIndex"] = "\(slot.index)"
        var records: [JobRecord] = []
        var failure: JobError?
        do {
            let entries = try await load(batchURL).filter { slot.owns($0.position) }
            log.info(
                "batch task started",
                metadata: ["jobs": "\(entries.count)", "taskCount": "\(slot.count)", "attempt": "\(slot.attempt)"])
            for entry in entries {
                if Task.isCancelled {
                    failure = JobError(.cancelled, "cancelled before line \(entry.line)")
                    break
                }
                if let id = await finishedID(entry) {
                    log.info("job already succeeded; skipped", metadata: ["job": "\(id)", "line": "\(entry.line)"])
                    records.append(JobRecord(line: entry.line, id: id, exitCode: .success, skipped: true))
                    continue
                }
                let document = entry.document
                let report = await runner.run { document }
                records.append(
                    JobRecord(
                        line: entry.line, id: report.job?.id ?? report.result.id, exitCode: report.exitCode,
                        skipped: false, resultLocation: report.resultLocation))
                if report.exitCode == .cancelled {
                    failure = JobError(.cancelled, "cancelled during line \(entry.line)")
                    break
                }
            }
        } catch {
            failure = (error as? JobError) ?? JobError(ExitCode(for: error), "\(error)")
            log.error("batch cannot be read", metadata: ["error": "\(failure?.message ?? "")"])
        }
        let exitCode = Self.worst(records.map(\.exitCode) + [failure?.code].compactMap { $0 })
        let summaryPath = writeSummary(batchURL: batchURL, records: records, exitCode: exitCode, error: failure, logger: log)
        let summaryURL = await publishSummary(summaryPath, logger: log)
        log.info(
            "batch task finished",
            metadata: ["exitCode": "\(exitCode.rawValue)", "jobs": "\(records.count)", "summary": "\(summaryURL ?? summaryPath ?? "-")"])
        return Report(exitCode: exitCode, jobs: records, summaryPath: summaryPath, summaryURL: summaryURL, error: failure)
    }

    private func load(_ url: String) async throws -> [BatchFile.Entry] {
        let temporary = NSTemporaryDirectory() + "onejob-batch-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        _ = try await fetcher.fetch(url, to: temporary, maxBytes: Self.maxBatchBytes)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw JobError(.ioFailed, "cannot read the downloaded batch")
        }
        return BatchFile.entries(Array(data))
    }

    /// The job's id when it is valid and its result already says it succeeded.
    private func finishedID(_ entry: BatchFile.Entry) async -> String? {
        guard let job = try? runner.decoder.decode(entry.document),
            let location = try? OutputLocation.resolve(job.output, id: job.id, workingDirectory: runner.workingDirectory),
            await probe.hasSucceeded(id: job.id, at: location)
        else { return nil }
        return job.id
    }

    /// Stores the summary with ``summaryPublisher``. The summary describes jobs whose own `result.json`
    /// files are the record of truth, so a failure here is logged, not turned into the task's exit code.
    /// It runs even after a SIGTERM: the upload is small and says which jobs were left undone.
    private func publishSummary(_ path: String?, logger: Logger) async -> String? {
        guard let summaryPublisher, let path else { return nil }
        let name = URL(fileURLWithPath: path).lastPathComponent
        do {
            return try await Task.detached { try await summaryPublisher.publish(file: path, name: name) }.value
        } catch {
            logger.error("cannot store the batch summary", metadata: ["name": "\(name)", "error": "\(error)"])
            return nil
        }
    }

    private func writeSummary(batchURL: String, records: [JobRecord], exitCode: ExitCode, error: JobError?, logger: Logger) -> String? {
        var members: [(key: String, value: JSONValue)] = [
            ("batch", .string(batchURL)), ("taskIndex", .number(Double(slot.index))),
            ("taskCount", .number(Double(slot.count))), ("attempt", .number(Double(slot.attempt))),
            ("exitCode", .number(Double(exitCode.rawValue))), ("class", .string(exitCode.className)),
        ]
        if let error { members.append(("error", .string(error.message))) }
        members.append(("jobs", .array(records.map(\.json))))
        let path = summaryDirectory + "/batch-\(slot.index).json"
        do {
            try FileManager.default.createDirectory(atPath: summaryDirectory, withIntermediateDirectories: true)
            try Data((JSONValue.object(members).prettyText() + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        } catch {
            logger.error("cannot write the batch summary", metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
    }
}

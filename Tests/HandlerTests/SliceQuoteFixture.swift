import Foundation
import Logging
import Runtime

@testable import Handler

/// Whether real PrusaSlicer is here; CI installs it, so there a missing one fails instead of skipping.
let prusaSlicerInstalled =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/prusa-slicer")
    || ProcessInfo.processInfo.environment["CI"] == "true"

/// One slice-quote job run through the handler with real PrusaSlicer, in its own scratch directory.
struct SliceQuoteFixture: ~Copyable {
    let scratch: URL
    let progress = ProgressLog()

    init() throws {
        scratch = try SliceModels.directory()
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var outputDirectory: URL { scratch.appendingPathComponent("out", isDirectory: true) }

    /// Writes `bytes` as the model file `name` (its extension decides the format) and runs the job.
    func run(model bytes: [UInt8], name: String, params: JSONValue = .object([:])) async throws -> JobOutcome {
        let inputs = scratch.appendingPathComponent("inputs", isDirectory: true)
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let ext = (name as NSString).pathExtension
        let local = try SliceModels.write(bytes, to: inputs, name: "model" + (ext.isEmpty ? "" : ".\(ext)"))
        let handler = SliceQuoteHandler()
        let job = Job(
            id: "test", kind: handler.kind, params: try handler.normalize(params: params),
            inputs: ["model": "file:///uploads/\(name)"])
        let log = progress
        let environment = Environment.current()
        let context = JobContext(
            job: job, scratchDirectory: scratch, outputDirectory: outputDirectory, inputFiles: ["model": local],
            runner: ProcessSupervisor(), tools: ToolLocator(environment: environment), environment: environment,
            logger: Logger(label: "slice-quote-test"), progress: { log.record($0) })
        return try await handler.run(context)
    }

    func quote() throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: outputDirectory.appendingPathComponent("quote.json"))))
    }
}

/// Runs one job in a fresh fixture and returns its quote.json (the fixture is gone afterwards).
func sliceQuote(_ bytes: [UInt8], name: String, params: JSONValue = .object([:])) async throws -> (
    outcome: JobOutcome, quote: JSONValue, gcode: String
) {
    let fixture = try SliceQuoteFixture()
    let outcome = try await fixture.run(model: bytes, name: name, params: params)
    let gcode = try String(contentsOf: fixture.outputDirectory.appendingPathComponent("model.gcode"), encoding: .utf8)
    return (outcome, try fixture.quote(), String(gcode.prefix(200)))
}

/// The error a job ends with, or nil when it succeeded.
func sliceQuoteError(_ bytes: [UInt8], name: String, params: JSONValue = .object([:])) async -> JobError? {
    do {
        let fixture = try SliceQuoteFixture()
        _ = try await fixture.run(model: bytes, name: name, params: params)
        return nil
    } catch {
        return error as? JobError ?? JobError(.toolFailed, "\(error)")
    }
}

import Foundation
import Logging
import Runtime
import Synchronization

@testable import Handler

/// One text-mesh job run through the handler with real Blender, in its own scratch directory.
struct TextMeshFixture: ~Copyable {
    let scratch: URL
    let progress = ProgressLog()

    init() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("text-mesh-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var outputDirectory: URL { scratch.appendingPathComponent("out", isDirectory: true) }

    /// The RESULT.json the script wrote, as Blender saw it.
    func scriptResult() throws -> JSONValue {
        let url = scratch.appendingPathComponent("text-mesh/result.json")
        return try JSONParser.parse(Array(try Data(contentsOf: url)))
    }

    func run(
        _ params: JSONValue, environment: Environment = .current(),
        runner: any ProcessRunning = ProcessSupervisor()
    ) async throws -> JobOutcome {
        let handler = TextMeshHandler()
        let job = Job(id: "test", kind: handler.kind, params: try handler.normalize(params: params))
        let log = progress
        let context = JobContext(
            job: job, scratchDirectory: scratch, outputDirectory: outputDirectory, inputFiles: [:],
            runner: runner, tools: ToolLocator(environment: environment), environment: environment,
            logger: Logger(label: "text-mesh-test"), progress: { log.record($0) })
        return try await handler.run(context)
    }
}

/// Progress values reported during a run, collected across threads.
final class ProgressLog: Sendable {
    private let values = Mutex<[Double]>([])
    func record(_ value: Double) { values.withLock { $0.append(value) } }
    var all: [Double] { values.withLock { $0 } }
}

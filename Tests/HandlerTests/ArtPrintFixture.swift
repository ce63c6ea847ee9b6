import Foundation
import Logging
import Runtime
import Synchronization

@testable import Handler

/// One art-print job run through the handler, in its own scratch directory with its own photo.
struct ArtPrintFixture: ~Copyable {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("art-print-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// Writes `bytes` as the job's photo and returns its path.
    func photo(_ bytes: [UInt8], name: String = "photo.png") throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func run(
        _ params: JSONValue, photo: URL, environment: Environment = .current(),
        runner: any ProcessRunning = ProcessSupervisor()
    ) async throws -> JobOutcome {
        let handler = ArtPrintHandler()
        let job = Job(id: "test", kind: handler.kind, params: try handler.normalize(params: params))
        let context = JobContext(
            job: job, scratchDirectory: scratch, outputDirectory: scratch.appendingPathComponent("out"),
            inputFiles: ["image": photo], runner: runner, tools: ToolLocator(environment: environment),
            environment: environment, logger: Logger(label: "art-print-test"))
        return try await handler.run(context)
    }
}

/// A process runner that records every command and runs none: proves a check happened before any tool.
final class RefusingRunner: ProcessRunning, Sendable {
    private let commands = Mutex<[String]>([])
    var started: [String] { commands.withLock { $0 } }

    func run(_ command: ToolCommand) async throws -> ToolResult {
        commands.withLock { $0.append(command.executable) }
        throw JobError.toolFailed("RefusingRunner: no tool may start in this test")
    }
}

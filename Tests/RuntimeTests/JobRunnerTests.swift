import Foundation
import Logging
import Testing

@testable import Runtime

@Suite struct JobRunnerTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "onejob-runner-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func runner(signals: SignalCancellation? = nil, timeout: Int? = nil) -> JobRunner {
        JobRunner(
            handlers: HandlerRegistry([EchoHandler()]),
            environment: Environment(["ONEJOB_SCRATCH_DIR": root]),
            processRunner: NoProcesses(), fetcher: SchemeFetcher(["file": FileFetcher()]),
            makeStore: { location, _ in
                guard case .local(let directory) = location else { throw JobError.invalidJob("local only") }
                return LocalFolderStore(directory: directory)
            },
            logger: Logger(label: "test"), workingDirectory: root, timeoutOverride: timeout, signals: signals)
    }

    func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Scratch folders left behind in `root` (outputs live under `root/out`).
    func scratchLeft() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix("onejob-") }
    }

    @Test func successWritesOutputsThenResult() async throws {
        let input = root + "/in.bin"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: input))
        let document = #"{"kind":"echo","id":"j1","params":{"text":"héllo"},"inputs":{"data":"file://\#(input)"}}"#
        let report = await runner().run { Array(document.utf8) }
        #expect(report.exitCode == .success)
        let folder = root + "/out/j1"
        #expect(try String(contentsOfFile: folder + "/echo.txt", encoding: .utf8) == "héllo")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/data/copy.bin")) == Data([1, 2, 3]))
        let result = try json(folder + "/result.json")
        #expect(result["status"] == .string("succeeded"))
        #expect(result["exitCode"] == .number(0))
        #expect(result["outputs"]?.arrayValue?.count == 2)
        #expect(result["outputs"]?.arrayValue?.first?["bytes"] == .number(6))
        #expect(result["metrics"]?["length"] == .number(5))
        #expect(result["tool"]?["name"] == .string("echo"))
        #expect(scratchLeft().isEmpty)
    }

    @Test func handlerFailureWritesAFailedResult() async throws {
        let report = await runner().run { Array(#"{"kind":"echo","id":"j2","params":{"text":"fail"}}"#.utf8) }
        #expect(report.exitCode == .toolFailed)
        let result = try json(root + "/out/j2/result.json")
        #expect(result["status"] == .string("failed"))
        #expect(result["exitCode"] == .number(70))
        #expect(result["error"]?["class"] == .string("tool-failed"))
        #expect(result["error"]?["message"] == .string("asked to fail"))
        #expect(result["outputs"] == .array([]))
        #expect(scratchLeft().isEmpty)
    }

    @Test func invalidJobStillLeavesAFailedResultWhereItPointed() async throws {
        let report = await runner().run { Array(#"{"kind":"echo","id":"bad1","output":"./o","params":{}}"#.utf8) }
        #expect(report.exitCode == .invalidJob)
        let result = try json(root + "/o/bad1/result.json")
        #expect(result["error"]?["message"]?.stringValue?.contains("params.text is required") == true)
    }

    @Test func deadlineGives124AndRemovesScratch() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let report = await runner(timeout: 1).run { Array(#"{"kind":"echo","id":"j3","params":{"text":"sleep"}}"#.utf8) }
        #expect(report.exitCode == .deadlineExceeded)
        // A hang guard: without the deadline the job would sleep an hour.
        #expect(clock.now - start < .seconds(300))
        #expect(try json(root + "/out/j3/result.json")["exitCode"] == .number(124))
        #expect(scratchLeft().isEmpty)
    }

    @Test func signalGives143() async throws {
        // SIGWINCH: harmless to the test runner if it ever arrived unobserved.
        let signals = SignalCancellation(signals: [SIGWINCH])
        let task = Task { await runner(signals: signals).run { Array(#"{"kind":"echo","id":"j4","params":{"text":"sleep"}}"#.utf8) } }
        try await Task.sleep(for: .milliseconds(300))
        kill(getpid(), SIGWINCH)
        let report = await task.value
        #expect(report.exitCode == .cancelled)
        #expect(report.result.error?.message == "cancelled by signal \(SIGWINCH)")
        #expect(try json(root + "/out/j4/result.json")["status"] == .string("failed"))
        #expect(scratchLeft().isEmpty)
    }

    @Test func rerunReplacesAStaleResult() async throws {
        let folder = root + "/out/j5"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: folder + "/result.json"))
        let report = await runner().run { Array(#"{"kind":"echo","id":"j5","params":{"text":"x"}}"#.utf8) }
        #expect(report.exitCode == .success)
        #expect(try json(folder + "/result.json")["status"] == .string("succeeded"))
    }
}

struct NoProcesses: ProcessRunning {
    func run(_ command: ToolCommand) async throws -> ToolResult { throw JobError.toolMissing("none") }
}

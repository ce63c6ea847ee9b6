import Foundation
import HTTPClient
import Logging
import TestSupport
import Testing

@testable import Runtime

/// A kind that reports progress like a tool does: rising, a restart at a lower value, a burst.
struct ProgressingHandler: JobHandler {
    var kind = "progressing"
    var inputs: [InputSpec] = []
    var paramsSchema: JSONValue { .object(["type": .string("object")]) }
    func normalize(params: JSONValue) throws -> JSONValue { params }

    func run(_ context: JobContext) async throws -> JobOutcome {
        for percent in [1.0, 2, 3, 30, 10, 31, 60, 60, 55, 90, 99, 100] {
            context.progress(percent)
            try await Task.sleep(for: .milliseconds(60))
        }
        let url = context.outputDirectory.appendingPathComponent("done.txt")
        try Data("done".utf8).write(to: url)
        return JobOutcome(files: [OutputFile(name: "done.txt", localURL: url, contentType: "text/plain")])
    }
}

@Suite struct CallbackReporterTests {
    static let http = HTTPClient()

    func runner(root: String, observers: [any RunObserver]) -> JobRunner {
        var runner = JobRunner(
            handlers: HandlerRegistry([ProgressingHandler(), EchoHandler()]),
            environment: Environment([
                "ONEJOB_SCRATCH_DIR": root, "ONEJOB_ALLOW_HTTP_URLS": "1", "ONEJOB_ALLOW_PRIVATE_URLS": "1",
            ]),
            processRunner: NoProcesses(), fetcher: SchemeFetcher(["file": FileFetcher()]),
            makeStore: { location, _ in
                guard case .local(let directory) = location else { throw JobError.invalidJob("local only") }
                return LocalFolderStore(directory: directory)
            },
            logger: Logger(label: "test"), workingDirectory: root)
        runner.observers = observers
        return runner
    }

    func reporter(attempts: Int = 3) -> CallbackReporter {
        let sender = CallbackSender(
            transport: Self.http, addressPolicy: AddressPolicy(allowPrivate: true), maxAttempts: attempts,
            baseDelay: .milliseconds(20), logger: Logger(label: "test"))
        return CallbackReporter(sender: sender, source: "//test/onejob", progressInterval: .milliseconds(150))
    }

    func events(_ receiver: PythonFixtureServer) async throws -> [JSONValue] {
        try await receiver.record("/events").arrayValue ?? []
    }

    @Test func eventsArriveInOrderWithMonotonicThrottledProgress() async throws {
        let root = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        let document = #"{"kind":"progressing","id":"cb1","callback":"\#(receiver.url("/ok"))"}"#
        let report = await runner(root: root, observers: [reporter()]).run { Array(document.utf8) }
        #expect(report.exitCode == .success)

        let received = try await events(receiver)
        let types = received.compactMap { $0["headers"]?["ce-type"]?.stringValue }
        #expect(types.first == "dev.onejob.job.started")
        #expect(types.last == "dev.onejob.job.succeeded")
        #expect(types.dropFirst().dropLast().allSatisfy { $0 == "dev.onejob.job.progress" })
        let percents = received.filter { $0["headers"]?["ce-type"] == .string("dev.onejob.job.progress") }
            .compactMap { try? JSONParser.parse(Array(($0["body"]?.stringValue ?? "").utf8))["percent"]?.doubleValue }
        #expect(percents.count >= 2)
        // 12 readings 60 ms apart with a 150 ms interval: some are dropped (how many depends on how
        // the shared machine schedules the sleeps, so no exact count), and progress never goes back.
        #expect(percents.count < 12)
        #expect(zip(percents, percents.dropFirst()).allSatisfy { $0 < $1 })
        for event in received {
            #expect(event["headers"]?["ce-specversion"] == .string("1.0"))
            #expect(event["headers"]?["ce-source"] == .string("//test/onejob"))
            #expect(event["headers"]?["ce-subject"] == .string("cb1"))
            #expect(event["headers"]?["content-type"] == .string("application/json"))
        }
        let ids = Set(received.compactMap { $0["headers"]?["ce-id"]?.stringValue })
        #expect(ids.count == received.count)
        let final = try JSONParser.parse(Array((received.last?["body"]?.stringValue ?? "").utf8))
        #expect(final["status"] == .string("succeeded"))
        #expect(final["id"] == .string("cb1"))
    }

    @Test func aFailedJobSendsFailedWithItsResultAndRetriesAFlakyReceiver() async throws {
        let root = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        let document = #"{"kind":"echo","id":"cb2","params":{"text":"fail"},"callback":"\#(receiver.url("/flaky"))"}"#
        let report = await runner(root: root, observers: [reporter()]).run { Array(document.utf8) }
        #expect(report.exitCode == .toolFailed)
        let types = try await events(receiver).compactMap { $0["headers"]?["ce-type"]?.stringValue }
        // Each event is refused once (503) and delivered on the retry, still in order.
        #expect(types == ["dev.onejob.job.started", "dev.onejob.job.started", "dev.onejob.job.failed", "dev.onejob.job.failed"])
        let last = try await events(receiver).last
        let final = try JSONParser.parse(Array((last?["body"]?.stringValue ?? "").utf8))
        #expect(final["exitCode"] == .number(70))
    }

    @Test func aDeadCallbackNeverFailsTheJob() async throws {
        let root = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        let dead = #"{"kind":"echo","id":"cb3","params":{"text":"hi"},"callback":"\#(receiver.url("/dead"))"}"#
        let report = await runner(root: root, observers: [reporter(attempts: 2)]).run { Array(dead.utf8) }
        #expect(report.exitCode == .success)
        let deliveries = try await events(receiver)
        #expect(deliveries.count == 4)  // started ×2, succeeded ×2

        let closed = #"{"kind":"echo","id":"cb4","params":{"text":"hi"},"callback":"http://127.0.0.1:9/nobody"}"#
        let second = await runner(root: root, observers: [reporter(attempts: 2)]).run { Array(closed.utf8) }
        #expect(second.exitCode == .success)
        #expect(try String(contentsOfFile: root + "/out/cb4/result.json", encoding: .utf8).contains("succeeded"))
    }
}

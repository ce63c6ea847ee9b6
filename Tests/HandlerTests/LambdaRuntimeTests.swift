import Foundation
import TestSupport
import Testing

@testable import Runtime

/// `onejob run` under the Lambda Runtime API, against a loopback server implementing the published API.
@Suite struct LambdaRuntimeTests {
    @Test func twoInvocationsOneSucceedingOneReportedOnError() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.json"
        let bad = directory + "/bad.json"
        try #"{"kind":"text-mesh","id":"lambda-ok","params":{"text":"L","height":5,"depth":1}}"#.write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"kind":"text-mesh","id":"lambda-bad","params":{"text":"x","height":-1}}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let api = try await PythonFixtureServer.platform("lambda_runtime_api.py", arguments: [good, bad])

        let result = try await BuiltBinary.run(
            [], environment: ["AWS_LAMBDA_RUNTIME_API": api.address, "ONEJOB_OUTPUT": directory + "/out"])
        // The third /next answers 410: the loop ends as a Lambda runtime does when the API goes away.
        #expect(result.status == 75, "\(result.stderr)")

        let log = try await api.record("/log").arrayValue ?? []
        let kinds = log.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["next", "response", "next", "error", "next"])
        let response = try #require(log.first { $0["kind"] == .string("response") })
        #expect(response["requestId"] == .string("req-1"))
        let result1 = try JSONParser.parse(Array((response["body"]?.stringValue ?? "").utf8))
        #expect(result1["id"] == .string("lambda-ok"))
        #expect(result1["status"] == .string("succeeded"))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/lambda-ok/text.stl"))

        let error = try #require(log.first { $0["kind"] == .string("error") })
        #expect(error["requestId"] == .string("req-2"))
        #expect(error["errorType"] == .string("onejob.invalid-job"))
        let body = try JSONParser.parse(Array((error["body"]?.stringValue ?? "").utf8))
        #expect(body["errorType"] == .string("onejob.invalid-job"))
        #expect(body["errorMessage"]?.stringValue?.contains("height") == true)

        // The trace id and request id are on the job's log lines.
        #expect(result.stderr.contains(#""awsTraceId":"Root=1-5759e988-bd862e3fe1be46a994272793"#))
        #expect(result.stderr.contains(#""awsRequestId":"req-2""#))
    }

    /// Lambda parks the runtime in `GET /next` between invocations; a SIGTERM there must end the process
    /// at once with 143, not wait out the long poll.
    @Test func sigtermWhileWaitingForTheNextInvocationExits143() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.json"
        try #"{"kind":"text-mesh","id":"lambda-held","params":{"text":"H","height":5,"depth":1}}"#.write(toFile: good, atomically: true, encoding: .utf8)
        let api = try await PythonFixtureServer.platform("lambda_runtime_api.py", arguments: ["--hold", good])
        defer { Task { await api.stop() } }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary.path)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ONEJOB_") }
        environment["AWS_LAMBDA_RUNTIME_API"] = api.address
        environment["ONEJOB_OUTPUT"] = directory + "/out"
        environment["ONEJOB_LOG_FORMAT"] = "json"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: directory + "/stderr.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: directory + "/stderr.log")
        try process.run()

        // Wide hang guards only: the first invocation runs Blender, then the second /next is held.
        let clock = ContinuousClock()
        var waiting = false
        let deadline = clock.now + .seconds(120)
        while !waiting && process.isRunning && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            let kinds = try await api.record("/log").arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
            waiting = kinds == ["next", "response", "next"]
        }
        #expect(waiting, "never parked in /next")
        kill(process.processIdentifier, SIGTERM)
        let exitBy = clock.now + .seconds(60)
        while process.isRunning && clock.now < exitBy { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "still waiting in /next after SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: directory + "/stderr.log", encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 143, "\(stderr.suffix(800))")
        #expect(stderr.contains("leaving the Lambda loop while waiting for an invocation"))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/lambda-held/result.json"))
    }

    @Test func aStartUpFailureIsReportedOnInitError() async throws {
        let api = try await PythonFixtureServer.platform("lambda_runtime_api.py")
        let result = try await BuiltBinary.run(
            [], environment: ["AWS_LAMBDA_RUNTIME_API": api.address, "ONEJOB_SCRATCH_DIR": "/nonexistent/scratch"])
        #expect(result.status == 69)
        let log = try await api.record("/log").arrayValue ?? []
        #expect(log.count == 1)
        #expect(log.first?["kind"] == .string("init-error"))
        let body = try JSONParser.parse(Array((log.first?["body"]?.stringValue ?? "").utf8))
        #expect(body["errorType"] == .string("onejob.tool-missing"))
        #expect(body["errorMessage"]?.stringValue?.contains("/nonexistent/scratch") == true)
    }

    @Test func theDeadlineBecomesTheTimeout() {
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(LambdaLoop.timeoutSeconds(deadlineMilliseconds: 1_000_000 + 30_500, now: now) == 29)
        #expect(LambdaLoop.timeoutSeconds(deadlineMilliseconds: 1_000_000 + 200, now: now) == 1)
        #expect(LambdaLoop.timeoutSeconds(deadlineMilliseconds: 0, now: now) == 1)
    }
}

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

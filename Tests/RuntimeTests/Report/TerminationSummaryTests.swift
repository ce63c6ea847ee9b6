import Foundation
import Logging
import Testing

@testable import Runtime

@Suite struct TerminationSummaryTests {
    @Test func aHugeMessageIsShortenedToFourKiBAndStaysJSON() throws {
        let message = String(repeating: "ü\"\n", count: 10_000)
        let text = TerminationSummary.text(for: ReportFixtures.report(exitCode: .toolFailed, message: message))
        #expect(text.utf8.count <= 4096)
        #expect(text.utf8.count > 3000)
        let parsed = try JSONParser.parse(Array(text.utf8))
        #expect(parsed["class"] == .string("tool-failed"))
        #expect(parsed["exitCode"] == .number(70))
        #expect(parsed["result"] == .string("s3://bucket/jobs/j1/result.json"))
        #expect(parsed["message"]?.stringValue?.hasSuffix("…") == true)
    }

    @Test func aShortSummaryIsComplete() throws {
        let parsed = try JSONParser.parse(Array(TerminationSummary.text(for: ReportFixtures.report()).utf8))
        #expect(parsed["status"] == .string("succeeded"))
        #expect(parsed["message"] == nil)
    }

    @Test func theReporterWritesTheOverridePathAndSkipsAMissingDefault() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/termination-log"
        let reporter = TerminationLogReporter(environment: Environment(["ONEJOB_TERMINATION_LOG": path]), logger: Logger(label: "t"))
        await reporter.jobFinished(ReportFixtures.report(exitCode: .invalidJob, message: String(repeating: "x", count: 9000)))
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count <= 4096)
        #expect(try JSONParser.parse(Array(written))["class"] == .string("invalid-job"))

        let standard = TerminationLogReporter(environment: Environment([:]), logger: Logger(label: "t"))
        #expect(standard.path == "/dev/termination-log")
        #expect(standard.mustExist)
    }
}

import Foundation
import Logging
import Synchronization
import Testing

@testable import Runtime

@Suite struct GitHubReporterTests {
    func reporter(_ directory: String, lines: CapturedLines) -> GitHubReporter {
        GitHubReporter(
            environment: Environment([
                "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": directory + "/output", "GITHUB_STEP_SUMMARY": directory + "/summary",
                "GITHUB_TOKEN": "ghs_0123456789abcdef",
            ]), stdout: lines.sink, logger: Logger(label: "test"))
    }

    @Test func outputsParseBackExactlyIncludingMultilineJSON() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // An earlier step's output must survive: the file is appended to, never replaced.
        try "earlier=kept\n".write(toFile: directory + "/output", atomically: true, encoding: .utf8)
        let report = ReportFixtures.report()
        await reporter(directory, lines: CapturedLines()).jobFinished(report)

        let parsed = try GitHubOutputFile.parse(try String(contentsOfFile: directory + "/output", encoding: .utf8))
        #expect(parsed["earlier"] == "kept")
        #expect(parsed["status"] == "succeeded")
        #expect(parsed["exit-code"] == "0")
        #expect(parsed["result-url"] == "s3://bucket/jobs/j1/result.json")
        let outputs = try #require(parsed["outputs"])
        #expect(outputs.contains("\n"))
        let decoded = try JSONParser.parse(Array(outputs.utf8))
        #expect(decoded == .array(report.result.outputs.map(\.json)))
        #expect(decoded.arrayValue?.first?["presignedUrl"]?.stringValue == ReportFixtures.presigned)
    }

    @Test func summaryHasTheOutputsTableMetricsAndPreview() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        await reporter(directory, lines: CapturedLines()).jobFinished(ReportFixtures.report())
        let summary = try String(contentsOfFile: directory + "/summary", encoding: .utf8)
        let lines = summary.split(separator: "\n").map(String.init)
        #expect(lines.contains("| output | size | sha256 | link |"))
        #expect(lines.contains { $0.hasPrefix("| `text.stl` | 291,684 B (284.8 KiB) |") && $0.contains("[open](\(ReportFixtures.presigned))") })
        // A pipe in a name must not split the cell.
        #expect(lines.contains { $0.hasPrefix("| `preview\\|1.png` | 512 B |") })
        #expect(lines.contains("| triangles | 5832 |"))
        #expect(lines.contains("![preview](/out/j1/preview.png)"))
    }

    @Test func masksComeBeforeAnyOtherLineAndFailuresAnnotate() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = CapturedLines()
        let github = reporter(directory, lines: lines)
        github.maskSecrets()
        await github.jobFinished(ReportFixtures.report())
        #expect(lines.all.first == "::add-mask::ghs_0123456789abcdef\n")
        #expect(lines.all.contains("::add-mask::0123456789abcdef0123456789abcdef\n"))
        #expect(lines.all.contains { $0.hasPrefix("::add-mask::AKIDEXAMPLE") })
        #expect(lines.all.allSatisfy { $0.hasPrefix("::add-mask::") })

        let failing = CapturedLines()
        await reporter(directory, lines: failing).jobFinished(ReportFixtures.report(exitCode: .badInput, message: "mesh is 100% broken\nline two"))
        #expect(failing.all == ["::error title=onejob j1%3A bad-input (exit 65)::mesh is 100%25 broken%0Aline two\n"])
        let parsed = try GitHubOutputFile.parse(try String(contentsOfFile: directory + "/output", encoding: .utf8))
        #expect(parsed["status"] == "failed")
        #expect(parsed["exit-code"] == "65")
        #expect(parsed["outputs"] == "[]")
    }

    @Test func aValueContainingTheDelimiterGetsAnotherOne() {
        let delimiters = Mutex(["EOF", "EOF2"])
        let entry = GitHubCommands.outputEntry(name: "outputs", value: "a\nEOF\nb") {
            delimiters.withLock { $0.removeFirst() }
        }
        #expect(entry == "outputs<<EOF2\na\nEOF\nb\nEOF2\n")
    }

    @Test func presignedSecretsAreTheSigningValuesOnly() {
        let secrets = GitHubCommands.presignedSecrets(in: ReportFixtures.presigned)
        #expect(secrets == ["AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request", "0123456789abcdef0123456789abcdef"])
        #expect(GitHubCommands.presignedSecrets(in: "https://example.com/plain.stl").isEmpty)
    }
}

import Foundation
import Testing

@testable import Runtime

/// The GitHub Actions face of onejob: `action.yml` and the step outputs of a real run.
@Suite struct GitHubActionTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func actionYAMLValidatesAgainstTheGitHubActionSchema() async throws {
        let result = try await offCooperativePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["check-jsonschema", "--builtin-schema", "vendor.github-actions", Self.repositoryRoot + "/action.yml"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(result.0 == 0, "\(result.1)")
        let yaml = try String(contentsOfFile: Self.repositoryRoot + "/action.yml", encoding: .utf8)
        for name in ["job", "job-url", "output", "status", "exit-code", "result-url", "outputs"] {
            #expect(yaml.contains("\n  \(name):\n"), "action.yml lacks \(name)")
            #expect(name.wholeMatch(of: /[a-z0-9-]+/) != nil)
        }
        #expect(yaml.contains("using: docker"))
    }

    @Test func aFailedStepWritesOutputsAnnotatesAndMasksFirst() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/github_output"
        let summary = directory + "/step_summary"
        let result = try await BuiltBinary.run(
            ["run"],
            environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
                "GITHUB_TOKEN": "ghs_abcdefghijklmnop", "GITHUB_RUN_ID": "777",
                "INPUT_JOB": #"{"kind":"text-mesh","id":"gh-bad","params":{"text":""}}"#, "INPUT_OUTPUT": directory + "/out",
            ])
        #expect(result.status == 64)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "::add-mask::ghs_abcdefghijklmnop")
        #expect(lines.contains { $0.hasPrefix("::error title=onejob gh-bad%3A invalid-job (exit 64)::") })
        #expect(!result.stderr.contains("ghs_abcdefghijklmnop"))
        #expect(result.stderr.contains("\"githubRunId\":\"777\""))

        var values: [String: String] = [:]
        var rest = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = rest.popFirst(), let marker = line.range(of: "<<") {
            let delimiter = line[marker.upperBound...]
            var body: [Substring] = []
            while let next = rest.popFirst(), next != delimiter { body.append(next) }
            values[String(line[..<marker.lowerBound])] = body.joined(separator: "\n")
        }
        #expect(values["status"] == "failed")
        #expect(values["exit-code"] == "64")
        #expect(values["result-url"] == directory + "/out/gh-bad/result.json")
        #expect(values["outputs"] == "[]")
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("**invalid-job** (exit 64)"))
    }
}

import Foundation
import Testing

@testable import Runtime

/// The command line as users meet it: the real binary, its exit codes and its stderr error record.
@Suite struct CommandLineTests {
    /// The one JSON error record a failure prints on stderr.
    func errorRecord(_ stderr: String) throws -> JSONValue {
        let line = try #require(stderr.split(separator: "\n").last(where: { $0.contains(#""severity":"ERROR""#) }))
        return try JSONParser.parse(Array(line.utf8))
    }

    @Test func malformedJSONIs64WithLineAndColumn() async throws {
        let output = try await BuiltBinary.run(["run", "--job", "-"], stdin: "{\n  \"kind\": \"text-mesh\",\n  \"params\": {\"text\": \"a\",}\n}")
        #expect(output.status == 64)
        let record = try errorRecord(output.stderr)
        #expect(record["line"] == .string("3"))
        #expect(record["column"] != nil)
        #expect(record["message"]?.stringValue?.contains("line 3, column") == true)
        #expect(record["class"] == .string("invalid-job"))
    }

    @Test func unknownKindIs64ListingKnownKinds() async throws {
        let output = try await BuiltBinary.run(["validate"], stdin: #"{"kind":"teapot"}"#)
        #expect(output.status == 64)
        let message = try errorRecord(output.stderr)["message"]?.stringValue ?? ""
        #expect(message.contains("unknown kind \"teapot\""))
        #expect(message.contains("text-mesh"))
    }

    @Test func twoIntakeSourcesAre64NamingBoth() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let file = directory + "/job.json"
        try Data(#"{"kind":"text-mesh","params":{"text":"a"}}"#.utf8).write(to: URL(fileURLWithPath: file))
        let output = try await BuiltBinary.run(["run", "--job", file], environment: ["ONEJOB_JOB": #"{"kind":"text-mesh"}"#])
        #expect(output.status == 64)
        let message = try errorRecord(output.stderr)["message"]?.stringValue ?? ""
        #expect(message.contains("--job \(file)") && message.contains("ONEJOB_JOB"))
    }

    @Test func validatePrintsTheNormalisedJob() async throws {
        let output = try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": #"{"kind":"text-mesh","params":{"text":"Hi"}}"#])
        #expect(output.status == 0)
        let job = try JSONParser.parse(Array(output.stdout.utf8))
        #expect(job["apiVersion"] == .string("onejob/v1"))
        #expect(job["id"]?.stringValue?.count == 16)
        #expect(job["params"]?["height"] == .number(20))
        #expect(job["params"]?["format"] == .string("stl"))
        #expect(job["timeoutSeconds"] == .number(3600))
    }

    @Test func jobFromAFileURL() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let file = directory + "/job.json"
        try Data(#"{"kind":"text-mesh","params":{"text":"Hi"}}"#.utf8).write(to: URL(fileURLWithPath: file))
        let output = try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB_URL": "file://" + file])
        #expect(output.status == 0)
        #expect(output.stdout.contains(#""text": "Hi""#))
    }

    @Test func missingBlenderIs69WithAnInstallHint() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let output = try await BuiltBinary.run(
            ["run", "--output", directory], environment: ["PATH": "/nonexistent", "ONEJOB_JOB": #"{"kind":"text-mesh","id":"nb","params":{"text":"Hi"}}"#])
        #expect(output.status == 69)
        let record = try errorRecord(output.stderr)
        #expect(record["message"]?.stringValue?.contains("apt-get install blender") == true)
        let result = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/nb/result.json"))))
        #expect(result["exitCode"] == .number(69))
        #expect(result["error"]?["class"] == .string("tool-missing"))
    }

    @Test func schemaCommandPrintsTheCheckedInSchema() async throws {
        let output = try await BuiltBinary.run(["schema"])
        #expect(output.status == 0)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let checkedIn = try String(contentsOf: root.appendingPathComponent("schema/job.schema.json"), encoding: .utf8)
        #expect(output.stdout == checkedIn, "schema/job.schema.json is stale: run `make schema`")
    }

    @Test func versionAndHelp() async throws {
        let version = try await BuiltBinary.run(["--version"])
        #expect(version.status == 0 && version.stdout.contains("0."))
        let help = try await BuiltBinary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("Example:") && help.stdout.contains("ONEJOB_JOB_URL"))
    }

    @Test func timeoutOutOfRangeIsAUsageError() async throws {
        let output = try await BuiltBinary.run(["run", "--timeout", "0"], environment: ["ONEJOB_JOB": "{}"])
        #expect(output.status == 64)
    }
}

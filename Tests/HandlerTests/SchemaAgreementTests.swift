import Foundation
import Testing

@testable import Handler
@testable import Runtime

/// The JSON Schemas and the code agree: every example and a set of invalid jobs get the same verdict
/// from the decoder and from an independent validator (check-jsonschema), and real `result.json`
/// documents validate against `schema/result.schema.json`.
@Suite(.serialized) struct SchemaAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Jobs the decoder must reject for reasons the schema can express too.
    static let invalidJobs: [String] = [
        #"{"kind":"text-mesh","params":{"text":"a"},"colour":"red"}"#,
        #"{"kind":"text-mesh","params":{"text":"a","heigth":3}}"#,
        #"{"kind":"teapot","params":{}}"#,
        #"{"params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","params":{"text":"a","preview":"yes"}}"#,
        #"{"kind":"text-mesh","params":{"text":""}}"#,
        #"{"kind":"text-mesh","params":{"text":"a","height":0.1}}"#,
        #"{"kind":"text-mesh","params":{"text":"a","depth":5000}}"#,
        #"{"kind":"text-mesh","params":{"text":"a","format":"dwg"}}"#,
        #"{"kind":"text-mesh","params":{"text":7}}"#,
        #"{"kind":"text-mesh","apiVersion":"onejob/v2","params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","id":"-lead","params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","timeoutSeconds":0,"params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","timeoutSeconds":2.5,"params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","inputs":{"model":"https://x.example/m.stl"},"params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","callback":"ftp://x","params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","output":"","params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","params":{"height":5}}"#,
        #"{"kind":"text-mesh","inputs":{"logo":"https://x.example/l.svg"},"params":{"text":"a"}}"#,
        #"{"kind":"text-mesh","inputs":{"logo":"https://x.example/l.svg"},"params":{"bevel":0.5}}"#,
        #"[]"#,
    ]

    /// Valid jobs beyond the examples.
    static let validJobs: [String] = [
        #"{"kind":"text-mesh","params":{"text":"Ünïcødé 😀 עברית","format":"glb","height":0.5,"depth":1000}}"#,
        #"{"apiVersion":"onejob/v1","id":"A.b_c-1","kind":"text-mesh","params":{"text":"x","bevel":0},"output":"s3://b/p/","timeoutSeconds":86400,"callback":"https://h.example/ce"}"#,
        #"{"kind":"text-mesh","inputs":{"logo":"https://x.example/l.svg"},"params":{"height":30,"bevel":0}}"#,
        #"{"kind":"text-mesh","inputs":{"logo":"https://x.example/l.svg"}}"#,
    ]

    func decoderAccepts(_ text: String) -> Bool {
        (try? JobDecoder(handlers: Kinds.registry).decode(Array(text.utf8))) != nil
    }

    @Test func decoderAndSchemaAgree() async throws {
        let validator = try #require(SchemaValidator.available(), "check-jsonschema is not installed (make test installs it)")
        let directory = try BuiltBinary.temporaryDirectory()
        let examples = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("examples").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!examples.isEmpty)
        var cases: [(name: String, path: String, text: String, valid: Bool)] = []
        for example in examples {
            let path = Self.root.appendingPathComponent("examples/\(example)").path
            cases.append((example, path, try String(contentsOfFile: path, encoding: .utf8), true))
        }
        for (index, text) in Self.validJobs.enumerated() { cases.append(("valid-\(index)", "", text, true)) }
        for (index, text) in Self.invalidJobs.enumerated() { cases.append(("invalid-\(index)", "", text, false)) }
        for index in cases.indices where cases[index].path.isEmpty {
            cases[index].path = directory + "/\(cases[index].name).json"
            try Data(cases[index].text.utf8).write(to: URL(fileURLWithPath: cases[index].path))
        }
        let schema = Self.root.appendingPathComponent("schema/job.schema.json").path
        let verdicts = try await validator.validate(schema: schema, instances: cases.map(\.path))
        for item in cases {
            #expect(decoderAccepts(item.text) == item.valid, "decoder verdict for \(item.name): \(item.text)")
            #expect(verdicts[item.path] == item.valid, "schema verdict for \(item.name): \(item.text)")
        }
    }

    @Test func resultDocumentsMatchTheirSchema() async throws {
        let validator = try #require(SchemaValidator.available(), "check-jsonschema is not installed (make test installs it)")
        let directory = try BuiltBinary.temporaryDirectory()
        // A failed run (invalid params) and a failed run of a valid job with a missing tool.
        let invalid = try await BuiltBinary.run(["run", "--output", directory], stdin: #"{"kind":"text-mesh","id":"r1","params":{}}"#)
        #expect(invalid.status == 64)
        let missing = try await BuiltBinary.run(
            ["run", "--output", directory],
            environment: ["PATH": "/nonexistent", "ONEJOB_JOB": #"{"kind":"text-mesh","id":"r2","params":{"text":"x"}}"#])
        #expect(missing.status == 69)
        // A successful one, written by hand in the shape the runner produces.
        let succeeded = ResultDocument(
            id: "r3", kind: "text-mesh", exitCode: .success, error: nil, startedAt: Date(), finishedAt: Date(),
            timings: PhaseTimings(), tool: ToolInfo(name: "blender", version: "3.4.1"),
            outputs: [StoredOutput(name: "text.stl", path: "/x/text.stl", bytes: 84, sha256: String(repeating: "a", count: 64), contentType: "model/stl")],
            metrics: .object(["triangles": .number(0)]))
        try FileManager.default.createDirectory(atPath: directory + "/r3", withIntermediateDirectories: true)
        try Data(succeeded.bytes).write(to: URL(fileURLWithPath: directory + "/r3/result.json"))
        // And a wrong one, so the check can fail.
        var wrong = succeeded
        wrong.exitCode = .toolFailed
        try FileManager.default.createDirectory(atPath: directory + "/bad", withIntermediateDirectories: true)
        try Data(wrong.bytes).write(to: URL(fileURLWithPath: directory + "/bad/result.json"))

        let paths = ["r1", "r2", "r3", "bad"].map { directory + "/\($0)/result.json" }
        let verdicts = try await validator.validate(schema: Self.root.appendingPathComponent("schema/result.schema.json").path, instances: paths)
        #expect(verdicts[paths[0]] == true)
        #expect(verdicts[paths[1]] == true)
        #expect(verdicts[paths[2]] == true)
        #expect(verdicts[paths[3]] == false, "a failed status with outputs and no error must not validate")
    }
}

/// An independent JSON Schema validator: the `jsonschema` package that check-jsonschema is built on,
/// in one Python process for all instances (one process each costs half a second).
struct SchemaValidator {
    static let script = """
        import json, sys
        from jsonschema import Draft202012Validator, FormatChecker
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        verdicts = {}
        for path in sys.argv[2:]:
            try:
                instance = json.load(open(path))
            except ValueError:
                verdicts[path] = False
                continue
            verdicts[path] = validator.is_valid(instance)
        print(json.dumps(verdicts))
        """

    static func available() -> SchemaValidator? {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import check_jsonschema, jsonschema"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? SchemaValidator() : nil
    }

    /// Validates each instance; returns path → valid.
    func validate(schema: String, instances: [String]) async throws -> [String: Bool] {
        try await offCooperativePool { try validateBlocking(schema: schema, instances: instances) }
    }

    func validateBlocking(schema: String, instances: [String]) throws -> [String: Bool] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, schema] + instances
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let verdicts = try JSONParser.parse(Array(data))
        var result: [String: Bool] = [:]
        for member in verdicts.objectValue ?? [] { result[member.key] = member.value.boolValue }
        return result
    }
}

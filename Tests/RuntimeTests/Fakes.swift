import Foundation

@testable import Runtime

/// A job kind for tests of the envelope: params `text` (required) and `size` (default 10).
struct EchoHandler: JobHandler {
    var kind = "echo"
    var inputs: [InputSpec] = [InputSpec(name: "data", required: false)]

    var paramsSchema: JSONValue {
        .object([
            "type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("text")]),
            "properties": .object([
                "text": .object(["type": .string("string"), "minLength": .number(1), "maxLength": .number(50)]),
                "size": .object(["type": .string("number"), "minimum": .number(1), "maximum": .number(100), "default": .number(10)]),
            ]),
        ])
    }

    func normalize(params: JSONValue) throws -> JSONValue {
        var reader = try ParamReader(params, path: "params")
        _ = try reader.string("text", length: 1...50)
        _ = try reader.number("size", default: 10, range: 1...100)
        return try reader.finish()
    }

    /// Writes the text to `echo.txt` (and copies the `data` input if given).
    func run(_ context: JobContext) async throws -> JobOutcome {
        let text = context.job.params["text"]?.stringValue ?? ""
        if text == "fail" { throw JobError.toolFailed("asked to fail") }
        if text == "sleep" { try await Task.sleep(for: .seconds(3600)) }
        let url = context.outputDirectory.appendingPathComponent("echo.txt")
        try Data(text.utf8).write(to: url)
        var files = [OutputFile(name: "echo.txt", localURL: url, contentType: "text/plain")]
        if let data = context.inputFiles["data"] {
            files.append(OutputFile(name: "data/copy.bin", localURL: data, contentType: "application/octet-stream"))
        }
        return JobOutcome(files: files, metrics: .object(["length": .number(Double(text.count))]), tool: ToolInfo(name: "echo", version: "1"))
    }
}

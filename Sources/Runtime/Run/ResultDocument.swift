import Foundation

/// The content of `result.json`: what a job did, or why it failed. Its schema is `schema/result.schema.json`.
public struct ResultDocument: Sendable {
    public var id: String
    public var kind: String?
    public var exitCode: ExitCode
    public var error: JobError?
    public var startedAt: Date
    public var finishedAt: Date
    public var timings: PhaseTimings
    public var tool: ToolInfo?
    public var outputs: [StoredOutput]
    public var metrics: JSONValue

    public init(
        id: String, kind: String?, exitCode: ExitCode, error: JobError?, startedAt: Date, finishedAt: Date,
        timings: PhaseTimings, tool: ToolInfo?, outputs: [StoredOutput], metrics: JSONValue
    ) {
        self.id = id
        self.kind = kind
        self.exitCode = exitCode
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.timings = timings
        self.tool = tool
        self.outputs = outputs
        self.metrics = metrics
    }

    public var status: String { exitCode == .success ? "succeeded" : "failed" }

    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("apiVersion", .string(Job.apiVersion)),
            ("id", .string(id)),
            ("kind", kind.map(JSONValue.string) ?? .null),
            ("status", .string(status)),
            ("exitCode", .number(Double(exitCode.rawValue))),
        ]
        if let error {
            members.append(("error", .object(["class": .string(error.code.className), "message": .string(error.message), "retryable": .bool(error.code.isRetryable)])))
        }
        members += [
            ("startedAt", .string(Self.timestamp(startedAt))),
            ("finishedAt", .string(Self.timestamp(finishedAt))),
            ("durationsMs", timings.json),
        ]
        if let tool {
            members.append(("tool", .object(["name": .string(tool.name), "version": .string(tool.version)])))
        }
        members.append(("outputs", .array(outputs.map(\.json))))
        members.append(("metrics", metrics))
        return .object(members)
    }

    public var bytes: [UInt8] { Array((json.prettyText() + "\n").utf8) }

    /// RFC 3339 UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return date.formatted(style)
    }
}

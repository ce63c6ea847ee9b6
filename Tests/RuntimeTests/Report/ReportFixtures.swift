import Foundation
import HTTPClient
import Synchronization
import TestSupport

@testable import Runtime

/// Builders and real loopback peers shared by the reporter tests.
enum ReportFixtures {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "onejob-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let presigned =
        "https://bucket.s3.amazonaws.com/jobs/j1/text.stl?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef0123456789abcdef"

    static func report(exitCode: ExitCode = .success, message: String = "the tool crashed") -> RunReport {
        let outputs = [
            StoredOutput(
                name: "text.stl", url: "s3://bucket/jobs/j1/text.stl", key: "jobs/j1/text.stl", presignedURL: presigned,
                bytes: 291_684, sha256: String(repeating: "ab", count: 32), contentType: "model/stl"),
            StoredOutput(
                name: "preview|1.png", path: "/out/j1/preview.png", bytes: 512, sha256: String(repeating: "cd", count: 32),
                contentType: "image/png"),
        ]
        let failed = exitCode != .success
        let document = ResultDocument(
            id: "j1", kind: "text-mesh", exitCode: exitCode, error: failed ? JobError(exitCode, message) : nil,
            startedAt: Date(timeIntervalSince1970: 1_800_000_000), finishedAt: Date(timeIntervalSince1970: 1_800_000_002),
            timings: PhaseTimings(), tool: ToolInfo(name: "blender", version: "3.4.1"), outputs: failed ? [] : outputs,
            metrics: .object([("triangles", .number(5832)), ("manifold", .bool(true))]))
        return RunReport(exitCode: exitCode, result: document, resultLocation: "s3://bucket/jobs/j1/result.json")
    }
}

/// Collects what a reporter prints, in order.
final class CapturedLines: Sendable {
    private let lines = Mutex<[String]>([])
    var sink: LineSink { LineSink { [self] line in lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }
}

/// Reads a `GITHUB_OUTPUT` file the way the Actions runner does: `name=value` or `name<<DELIM` … `DELIM`.
enum GitHubOutputFile {
    static func parse(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            if line.isEmpty { continue }
            if let marker = line.range(of: "<<") {
                let name = String(line[..<marker.lowerBound])
                let delimiter = String(line[marker.upperBound...])
                var body: [String] = []
                while true {
                    guard let next = lines.popFirst() else { throw CocoaError(.fileReadCorruptFile) }
                    if next == delimiter { break }
                    body.append(next)
                }
                values[name] = body.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            } else {
                throw CocoaError(.fileReadCorruptFile)
            }
        }
        return values
    }
}

extension PythonFixtureServer {
    /// A Python program from `integration/platforms/` (an event receiver) serving on 127.0.0.1.
    static func platform(_ script: String, arguments: [String] = []) async throws -> PythonFixtureServer {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../integration/platforms/\(script)").standardizedFileURL.path
        return try await start(script: path, arguments: arguments)
    }

    /// GETs `path` and parses the JSON answer (the fixture's record of what it received).
    func record(_ path: String) async throws -> JSONValue {
        let response = try await HTTPClient().execute(HTTPRequest(method: "GET", url: url(path)), options: HTTPRequestOptions())
        return try JSONParser.parse(response.body)
    }
}

import Foundation
import Testing

/// A real HTTP server on 127.0.0.1 (Fixtures/test_server.py) for the lifetime of one test.
struct TestServer {
    let port: Int

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Starts the fixture server, runs `body`, and always stops the server.
    static func with<T>(_ body: (TestServer) async throws -> T) async throws -> T {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/test_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        defer {
            // SIGKILL: the spawning thread's blocked-signal mask is inherited, so SIGTERM may never arrive.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        var line = Data()
        while !line.contains(0x0A), let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(Int(text), "test server did not print its port: \(text)")
        return try await body(TestServer(port: port))
    }
}

/// What `/echo` reports about the request it received.
struct EchoReport: Decodable {
    var method: String
    var path: String
    var headers: [[String]]
    var length: Int
    var sha256: String
    var body_hex: String
    var port: Int

    init(_ response: [UInt8]) throws {
        self = try JSONDecoder().decode(EchoReport.self, from: Data(response))
    }

    func values(_ name: String) -> [String] {
        headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
    }
}

enum Fixture {
    /// A fresh directory under the system temp dir.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("httpclient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The same repeating 0...255 pattern the server sends.
    static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// Writes `megabytes` MiB of the pattern without holding more than 1 MiB in memory.
    static func writeLargeFile(at url: URL, megabytes: Int) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let chunk = Data(pattern(count: 1 << 20))
        for _ in 0..<megabytes { try handle.write(contentsOf: chunk) }
    }

    /// SHA-256 by the real `sha256sum` tool, as lower-case hex.
    static func sha256(of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}

/// Peak and current resident memory of this test process, from /proc/self/status.
enum ProcessMemory {
    static func kilobytes(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
        return try #require(Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]))
    }

    /// Resets VmHWM to the current RSS (Linux `clear_refs` value 5); false when the kernel refuses.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }
}

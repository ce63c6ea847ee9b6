import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import Runtime

/// A Python peer from `integration/platforms/` on 127.0.0.1 (a Lambda Runtime API, an event receiver).
/// It prints its port and exits when its stdin closes, so it never outlives the test process.
final class PlatformPeer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let stdin: Pipe

    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../integration/platforms/\(name)").standardizedFileURL.path
    }

    init(script: String, arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script(script)] + arguments
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw CocoaError(.fileReadCorruptFile) }
        self.port = port
    }

    var address: String { "127.0.0.1:\(port)" }

    /// GETs `path` and parses the JSON record the peer keeps.
    func record(_ path: String) async throws -> JSONValue {
        guard let url = URL(string: "http://\(address)\(path)") else { throw URLError(.badURL) }
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONParser.parse(Array(data))
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
    }
}

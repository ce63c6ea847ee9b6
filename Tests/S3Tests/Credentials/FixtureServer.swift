import Foundation
import HTTPClient
import Synchronization
import TestSupport

/// A Python fixture server from `Fixtures/` (a ``PythonFixtureServer``), running for the duration of one test.
struct FixtureServer: Sendable {
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    static let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// `python3` on PATH, or nil.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs `script` with `arguments`, hands its port to `body`, and stops it afterwards.
    static func with(
        script: String = "metadata_server.py",
        arguments: [String] = [],
        _ body: (FixtureServer) async throws -> Void
    ) async throws {
        try await PythonFixtureServer.with(
            script: fixturesDirectory.appendingPathComponent(script).path, arguments: arguments
        ) { server in
            try await body(FixtureServer(port: server.port))
        }
    }

    /// A loopback port where nothing listens any more: a server's, after it stopped.
    static func closedPort() async throws -> Int {
        var closed = 0
        try await with { closed = $0.port }
        return closed
    }

    /// The server's request counts per endpoint (`container`, `imds-token`, `imds-credentials`, `sts`, ...).
    func counts() async throws -> [String: Int] {
        try await stats().counts
    }

    func lastWebIdentityToken() async throws -> String? {
        try await stats().lastWebIdentityToken
    }

    private struct Stats: Decodable {
        var counts: [String: Int]
        var lastWebIdentityToken: String?
    }

    private func stats() async throws -> Stats {
        let response = try await HTTPClient().execute(
            HTTPRequest(method: "GET", url: baseURL + "/__stats"), options: HTTPRequestOptions())
        return try JSONDecoder().decode(Stats.self, from: Data(response.body))
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    /// The closure providers take as `now:`.
    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// A temporary file, removed by the caller's `defer`.
func temporaryFile(_ contents: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("onejob-creds-\(UUID().uuidString)").path
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

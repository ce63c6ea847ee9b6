import Foundation

/// A loopback proxy in front of the real S3 server that injects one scripted fault per matching request
/// (`Fixtures/fault_proxy.py`), and records every request it saw.
///
/// Point onejob at ``endpoint`` with `AWS_ENDPOINT_URL_S3`: requests are forwarded byte for byte, the
/// `Host` header included, so SeaweedFS still checks every signature and checksum.
public final class FaultProxy: Sendable {
    /// What the proxy does to a matching request.
    public enum Fault: String, Sendable, CaseIterable, Codable {
        /// 500 InternalError with an S3 XML body; the request never reaches the store.
        case internalError = "500"
        /// 503 SlowDown with an S3 XML body.
        case slowDown = "503"
        /// 400 RequestTimeout with an S3 XML body.
        case requestTimeout = "400-timeout"
        /// A TCP reset halfway through reading the request body (after the headers when there is none).
        case resetRequest = "reset-request"
        /// Forwarded, then a TCP reset halfway through the store's answer.
        case resetResponse = "reset-response"
        /// Silence, never closing: halfway through the request body, or halfway through the answer.
        case stall
        /// Forwarded; the answer claims more bytes than follow, then the connection closes.
        case truncate
        /// Not forwarded; an answer whose status line is not HTTP, then the connection closes.
        case garbled
    }

    /// Which requests a rule applies to, and how often. Unset fields match anything.
    public struct Rule: Sendable, Codable {
        public var fault: Fault
        /// The S3 operation: `PutObject`, `GetObject`, `CreateMultipartUpload`, `UploadPart`, …
        public var kind: String?
        /// A suffix of the object key.
        public var key: String?
        public var part: Int?
        /// The request's position in the proxy's whole sequence (0-based).
        public var index: Int?
        /// How many requests it hits: 1 for a transient fault, nil for a persistent one.
        public var times: Int?

        public init(
            _ fault: Fault, kind: String? = nil, key: String? = nil, part: Int? = nil, index: Int? = nil,
            times: Int? = nil
        ) {
            self.fault = fault
            self.kind = kind
            self.key = key
            self.part = part
            self.index = index
            self.times = times
        }
    }

    /// One request as the proxy saw it.
    public struct Seen: Sendable, Decodable, Equatable {
        public var index: Int
        public var kind: String
        public var method: String
        public var key: String
        public var part: Int?
        public var fault: Fault?
    }

    public static let script = SeaweedFS.repositoryRoot + "/Tests/TestSupport/Fixtures/fault_proxy.py"

    private let server: PythonFixtureServer
    private let logPath: String

    /// `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL_S3`.
    public var endpoint: String { server.baseURL }

    private init(server: PythonFixtureServer, logPath: String) {
        self.server = server
        self.logPath = logPath
    }

    /// Starts a proxy to `upstream` (an `http://host:port` endpoint) applying `rules`, first match first.
    public static func start(upstream: String, rules: [Rule]) async throws -> FaultProxy {
        guard upstream.hasPrefix("http://") else { throw TestFailure("the proxy speaks plain HTTP, not \(upstream)") }
        let plan = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        let logPath = TestFiles.directory + "/proxy-\(UUID().uuidString).jsonl"
        let server = try await PythonFixtureServer.start(
            script: script, arguments: [String(upstream.dropFirst("http://".count)), plan, logPath])
        return FaultProxy(server: server, logPath: logPath)
    }

    /// Every request seen so far, in arrival order.
    public func requests() throws -> [Seen] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Seen.self, from: Data($0.utf8)) }
    }

    /// Waits until a request matching `predicate` has arrived; a wide hang guard, not a timing bound.
    /// - Throws: ``TestFailure`` when none came within `timeout`.
    public func waitFor(
        timeout: Duration = .seconds(120), _ predicate: @Sendable (Seen) -> Bool
    ) async throws -> Seen {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            if let seen = try requests().first(where: predicate) { return seen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("no matching request reached the proxy within \(timeout)")
    }

    /// Stops the proxy (and with it any connection it holds stalled) and removes its log.
    public func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: logPath)
    }
}

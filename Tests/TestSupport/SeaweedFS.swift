import Foundation
import HTTPClient
import S3
import SigV4

/// The SeaweedFS server the integration tests share, started once per test process.
///
/// `ONEJOB_TEST_S3_ENV` may name an env file of a server already running (as written by
/// `scripts/seaweedfs.sh start`); otherwise the script starts one with `--watch` on this process, so the
/// server exits when the tests do, however they end (Swift Testing has no global teardown).
public enum SeaweedFS {
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static let script = repositoryRoot + "/scripts/seaweedfs.sh"

    /// Whether the suite can run: an env file is given, or the script can find `weed`.
    public static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["ONEJOB_TEST_S3_ENV"] != nil { return true }
        return (try? ExternalProcess.runBlocking("/bin/bash", [script, "locate"]).status) == 0
    }()

    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    private static let startup = Task<S3TestServer, any Error> {
        if let file = ProcessInfo.processInfo.environment["ONEJOB_TEST_S3_ENV"] {
            return try S3TestServer(envFile: file)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "onejob-s3-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        ).path
        let result = try await ExternalProcess.run(
            "/bin/bash", [script, "start", dir, "--watch", String(getpid())])
        guard result.status == 0 else {
            throw TestFailure("seaweedfs.sh start failed (\(result.status)): \(result.stderr)")
        }
        CapturedOutput.keep(file: dir + "/env", as: "seaweedfs-\(getpid()).env")
        return try S3TestServer(envFile: dir + "/env")
    }

    public static func server() async throws -> S3TestServer { try await startup.value }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One running server: its endpoint, keys and bucket, and clients for it.
public struct S3TestServer: Sendable {
    public let environment: [String: String]

    public init(envFile: String) throws {
        let text = try String(contentsOfFile: envFile, encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        for name in ["AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ONEJOB_TEST_BUCKET"]
        where values[name] == nil {
            throw TestFailure("\(envFile) lacks \(name)")
        }
        environment = values
    }

    public var bucket: String { environment["ONEJOB_TEST_BUCKET"] ?? "" }
    public var endpoint: String { environment["AWS_ENDPOINT_URL_S3"] ?? "" }
    public var credentials: Credentials {
        Credentials(
            accessKeyId: environment["AWS_ACCESS_KEY_ID"] ?? "",
            secretAccessKey: environment["AWS_SECRET_ACCESS_KEY"] ?? "")
    }

    public func configuration() throws -> S3Configuration {
        try S3Configuration(environment: environment)
    }

    public func client(
        configuration: S3Configuration? = nil, transport: any HTTPTransport = HTTPClient(),
        credentials: Credentials? = nil
    ) throws -> S3Client {
        try S3Client(
            configuration: configuration ?? self.configuration(), transport: transport,
            credentials: StaticCredentialsProvider(credentials ?? self.credentials))
    }
}

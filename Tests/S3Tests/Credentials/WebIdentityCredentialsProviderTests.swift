import Foundation
import HTTPClient
import Testing

@testable import S3

/// Whether moto's server can be imported; the STS integration test needs it, and CI must have it.
enum Moto {
    static let available: Bool = {
        guard let python = FixtureServer.python else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import moto.server"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
}

@Suite("Web identity credentials")
struct WebIdentityCredentialsProviderTests {
    static let roleArn = "arn:aws:iam::123456789012:role/test"
    /// Shaped like a JWT; neither moto nor the fixture verifies signatures.
    static let fakeJWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6b25lam9iIn0.c2lnbmF0dXJl"

    @Test(
        "AssumeRoleWithWebIdentity against moto's STS",
        .enabled(if: Moto.available || Moto.isCI, "moto[server] is not installed (pip install 'moto[server]')"))
    func moto() async throws {
        try #require(Moto.available, "moto must be installed where CI=true")
        let tokenFile = try temporaryFile(Self.fakeJWT)
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        try await FixtureServer.with(script: "moto_sts_server.py") { server async throws in
            let provider = WebIdentityCredentialsProvider(
                environment: [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                    "AWS_ROLE_ARN": Self.roleArn,
                    "AWS_REGION": "eu-central-1",
                    "AWS_ENDPOINT_URL_STS": server.baseURL + "/",
                ],
                transport: HTTPClient())
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(credentials.accessKeyId.count == 20)
            #expect(credentials.secretAccessKey.count == 40)
            #expect(credentials.sessionToken?.isEmpty == false)
            // moto issues one-hour credentials.
            let expiration = try #require(credentials.expiration)
            #expect(abs(expiration.timeIntervalSinceNow - 3600) < 120)
        }
    }

    @Test("the token file is re-read on every call", .enabled(if: FixtureServer.python != nil))
    func rotatingToken() async throws {
        let tokenFile = try temporaryFile("first.token.value\n")
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        try await FixtureServer.with { server async throws in
            let provider = WebIdentityCredentialsProvider(
                environment: [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": Self.roleArn,
                    "AWS_ENDPOINT_URL": server.baseURL + "/sts/",
                ],
                transport: HTTPClient())
            let first = try await provider.credentials()
            #expect(first.accessKeyId == "ASIASTS0001")
            #expect(first.secretAccessKey == "secret&sts<1>")
            #expect(first.expiration == Date(timeIntervalSince1970: 1_893_456_000))
            #expect(try await server.lastWebIdentityToken() == "first.token.value")

            try "second.token.value".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            #expect(try await provider.credentials().accessKeyId == "ASIASTS0002")
            #expect(try await server.lastWebIdentityToken() == "second.token.value")
        }
    }

    @Test("an STS error names its code and never the token", .enabled(if: FixtureServer.python != nil))
    func stsError() async throws {
        let tokenFile = try temporaryFile("invalid")
        defer { try? FileManager.default.removeItem(atPath: tokenFile) }
        try await FixtureServer.with { server async throws in
            let provider = WebIdentityCredentialsProvider(
                environment: [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": Self.roleArn,
                    "AWS_ENDPOINT_URL_STS": server.baseURL + "/sts/",
                ],
                transport: HTTPClient())
            let error = try await #require(throws: CredentialsError.self) {
                try await provider.credentials()
            }
            #expect(
                error.code == .httpStatus && error.status == 400
                    && error.message.contains("InvalidIdentityToken")
                    && !error.description.contains("WebIdentityToken="))
        }
    }

    @Test("not configured, half configured, unreadable token file")
    func configurationErrors() async throws {
        let client = HTTPClient()
        let cases: [([String: String], CredentialsError.Code, String)] = [
            ([:], .notConfigured, "AWS_WEB_IDENTITY_TOKEN_FILE not set"),
            (["AWS_WEB_IDENTITY_TOKEN_FILE": "/tmp/x"], .invalidConfiguration, "AWS_ROLE_ARN is not"),
            (
                ["AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token", "AWS_ROLE_ARN": Self.roleArn],
                .invalidConfiguration, "cannot read AWS_WEB_IDENTITY_TOKEN_FILE"
            ),
        ]
        for (environment, code, message) in cases {
            let error = try await #require(throws: CredentialsError.self) {
                try await WebIdentityCredentialsProvider(environment: environment, transport: client).credentials()
            }
            #expect(error.code == code && error.message.contains(message))
        }
    }
}

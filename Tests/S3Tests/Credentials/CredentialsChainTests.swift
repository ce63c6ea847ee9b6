import Foundation
import HTTPClient
import Testing

@testable import S3

@Suite("The credential chain", .enabled(if: FixtureServer.python != nil))
struct CredentialsChainTests {
    @Test("environment keys win over a working container endpoint, which is never asked")
    func environmentWins() async throws {
        try await FixtureServer.with { server async throws in
            let chain = CredentialsChain(
                environment: [
                    "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "secret",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
                ],
                transport: HTTPClient())
            #expect(try await chain.credentials().accessKeyId == "AKIAENV")
            #expect(try await server.counts().isEmpty)
        }
    }

    @Test("without keys or web identity it falls through to the container endpoint before IMDS")
    func fallsThroughToContainer() async throws {
        try await FixtureServer.with { server async throws in
            let chain = CredentialsChain(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
                ],
                transport: HTTPClient())
            #expect(try await chain.credentials().accessKeyId == "ASIACONTAINER0001")
            let counts = try await server.counts()
            #expect(counts["container"] == 1)
            #expect(counts["imds-token"] == nil)
        }
    }

    @Test("a broken provider does not stop the chain; IMDS answers last")
    func fallsThroughToIMDS() async throws {
        try await FixtureServer.with { server async throws in
            let chain = CredentialsChain(
                environment: [
                    "AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token",
                    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/test",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
                ],
                transport: HTTPClient())
            #expect(try await chain.credentials().accessKeyId == "ASIAIMDS0001")
        }
    }

    @Test("when nothing works the error lists every provider and why, in order")
    func noneFound() async throws {
        let closedPort = try await FixtureServer.closedPort()
        let chain = CredentialsChain(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(closedPort)"],
            transport: HTTPClient())
        let error = try await #require(throws: CredentialsError.self) { try await chain.credentials() }
        #expect(error.code == .unavailable)
        #expect(error.causes.map(\.provider) == ["environment", "web identity", "container", "IMDS"])
        #expect(error.causes.map(\.code) == [.notConfigured, .notConfigured, .notConfigured, .requestFailed])
        let text = error.description
        #expect(text.hasPrefix("credentials unavailable: "))
        #expect(text.contains("environment: AWS_ACCESS_KEY_ID not set"))
        #expect(text.contains("web identity: AWS_WEB_IDENTITY_TOKEN_FILE not set"))
        #expect(
            text.contains(
                "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set"))
        #expect(text.contains("IMDS: "))
        #expect(error.isRetryable)
    }

    @Test("a secret from a half-set environment never reaches the error")
    func noSecretsInError() async throws {
        let chain = CredentialsChain(
            environment: [
                "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_SESSION_TOKEN": "SESSIONSECRET",
                "AWS_EC2_METADATA_DISABLED": "true",
            ],
            transport: HTTPClient())
        let error = try await #require(throws: CredentialsError.self) { try await chain.credentials() }
        #expect(!error.description.contains("wJalrXUtnFEMI"))
        #expect(!error.description.contains("SESSIONSECRET"))
        #expect(error.description.contains("IMDS: disabled by AWS_EC2_METADATA_DISABLED"))
    }
}

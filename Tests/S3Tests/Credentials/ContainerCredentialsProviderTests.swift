import Foundation
import HTTPClient
import Testing

@testable import S3

@Suite("Container credentials against a loopback agent", .enabled(if: FixtureServer.python != nil))
struct ContainerCredentialsProviderTests {
    @Test("relative URI, resolved against the overridden agent base")
    func relativeURI() async throws {
        try await FixtureServer.with { server async throws in
            let provider = ContainerCredentialsProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task-1"],
                transport: HTTPClient(), relativeURIBase: server.baseURL)
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIACONTAINER0001")
            #expect(credentials.secretAccessKey == "secret-container-1")
            #expect(credentials.sessionToken == "token-container-1")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
            #expect(try await server.counts()["container"] == 1)
        }
    }

    @Test("full URI with AWS_CONTAINER_AUTHORIZATION_TOKEN")
    func fullURIWithToken() async throws {
        try await FixtureServer.with(arguments: ["--container-token", "Bearer pod-token"]) { server async throws in
            let provider = ContainerCredentialsProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer pod-token",
                ],
                transport: HTTPClient())
            #expect(try await provider.credentials().accessKeyId == "ASIACONTAINER0001")
            #expect(try await server.counts()["container-unauthorized"] == nil)
        }
    }

    @Test("full URI with the token file, re-read on every call and preferred over the variable")
    func fullURIWithTokenFile() async throws {
        try await FixtureServer.with(arguments: ["--container-token", "file-token-1"]) { server async throws in
            let tokenFile = try temporaryFile("file-token-1\n")
            defer { try? FileManager.default.removeItem(atPath: tokenFile) }
            let provider = ContainerCredentialsProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "stale-variable-token",
                ],
                transport: HTTPClient())
            #expect(try await provider.credentials().accessKeyId == "ASIACONTAINER0001")

            // The agent rotated the token: the file changed and the server no longer accepts the old one.
            try "file-token-2".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let error = try await #require(throws: CredentialsError.self) {
                try await provider.credentials()
            }
            #expect(error.code == .httpStatus && error.status == 401)
            #expect(try await server.counts()["container-unauthorized"] == 1)
        }
    }

    @Test("a wrong token is a 401 error that does not quote the token")
    func wrongToken() async throws {
        try await FixtureServer.with(arguments: ["--container-token", "right"]) { server async throws in
            let provider = ContainerCredentialsProvider(
                environment: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token-value",
                ],
                transport: HTTPClient())
            let error = try await #require(throws: CredentialsError.self) {
                try await provider.credentials()
            }
            #expect(
                error.status == 401 && !error.description.contains("wrong-token-value")
                    && error.description.hasPrefix("container: "))
        }
    }

    @Test("a token with a line break is refused before any request")
    func headerInjection() async throws {
        let provider = ContainerCredentialsProvider(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/v1/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "abc\r\nX-Injected: 1",
            ],
            transport: HTTPClient())
        let error = try await #require(throws: CredentialsError.self) {
            try await provider.credentials()
        }
        #expect(error.code == .invalidConfiguration)
    }
}

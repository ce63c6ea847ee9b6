import Foundation
import HTTPClient
import Testing

@testable import S3

@Suite("IMDSv2 credentials against a loopback metadata service", .enabled(if: FixtureServer.python != nil))
struct IMDSCredentialsProviderTests {
    @Test("token, role name, role credentials")
    func fullFlow() async throws {
        try await FixtureServer.with(arguments: ["--role", "render-node"]) { server async throws in
            let provider = IMDSCredentialsProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/"], transport: HTTPClient())
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId == "ASIAIMDS0001")
            #expect(credentials.sessionToken == "token-imds-1")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
            let counts = try await server.counts()
            #expect(counts["imds-token"] == 1)
            #expect(counts["imds-role"] == 1)
            #expect(counts["imds-credentials"] == 1)
            #expect(counts["imds-unauthorized"] == nil)
        }
    }

    @Test("the fixture enforces IMDSv2: a GET without the session token is 401")
    func unauthorizedWithoutToken() async throws {
        try await FixtureServer.with { server async throws in
            let response = try await HTTPClient().execute(
                HTTPRequest(method: "GET", url: server.baseURL + "/latest/meta-data/iam/security-credentials/"),
                options: HTTPRequestOptions())
            #expect(response.status == 401)
            #expect(try await server.counts()["imds-unauthorized"] == 1)
        }
    }

    @Test("AWS_EC2_METADATA_DISABLED=true sends nothing")
    func disabled() async throws {
        try await FixtureServer.with { server async throws in
            let provider = IMDSCredentialsProvider(
                environment: [
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_EC2_METADATA_DISABLED": "TRUE",
                ],
                transport: HTTPClient())
            let error = try await #require(throws: CredentialsError.self) {
                try await provider.credentials()
            }
            #expect(error.code == .notConfigured && error.message.contains("AWS_EC2_METADATA_DISABLED"))
            #expect(try await server.counts().isEmpty)
        }
    }

    @Test("an absent metadata service fails fast with a transport error")
    func unreachable() async throws {
        let port = try await FixtureServer.closedPort()
        let provider = IMDSCredentialsProvider(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"], transport: HTTPClient())
        let start = ContinuousClock.now
        let error = try await #require(throws: CredentialsError.self) {
            try await provider.credentials()
        }
        #expect(error.code == .requestFailed && error.isRetryable == true)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test("endpoint selection")
    func endpoint() {
        let client = HTTPClient()
        #expect(IMDSCredentialsProvider(environment: [:], transport: client).endpoint == "http://169.254.169.254")
        #expect(
            IMDSCredentialsProvider(
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"], transport: client
            ).endpoint == "http://[fd00:ec2::254]")
    }
}

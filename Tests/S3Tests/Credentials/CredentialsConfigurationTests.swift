import Foundation
import HTTPClient
import SigV4
import Testing

@testable import S3

@Suite("Credential provider configuration")
struct CredentialsConfigurationTests {
    // MARK: - Environment

    @Test("environment keys, with and without a session token")
    func environmentKeys() async throws {
        let long = try await EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "secret",
        ]).credentials()
        #expect(long == Credentials(accessKeyId: "AKIAENV", secretAccessKey: "secret"))

        let temporary = try await EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "ASIAENV", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
        ]).credentials()
        #expect(temporary.sessionToken == "token")
        #expect(temporary.expiration == nil)
    }

    @Test(
        "missing or half-set environment keys",
        arguments: [
            ([:], "notConfigured", "AWS_ACCESS_KEY_ID not set"),
            (["AWS_ACCESS_KEY_ID": ""], "notConfigured", "AWS_ACCESS_KEY_ID not set"),
            (["AWS_ACCESS_KEY_ID": "AKIA"], "invalidConfiguration", "AWS_SECRET_ACCESS_KEY is not"),
        ] as [([String: String], String, String)])
    func environmentMissing(environment: [String: String], code: String, message: String) async throws {
        let error = try await #require(throws: CredentialsError.self) {
            try await EnvironmentCredentialsProvider(environment: environment).credentials()
        }
        #expect(
            error.code.description == code && error.description.hasPrefix("environment: ")
                && error.message.contains(message))
    }

    // MARK: - Web identity

    @Test(
        "STS endpoint resolution",
        arguments: [
            ([:], "https://sts.amazonaws.com/"),
            (["AWS_REGION": "eu-central-1"], "https://sts.eu-central-1.amazonaws.com/"),
            (["AWS_DEFAULT_REGION": "us-west-2"], "https://sts.us-west-2.amazonaws.com/"),
            (["AWS_REGION": "cn-north-1"], "https://sts.cn-north-1.amazonaws.com.cn/"),
            (["AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://local:1/"], "http://local:1/"),
            (
                ["AWS_ENDPOINT_URL": "http://generic/", "AWS_ENDPOINT_URL_STS": "http://sts-only/"],
                "http://sts-only/"
            ),
            (
                [
                    "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_STS": "http://sts-only/",
                    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
                ],
                "https://sts.eu-west-1.amazonaws.com/"
            ),
        ] as [([String: String], String)])
    func stsEndpoint(environment: [String: String], expected: String) {
        #expect(WebIdentityCredentialsProvider(environment: environment, transport: HTTPClient()).endpoint == expected)
    }

    @Test("session name: AWS_ROLE_SESSION_NAME, else onejob-<random>")
    func sessionName() {
        let named = WebIdentityCredentialsProvider(
            environment: ["AWS_ROLE_SESSION_NAME": "render-7"], transport: HTTPClient(), randomSuffix: "x")
        #expect(named.sessionName == "render-7")
        let generated = WebIdentityCredentialsProvider(environment: [:], transport: HTTPClient(), randomSuffix: "ab12")
        #expect(generated.sessionName == "onejob-ab12")
        let suffix = WebIdentityCredentialsProvider.makeRandomSuffix()
        #expect(suffix.count == 16 && suffix.allSatisfy(\.isHexDigit))
        #expect(suffix != WebIdentityCredentialsProvider.makeRandomSuffix())
    }

    @Test("the form body percent-encodes the ARN and the token")
    func formBody() {
        let body = WebIdentityCredentialsProvider.formBody(
            roleArn: "arn:aws:iam::123456789012:role/test", sessionName: "onejob-1", token: "a.b+c/d=")
        #expect(
            body
                == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Ftest&RoleSessionName=onejob-1"
                + "&WebIdentityToken=a.b%2Bc%2Fd%3D")
    }

    // MARK: - Container endpoint

    @Test("the relative URI goes to the ECS agent address unless overridden")
    func relativeURI() throws {
        let environment = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]
        let standard = try ContainerEndpoint.resolve(
            environment: environment, relativeBase: ContainerEndpoint.defaultRelativeBase)
        #expect(standard?.url == "http://169.254.170.2/v2/credentials/abc")
        let local = try ContainerEndpoint.resolve(environment: environment, relativeBase: "http://127.0.0.1:9/")
        #expect(local?.url == "http://127.0.0.1:9/v2/credentials/abc")
        #expect(try ContainerEndpoint.resolve(environment: [:], relativeBase: "http://x") == nil)
    }

    @Test(
        "full URIs allowed",
        arguments: [
            "http://127.0.0.1:8080/creds", "http://127.1.2.3/creds", "http://localhost:80/creds",
            "http://[::1]:8080/creds", "http://169.254.170.2/v1/credentials", "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials", "https://creds.example.com/any", "HTTP://LOCALHOST/x",
        ])
    func fullURIAllowed(url: String) throws {
        let endpoint = try ContainerEndpoint.resolve(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url], relativeBase: "http://unused")
        #expect(endpoint?.url == url)
    }

    @Test(
        "full URIs refused: plain http to anything but the agents and loopback",
        arguments: [
            "http://169.254.169.254/latest", "http://example.com/creds", "http://127.0.0.1.evil.com/x",
            "http://user@evil.com/", "http://10.0.0.1/", "ftp://127.0.0.1/x", "127.0.0.1/creds",
            "http://[fd00:ec2::24]/",
        ])
    func fullURIRefused(url: String) throws {
        let error = try #require(throws: CredentialsError.self) {
            try ContainerEndpoint.resolve(
                environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url], relativeBase: "http://unused")
        }
        #expect(error.code == .invalidConfiguration)
    }

    @Test("user info does not smuggle a host past the allow-list")
    func userInfoHost() throws {
        #expect(ContainerEndpoint.schemeAndHost("http://127.0.0.1@evil.com/")?.host == "evil.com")
        #expect(ContainerEndpoint.schemeAndHost("http://evil.com@127.0.0.1:80/")?.host == "127.0.0.1")
    }
}

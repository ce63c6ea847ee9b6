import Foundation
import HTTPClient
import SigV4

/// Credentials for an IAM role assumed with an OIDC token (EKS IRSA, GitHub Actions OIDC, any federated IdP).
///
/// Calls STS `AssumeRoleWithWebIdentity`, which needs no AWS signature: the token is the proof. The token file
/// is re-read on every call because Kubernetes rotates the projected token well before it expires.
public struct WebIdentityCredentialsProvider: CredentialsProviding {
    static let name = "web identity"
    static let apiVersion = "2011-06-15"

    private let environment: [String: String]
    private let transport: any HTTPTransport
    /// Fixed for the provider's lifetime so every refresh shows up under one session in CloudTrail.
    let sessionName: String
    private let options = HTTPRequestOptions(
        maxResponseBytes: 1024 * 1024, connectTimeout: .seconds(5), totalTimeout: .seconds(30))

    /// - Parameter randomSuffix: used in the default session name `onejob-<suffix>` when
    ///   `AWS_ROLE_SESSION_NAME` is not set; passed in so tests can predict it.
    public init(
        environment: [String: String],
        transport: any HTTPTransport,
        randomSuffix: String = WebIdentityCredentialsProvider.makeRandomSuffix()
    ) {
        self.environment = environment
        self.transport = transport
        self.sessionName = environment.nonEmpty("AWS_ROLE_SESSION_NAME") ?? "onejob-\(randomSuffix)"
    }

    /// Sixteen hex digits: unique enough to tell sessions apart, short enough for STS's 64-character limit.
    public static func makeRandomSuffix() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The STS endpoint: `AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`, then the regional endpoint.
    ///
    /// Regional rather than global because the global endpoint lives in us-east-1 and adds a cross-region
    /// round trip (and a dependency on that region) to every job.
    var endpoint: String {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
            let configured = environment.nonEmpty("AWS_ENDPOINT_URL_STS") ?? environment.nonEmpty("AWS_ENDPOINT_URL")
        {
            return configured
        }
        guard let region = environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION") else {
            return "https://sts.amazonaws.com/"
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://sts.\(region).\(suffix)/"
    }

    public func credentials() async throws -> Credentials {
        guard let tokenFile = environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE") else {
            throw failure(.notConfigured, "AWS_WEB_IDENTITY_TOKEN_FILE not set")
        }
        guard let roleArn = environment.nonEmpty("AWS_ROLE_ARN") else {
            throw failure(.invalidConfiguration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw failure(.invalidConfiguration, "cannot read AWS_WEB_IDENTITY_TOKEN_FILE \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw failure(.invalidConfiguration, "AWS_WEB_IDENTITY_TOKEN_FILE \(tokenFile) is empty")
        }

        let request = HTTPRequest(
            method: "POST", url: endpoint,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: .bytes(Array(Self.formBody(roleArn: roleArn, sessionName: sessionName, token: token).utf8)))
        let response = try await CredentialsHTTP.send(
            request, options: options, attempts: 2, transport: transport, provider: Self.name,
            what: "STS AssumeRoleWithWebIdentity at \(ContainerCredentialsProvider.redactedForMessage(endpoint))")
        guard CredentialsHTTP.isSuccess(response) else {
            throw stsError(response, token: token)
        }
        return try STSResponseParser.credentials(response.body, provider: Self.name)
    }

    /// The form-encoded query. Form encoding of RFC 3986's unreserved set is exactly SigV4's encoder.
    static func formBody(roleArn: String, sessionName: String, token: String) -> String {
        [
            ("Action", "AssumeRoleWithWebIdentity"),
            ("Version", apiVersion),
            ("RoleArn", roleArn),
            ("RoleSessionName", sessionName),
            ("WebIdentityToken", token),
        ]
        .map { "\($0.0)=\(URIEncoding.encode($0.1))" }
        .joined(separator: "&")
    }

    /// STS's own error code and message, with the token scrubbed in case a message ever quotes it.
    private func stsError(_ response: HTTPResponse, token: String) -> CredentialsError {
        guard let (code, message) = STSResponseParser.error(response.body) else {
            return CredentialsHTTP.statusError(response, provider: Self.name, what: "STS AssumeRoleWithWebIdentity")
        }
        let safeMessage = message.replacingOccurrences(of: token, with: "<redacted>").prefix(300)
        let retryable =
            response.status >= 500 || ["IDPCommunicationError", "Throttling", "ThrottlingException"].contains(code)
        return CredentialsError(
            .httpStatus, provider: Self.name,
            message: "STS AssumeRoleWithWebIdentity returned HTTP \(response.status) \(code): \(safeMessage)",
            status: response.status, isRetryable: retryable)
    }

    private func failure(_ code: CredentialsError.Code, _ message: String) -> CredentialsError {
        CredentialsError(code, provider: Self.name, message: message)
    }
}

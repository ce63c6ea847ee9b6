import Foundation
import HTTPClient
import SigV4

/// Credentials from the ECS task role endpoint or the EKS Pod Identity agent.
///
/// ECS sets `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (a path on the agent at 169.254.170.2); EKS Pod Identity
/// sets `AWS_CONTAINER_CREDENTIALS_FULL_URI` and `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`. The token file is
/// re-read on every fetch because the agent rotates it, and it takes precedence over
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`, as in the AWS SDKs.
public struct ContainerCredentialsProvider: CredentialsProviding {
    static let name = "container"
    private let environment: [String: String]
    private let transport: any HTTPTransport
    private let relativeBase: String
    private let options: HTTPRequestOptions

    /// - Parameters:
    ///   - relativeURIBase: where `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is resolved; only tests change it,
    ///     to point the relative form at a loopback server.
    public init(
        environment: [String: String],
        transport: any HTTPTransport,
        relativeURIBase: String = "http://169.254.170.2"
    ) {
        self.environment = environment
        self.transport = transport
        self.relativeBase = relativeURIBase
        // Link-local agents answer at once; a long wait means there is no agent.
        self.options = HTTPRequestOptions(
            maxResponseBytes: 64 * 1024, connectTimeout: .seconds(2), totalTimeout: .seconds(5))
    }

    public func credentials() async throws -> Credentials {
        guard let endpoint = try ContainerEndpoint.resolve(environment: environment, relativeBase: relativeBase)
        else {
            throw CredentialsError(
                .notConfigured, provider: Self.name,
                message: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set")
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token = try authorizationToken() {
            headers.append(("Authorization", token))
        }
        let response = try await CredentialsHTTP.send(
            HTTPRequest(method: "GET", url: endpoint.url, headers: headers),
            options: options, attempts: 2, transport: transport, provider: Self.name,
            what: "GET \(Self.redactedForMessage(endpoint.url))")
        guard CredentialsHTTP.isSuccess(response) else {
            throw CredentialsHTTP.statusError(
                response, provider: Self.name, what: "the container credentials endpoint")
        }
        return try CredentialsDocument.parse(response.body, provider: Self.name)
    }

    /// The `Authorization` value, from the token file (preferred) or the variable.
    private func authorizationToken() throws(CredentialsError) -> String? {
        let token: String
        if let path = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            do {
                token = try String(contentsOfFile: path, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CredentialsError(
                    .invalidConfiguration, provider: Self.name,
                    message: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
        } else if let value = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            token = value
        } else {
            return nil
        }
        // A line break would let the token inject headers.
        guard !token.isEmpty, !token.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw CredentialsError(
                .invalidConfiguration, provider: Self.name,
                message: "the container authorization token is empty or contains a line break")
        }
        return token
    }

    /// The URL without its query string, which could carry a credential of its own.
    static func redactedForMessage(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }
}

import Foundation
import HTTPClient
import SigV4

/// The EC2 instance role, from the instance metadata service with IMDSv2 session tokens.
///
/// IMDSv1 (plain GETs) is deliberately not used: it is the form SSRF attacks reach, and instances configured
/// to require v2 refuse it anyway. Last in the chain and with tight timeouts because outside EC2 the address
/// usually black-holes packets, and a container must fall through to "no credentials" in seconds.
public struct IMDSCredentialsProvider: CredentialsProviding {
    static let name = "IMDS"
    static let tokenTTLSeconds = 21_600
    private static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    private let environment: [String: String]
    private let transport: any HTTPTransport
    private let options: HTTPRequestOptions
    private let attempts: Int

    /// - Parameters:
    ///   - connectTimeout: per attempt; the default one second is what the AWS SDKs use.
    ///   - attempts: per request; the default is one try and one retry.
    public init(
        environment: [String: String],
        transport: any HTTPTransport,
        connectTimeout: Duration = .seconds(1),
        attempts: Int = 2
    ) {
        self.environment = environment
        self.transport = transport
        self.attempts = attempts
        self.options = HTTPRequestOptions(
            maxResponseBytes: 64 * 1024, connectTimeout: connectTimeout, totalTimeout: .seconds(2))
    }

    /// The metadata service's base URL, honouring the SDKs' endpoint and endpoint-mode variables.
    var endpoint: String {
        if let configured = environment.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        if environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" {
            return "http://[fd00:ec2::254]"
        }
        return "http://169.254.169.254"
    }

    public func credentials() async throws -> Credentials {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw CredentialsError(
                .notConfigured, provider: Self.name, message: "disabled by AWS_EC2_METADATA_DISABLED")
        }
        let token = try await sessionToken()
        let roleList = try await get(Self.credentialsPath, token: token, what: "the instance role lookup")
        let roleText = String(decoding: roleList, as: UTF8.self)
        guard
            let role = roleText.split(whereSeparator: \.isNewline).first
                .map({ $0.trimmingCharacters(in: .whitespaces) }), !role.isEmpty,
            !role.contains("/"), !role.contains("?")
        else {
            throw CredentialsError(
                .malformedResponse, provider: Self.name, message: "no IAM role is attached to the instance")
        }
        let body = try await get(Self.credentialsPath + role, token: token, what: "the role credentials request")
        return try CredentialsDocument.parse(body, provider: Self.name)
    }

    private func sessionToken() async throws -> String {
        let request = HTTPRequest(
            method: "PUT", url: endpoint + "/latest/api/token",
            headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTLSeconds))],
            body: .bytes([]))
        let response = try await CredentialsHTTP.send(
            request, options: options, attempts: attempts, transport: transport, provider: Self.name,
            what: "the IMDSv2 token request to \(endpoint)")
        guard CredentialsHTTP.isSuccess(response) else {
            throw CredentialsHTTP.statusError(response, provider: Self.name, what: "the IMDSv2 token request")
        }
        let token = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isNewline) else {
            throw CredentialsError(.malformedResponse, provider: Self.name, message: "the IMDSv2 token is empty")
        }
        return token
    }

    private func get(_ path: String, token: String, what: String) async throws -> [UInt8] {
        let request = HTTPRequest(
            method: "GET", url: endpoint + path, headers: [("X-aws-ec2-metadata-token", token)])
        let response = try await CredentialsHTTP.send(
            request, options: options, attempts: attempts, transport: transport, provider: Self.name, what: what)
        guard CredentialsHTTP.isSuccess(response) else {
            if response.status == 404 && path == Self.credentialsPath {
                throw CredentialsError(
                    .httpStatus, provider: Self.name, message: "no IAM role is attached to the instance",
                    status: 404)
            }
            throw CredentialsHTTP.statusError(response, provider: Self.name, what: what)
        }
        return response.body
    }
}

import SigV4

/// Long-term or pre-issued keys from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
///
/// First in the chain because an explicit setting must win over whatever role the machine happens to have.
/// Keys without an expiration are never refreshed; if the platform rotates them it restarts the container.
public struct EnvironmentCredentialsProvider: CredentialsProviding {
    static let name = "environment"
    private let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func credentials() async throws -> Credentials {
        guard let accessKeyId = environment.nonEmpty("AWS_ACCESS_KEY_ID") else {
            throw CredentialsError(.notConfigured, provider: Self.name, message: "AWS_ACCESS_KEY_ID not set")
        }
        // A half-configured environment is a mistake worth naming, not a reason to silently use another role.
        guard let secretAccessKey = environment.nonEmpty("AWS_SECRET_ACCESS_KEY") else {
            throw CredentialsError(
                .invalidConfiguration, provider: Self.name,
                message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        return Credentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: environment.nonEmpty("AWS_SESSION_TOKEN")
        )
    }
}

extension [String: String] {
    /// The value of `key`, treating an empty string like an unset variable (as shells and the AWS SDKs do).
    func nonEmpty(_ key: String) -> String? {
        guard let value = self[key], !value.isEmpty else { return nil }
        return value
    }
}

import SigV4

/// Fixed credentials: long-term keys from the environment, or test keys.
public struct StaticCredentialsProvider: CredentialsProviding {
    public let value: Credentials

    public init(_ credentials: Credentials) {
        self.value = credentials
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`; nil when either key is
    /// missing or empty.
    public init?(environment: [String: String]) {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        value = Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
    }

    public func credentials() async throws -> Credentials { value }

    /// Nothing to refresh: the next attempt fails the same way and the client reports it.
    public func invalidate() async {}
}

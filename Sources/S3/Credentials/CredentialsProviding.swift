import SigV4

/// Something that can hand out AWS credentials.
///
/// The S3 client asks for credentials before every signed request rather than holding a copy, so temporary
/// credentials can rotate underneath a long upload. Providers are cheap to ask repeatedly only when wrapped in
/// ``CachedCredentialsProvider``; the raw providers go to the network (or disk) on every call.
public protocol CredentialsProviding: Sendable {
    /// Returns usable credentials.
    /// - Throws: ``CredentialsError``; never a message containing a secret.
    func credentials() async throws -> Credentials

    /// Forgets any cached credentials so the next ``credentials()`` call fetches fresh ones.
    ///
    /// Called after S3 answers `ExpiredToken`: the server's clock, not ours, decides when a token is dead.
    func invalidate() async
}

extension CredentialsProviding {
    /// Uncached providers have nothing to forget.
    public func invalidate() async {}
}

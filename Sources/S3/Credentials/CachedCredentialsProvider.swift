import Foundation
import HTTPClient
import SigV4

/// Caches another provider's credentials and refreshes them shortly before they expire.
///
/// An actor so that many parallel uploads asking at the moment of expiry share one refresh instead of each
/// hitting STS or the metadata service (which throttle). Refreshing a few minutes early keeps a request
/// signed just before expiry from arriving at S3 after it.
public actor CachedCredentialsProvider: CredentialsProviding {
    private let base: any CredentialsProviding
    private let refreshWindow: Duration
    private let now: @Sendable () -> Date
    private var cached: Credentials?
    private var refresh: Task<Credentials, any Error>?

    /// - Parameters:
    ///   - refreshWindow: how long before `expiration` cached credentials count as due for refresh.
    ///   - now: the clock, injected so tests can step through expiry.
    public init(
        wrapping base: any CredentialsProviding,
        refreshWindow: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.refreshWindow = refreshWindow
        self.now = now
    }

    /// The standard chain (environment → web identity → container → IMDS), cached.
    public static func standardChain(
        environment: [String: String],
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> CachedCredentialsProvider {
        CachedCredentialsProvider(
            wrapping: CredentialsChain(environment: environment, transport: transport), now: now)
    }

    public func credentials() async throws -> Credentials {
        if let cached, !isDue(cached) { return cached }
        let task: Task<Credentials, any Error>
        if let refresh {
            task = refresh
        } else {
            let base = self.base
            task = Task { try await base.credentials() }
            refresh = task
        }
        do {
            let fresh = try await task.value
            // Only the refresh still current may fill the cache: one started before `invalidate()` must not.
            if refresh == task {
                cached = fresh
                refresh = nil
            }
            return fresh
        } catch {
            if refresh == task { refresh = nil }
            // A failed early refresh is not a reason to stop using credentials that still work.
            if let cached, let expiration = cached.expiration, now() < expiration { return cached }
            throw error
        }
    }

    public func invalidate() async {
        cached = nil
        refresh = nil
        await base.invalidate()
    }

    private func isDue(_ credentials: Credentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return now() >= expiration.addingTimeInterval(-refreshWindow.seconds)
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    fileprivate var seconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}

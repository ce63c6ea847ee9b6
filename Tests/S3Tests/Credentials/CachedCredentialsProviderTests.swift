import Foundation
import HTTPClient
import SigV4
import Testing

@testable import S3

@Suite("Cached credentials")
struct CachedCredentialsProviderTests {
    /// The expiration the fixture server puts on every credential it issues.
    static let expiration = Date(timeIntervalSince1970: 1_893_456_000)

    private static func containerProvider(_ server: FixtureServer) -> ContainerCredentialsProvider {
        ContainerCredentialsProvider(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials"],
            transport: HTTPClient())
    }

    @Test("cached until five minutes before expiry, then refreshed", .enabled(if: FixtureServer.python != nil))
    func refreshBeforeExpiry() async throws {
        try await FixtureServer.with { server async throws in
            let clock = TestClock(Self.expiration.addingTimeInterval(-3600))
            let cache = CachedCredentialsProvider(wrapping: Self.containerProvider(server), now: clock.function)

            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0001")
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0001")
            #expect(try await server.counts()["container"] == 1)

            clock.set(Self.expiration.addingTimeInterval(-301))
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0001")
            #expect(try await server.counts()["container"] == 1)

            clock.set(Self.expiration.addingTimeInterval(-299))
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0002")
            #expect(try await server.counts()["container"] == 2)
        }
    }

    @Test("invalidate forces the next call to fetch", .enabled(if: FixtureServer.python != nil))
    func invalidate() async throws {
        try await FixtureServer.with { server async throws in
            let clock = TestClock(Self.expiration.addingTimeInterval(-3600))
            let cache = CachedCredentialsProvider(wrapping: Self.containerProvider(server), now: clock.function)
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0001")
            await cache.invalidate()
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0002")
            #expect(try await cache.credentials().accessKeyId == "ASIACONTAINER0002")
            #expect(try await server.counts()["container"] == 2)
        }
    }

    @Test("concurrent callers share one in-flight refresh", .enabled(if: FixtureServer.python != nil))
    func concurrentCallersShareRefresh() async throws {
        try await FixtureServer.with(arguments: ["--delay", "0.5"]) { server async throws in
            let clock = TestClock(Self.expiration.addingTimeInterval(-3600))
            let cache = CachedCredentialsProvider(wrapping: Self.containerProvider(server), now: clock.function)
            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await cache.credentials().accessKeyId }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(keys.count == 16)
            #expect(Set(keys) == ["ASIACONTAINER0001"])
            #expect(try await server.counts()["container"] == 1)
        }
    }

    @Test("a failed early refresh keeps credentials that have not expired yet, but not past expiry")
    func failedRefreshKeepsValidCredentials() async throws {
        let source = ScriptedProvider([
            .success(Credentials(accessKeyId: "ASIAFIRST", secretAccessKey: "s", expiration: Self.expiration)),
            .failure(CredentialsError(.requestFailed, provider: "test", message: "endpoint down")),
            .failure(CredentialsError(.requestFailed, provider: "test", message: "endpoint down")),
        ])
        let clock = TestClock(Self.expiration.addingTimeInterval(-3600))
        let cache = CachedCredentialsProvider(wrapping: source, now: clock.function)
        #expect(try await cache.credentials().accessKeyId == "ASIAFIRST")

        clock.set(Self.expiration.addingTimeInterval(-60))
        #expect(try await cache.credentials().accessKeyId == "ASIAFIRST")
        #expect(await source.calls == 2)

        clock.set(Self.expiration.addingTimeInterval(1))
        await #expect(throws: CredentialsError.self) { try await cache.credentials() }
        #expect(await source.calls == 3)
    }

    @Test("credentials without an expiration are fetched once")
    func noExpiration() async throws {
        let source = ScriptedProvider([.success(Credentials(accessKeyId: "AKIALONG", secretAccessKey: "s"))])
        let clock = TestClock(Date(timeIntervalSince1970: 0))
        let cache = CachedCredentialsProvider(wrapping: source, now: clock.function)
        #expect(try await cache.credentials().accessKeyId == "AKIALONG")
        clock.set(Date(timeIntervalSince1970: 4_000_000_000))
        #expect(try await cache.credentials().accessKeyId == "AKIALONG")
        #expect(await source.calls == 1)
    }
}

/// Replays a fixed list of results; only for the cache's pure bookkeeping (the HTTP paths use real servers).
actor ScriptedProvider: CredentialsProviding {
    private var results: [Result<Credentials, CredentialsError>]
    private(set) var calls = 0

    init(_ results: [Result<Credentials, CredentialsError>]) { self.results = results }

    func credentials() async throws -> Credentials {
        calls += 1
        guard !results.isEmpty else {
            throw CredentialsError(.requestFailed, provider: "test", message: "script exhausted")
        }
        return try results.removeFirst().get()
    }
}

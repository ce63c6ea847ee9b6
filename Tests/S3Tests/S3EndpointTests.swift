import SigV4
import Testing

@testable import S3

@Suite struct S3EndpointTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var override: String?
        var region = "us-east-1"
        var forcePath = false
        var bucket: String
        var key: String
        var url: String
        var testDescription: String { "\(override ?? "aws") \(bucket)/\(key)" }
    }

    /// The URL built the way the client builds it: signer's wire path, no Foundation encoding.
    static func url(_ c: Case) throws -> String {
        let endpoint = try S3Endpoint(region: c.region, override: c.override, forcePathStyle: c.forcePath)
        let location = endpoint.location(bucket: c.bucket, key: c.key)
        let request = SigV4Request(method: "GET", path: location.path, headers: [], payload: .empty)
        return location.url(wirePath: request.wirePath, encodedQuery: "")
    }

    @Test(arguments: [
        Case(bucket: "renders", key: "a/b.png", url: "https://renders.s3.us-east-1.amazonaws.com/a/b.png"),
        Case(region: "eu-west-1", bucket: "renders", key: "x", url: "https://renders.s3.eu-west-1.amazonaws.com/x"),
        Case(region: "cn-north-1", bucket: "b-1", key: "x", url: "https://b-1.s3.cn-north-1.amazonaws.com.cn/x"),
        Case(bucket: "my.dotted.bucket", key: "k", url: "https://s3.us-east-1.amazonaws.com/my.dotted.bucket/k"),
        Case(bucket: "Upper_Case", key: "k", url: "https://s3.us-east-1.amazonaws.com/Upper_Case/k"),
        Case(forcePath: true, bucket: "renders", key: "k", url: "https://s3.us-east-1.amazonaws.com/renders/k"),
        Case(override: "http://127.0.0.1:8333", bucket: "b-1", key: "k", url: "http://127.0.0.1:8333/b-1/k"),
        Case(override: "http://localhost:9000/", bucket: "b-1", key: "k", url: "http://localhost:9000/b-1/k"),
        Case(override: "http://[::1]:9000", bucket: "b-1", key: "k", url: "http://[::1]:9000/b-1/k"),
        Case(override: "https://r2.example.com", bucket: "out", key: "k", url: "https://out.r2.example.com/k"),
        Case(override: "https://r2.example.com:443", bucket: "out", key: "k", url: "https://out.r2.example.com/k"),
        Case(override: "http://minio.internal:9000", bucket: "a.b", key: "k", url: "http://a.b.minio.internal:9000/k"),
        Case(override: "https://minio.internal:9443", bucket: "a.b", key: "k", url: "https://minio.internal:9443/a.b/k"),
        Case(override: "HTTPS://Store.Example.com", bucket: "out", key: "k", url: "https://out.store.example.com/k"),
        Case(
            override: "http://127.0.0.1:1", bucket: "b-1", key: "a b+c=d~e%f/ü/x.json",
            url: "http://127.0.0.1:1/b-1/a%20b%2Bc%3Dd~e%25f/%C3%BC/x.json"),
        Case(bucket: "renders", key: "", url: "https://renders.s3.us-east-1.amazonaws.com/"),
        Case(override: "http://127.0.0.1:1", bucket: "b-1", key: "", url: "http://127.0.0.1:1/b-1"),
    ])
    func buildsURLs(_ c: Case) throws {
        #expect(try Self.url(c) == c.url)
    }

    @Test func hostHeaderCarriesNonDefaultPortOnly() throws {
        let custom = try S3Endpoint(region: "us-east-1", override: "http://127.0.0.1:8333")
        #expect(custom.location(bucket: "b-1", key: "k").hostHeader == "127.0.0.1:8333")
        let standard = try S3Endpoint(region: "us-east-1", override: "http://example.com:80")
        #expect(standard.location(bucket: "b-1", key: "k").hostHeader == "b-1.example.com")
    }

    @Test(arguments: [
        "ftp://example.com", "example.com", "http://example.com/base", "http://example.com?x=1",
        "http://user@example.com", "http://example.com:0", "http://example.com:99999", "http://example.com:abc",
        "http://", "http://[::1",
    ])
    func rejectsMalformedOverrides(_ override: String) {
        #expect {
            try S3Endpoint(region: "us-east-1", override: override)
        } throws: { ($0 as? S3Error)?.classification == .invalidConfiguration }
    }

    @Test func rejectsMalformedRegion() {
        #expect(throws: S3Error.self) { try S3Endpoint(region: "us-east-1/../x") }
    }

    @Test(arguments: [
        ("abc", true), ("a-b.c", true), ("ab", false), ("Abc", false), ("a_b", false), ("-ab", false),
        ("ab-", false), ("a..b", false), ("192.168.1.1", false), (String(repeating: "a", count: 64), false),
    ])
    func dnsCompatibleBuckets(_ bucket: String, _ expected: Bool) {
        #expect(S3Endpoint.isDNSCompatible(bucket) == expected)
    }
}

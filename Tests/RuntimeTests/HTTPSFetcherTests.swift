import Foundation
import HTTPClient
import TestSupport
import Testing

@testable import Runtime

@Suite struct HTTPSFetcherTests {
    let origin: PythonFixtureServer
    let directory: String

    init() async throws {
        origin = try await PythonFixtureServer.loopbackOrigin()
        directory = NSTemporaryDirectory() + "onejob-fetch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func fetcher(allowPrivate: Bool) -> HTTPSFetcher {
        HTTPSFetcher(transport: HTTPClient(), addressPolicy: AddressPolicy(allowPrivate: allowPrivate), allowHTTP: true)
    }

    @Test func downloadsToAFile() async throws {
        let bytes = try await fetcher(allowPrivate: true).fetch(origin.url("/file/a?size=300000"), to: directory + "/a", maxBytes: 1 << 20)
        #expect(bytes == 300_000)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/a"))
        #expect(data.count == 300_000 && data[257] == 1)
    }

    @Test func refusesLoopbackUnlessAllowed() async throws {
        await #expect {
            _ = try await fetcher(allowPrivate: false).fetch(origin.url("/file/a?size=10"), to: directory + "/b", maxBytes: 100)
        } throws: { error in
            let error = error as? JobError
            return error?.code == .invalidJob && error?.message.contains("ONEJOB_ALLOW_PRIVATE_URLS") == true
        }
    }

    @Test func refusesARedirectToAPrivateAddress() async throws {
        // The first hop is allowed only because the test pins it; the policy is applied on every hop.
        let policy = AddressPolicy(allowPrivate: false)
        #expect(throws: JobError.self) { _ = try policy.resolve(host: "127.0.0.1", port: origin.port) }
        #expect(throws: JobError.self) { _ = try policy.resolve(host: "169.254.169.254", port: 80) }
        let redirect = HTTPSFetcher.resolve("/file/x?size=1", against: origin.url("/redirect?to=x"))
        #expect(redirect == origin.url("/file/x?size=1"))
    }

    @Test func followsRedirectsHopByHop() async throws {
        let target = origin.url("/file/r?size=5")
        let url = origin.url("/redirect?to=" + target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(try await fetcher(allowPrivate: true).fetch(url, to: directory + "/r", maxBytes: 100) == 5)
    }

    @Test func capsTheBodyWithOrWithoutContentLength() async throws {
        for path in ["/file/big?size=2000000", "/chunked?size=2000000"] {
            await #expect {
                _ = try await fetcher(allowPrivate: true).fetch(origin.url(path), to: directory + "/big", maxBytes: 1_000_000)
            } throws: { error in
                (error as? JobError)?.code == .badInput && (error as? JobError)?.message.contains("limit") == true
            }
        }
    }

    @Test func classifiesStatuses() async throws {
        await #expect {
            _ = try await fetcher(allowPrivate: true).fetch(origin.url("/missing"), to: directory + "/m", maxBytes: 100)
        } throws: { ($0 as? JobError)?.code == .badInput }
        await #expect {
            _ = try await fetcher(allowPrivate: true).fetch(origin.url("/denied"), to: directory + "/d", maxBytes: 100)
        } throws: { ($0 as? JobError)?.code == .accessDenied }
    }

    @Test func retriesA500() async throws {
        let bytes = try await fetcher(allowPrivate: true).fetch(origin.url("/flaky/\(UUID().uuidString)"), to: directory + "/f", maxBytes: 100)
        #expect(bytes == 2)
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("10.1.2.3", true), ("172.16.0.1", true), ("172.32.0.1", false), ("192.168.1.1", true),
        ("169.254.170.2", true), ("100.64.0.1", true), ("8.8.8.8", false), ("::1", true), ("fd00::1", true),
        ("fe80::1", true), ("::ffff:127.0.0.1", true), ("::ffff:8.8.8.8", false), ("2001:db8::1", false), ("0.0.0.0", true),
    ])
    func classifiesAddresses(address: String, restricted: Bool) {
        #expect(AddressPolicy.isRestricted(address) == restricted)
    }

    @Test func decimalAndOctalSpellingsResolveToWhatTheyMean() throws {
        let policy = AddressPolicy(allowPrivate: false)
        for host in ["2130706433", "0177.0.0.1", "0x7f.0.0.1", "localhost"] {
            #expect(throws: JobError.self, "\(host)") { _ = try policy.resolve(host: host, port: 80) }
        }
    }
}

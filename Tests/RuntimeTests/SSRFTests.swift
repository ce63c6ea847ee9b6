import Foundation
import HTTPClient
import Synchronization
import TestSupport
import Testing

@testable import Runtime

/// Job-supplied URLs that point inside the machine or the cloud network: each row a URL, where it
/// sits in the job, and the rule the refusal names.
@Suite struct SSRFTests {
    static let restrictedHosts: [(url: String, range: String)] = [
        ("https://127.0.0.1/m.stl", "loopback"), ("https://[::1]/m.stl", "loopback"),
        ("https://169.254.169.254/latest/meta-data/", "link-local"), ("https://169.254.170.2/v2/credentials", "link-local"),
        ("https://10.0.0.1/m.stl", "private"), ("https://172.16.0.1/m.stl", "private"), ("https://192.168.1.1/m.stl", "private"),
        ("https://[fd00::1]/m.stl", "unique-local"), ("https://[fe80::1]/m.stl", "link-local"),
        ("https://2130706433/m.stl", "loopback"), ("https://0177.0.0.1/m.stl", "loopback"), ("https://0x7f.0.0.1/m.stl", "loopback"),
        ("https://0x7f000001/m.stl", "loopback"), ("https://127.1/m.stl", "loopback"), ("https://0/m.stl", "unspecified"),
        ("https://[::ffff:127.0.0.1]/m.stl", "loopback"), ("https://[::ffff:a9fe:a9fe]/m.stl", "link-local"),
        ("https://[64:ff9b::a9fe:a9fe]/m.stl", "link-local"), ("https://localhost/m.stl", "localhost"),
        ("https://LocalHost./m.stl", "localhost"), ("https://evil.localhost/m.stl", "localhost"),
        ("https://100.64.0.1/m.stl", "carrier-grade NAT"), ("http://169.254.169.254/", "link-local"),
    ]

    static func decoder(_ environment: [String: String]) -> JobDecoder {
        JobDecoder(handlers: HandlerRegistry([EchoHandler()]), urlPolicy: URLPolicy(environment: Environment(environment)))
    }

    static func job(input: String? = nil, callback: String? = nil) -> String {
        var members: [(key: String, value: JSONValue)] = [("kind", .string("echo")), ("params", .object([("text", .string("a"))]))]
        if let input { members.append(("inputs", .object([("data", .string(input))]))) }
        if let callback { members.append(("callback", .string(callback))) }
        return JSONValue.object(members).compactText
    }

    @Test(arguments: restrictedHosts)
    func inputsAndCallbacksNamingRestrictedAddressesAre64(url: String, range: String) throws {
        let strict = Self.decoder(["ONEJOB_ALLOW_HTTP_URLS": "1"])
        for (document, path) in [(Self.job(input: url), "inputs.data"), (Self.job(callback: url), "callback")] {
            let error = #expect(throws: JobError.self, "\(path) \(url)") { try strict.decode(Array(document.utf8)) }
            #expect(error?.code == .invalidJob)
            #expect(ExitCode(for: error ?? JobError.badInput("")) == .invalidJob)
            #expect(error?.detail["path"] == path)
            #expect(error?.message.contains(range) == true, "\(String(describing: error))")
            #expect(error?.message.contains("ONEJOB_ALLOW_PRIVATE_URLS=1") == true)
        }
        // The operator's switch for the tests' own loopback servers (and private deployments).
        let open = Self.decoder(["ONEJOB_ALLOW_PRIVATE_URLS": "1", "ONEJOB_ALLOW_HTTP_URLS": "1"])
        #expect(throws: Never.self) { try open.decode(Array(Self.job(input: url, callback: url).utf8)) }
    }

    @Test(arguments: [
        ("http://h.example/m.stl", [String: String](), "ONEJOB_ALLOW_HTTP_URLS"),
        ("file:///etc/passwd", [:], "file://"),
        ("ftp://h.example/m.stl", [:], "ftp://"),
        ("gopher://h.example/", [:], "gopher://"),
        ("https://user:pw@h.example/m.stl", [:], "is not a URL"),
        ("https://[fe80::1%25eth0]/m.stl", [:], "not a valid IP address"),
    ])
    func schemesOtherThanHTTPSAndS3AreRefused(url: String, environment: [String: String], fragment: String) {
        let decoder = Self.decoder(environment)
        var job = Self.job(input: url)
        job = job.replacingOccurrences(of: #""kind":"echo""#, with: #""kind":"echo","output":"s3://b/p/""#)
        let error = #expect(throws: JobError.self, "\(url)") { try decoder.decode(Array(job.utf8)) }
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test func publicAddressesAndS3BucketsPass() throws {
        let decoder = Self.decoder([:])
        for url in ["https://8.8.8.8/m.stl", "https://[2001:4860::8888]/m.stl", "https://h.example/m.stl", "s3://localhost/key"] {
            #expect(throws: Never.self, "\(url)") { try decoder.decode(Array(Self.job(input: url).utf8)) }
        }
    }

    /// The same spellings a resolver accepts, read by the pure parser the decoder uses.
    @Test(arguments: [
        ("127.0.0.1", [127, 0, 0, 1]), ("2130706433", [127, 0, 0, 1]), ("0177.0.0.1", [127, 0, 0, 1]),
        ("0x7f.0.0.1", [127, 0, 0, 1]), ("0x7F.1", [127, 0, 0, 1]), ("127.1", [127, 0, 0, 1]),
        ("169.16689662", [169, 254, 169, 254]), ("0", [0, 0, 0, 0]), ("10.0.1", [10, 0, 0, 1]),
    ])
    func ipv4SpellingsMeanWhatInetAtonSays(text: String, bytes: [Int]) {
        #expect(RestrictedAddress.ipv4(text) == bytes.map(UInt8.init))
        var address = in_addr()
        #expect(inet_aton(text, &address) == 1)
        #expect(withUnsafeBytes(of: address.s_addr) { Array($0) } == bytes.map(UInt8.init))
    }

    @Test(arguments: ["256.0.0.1", "1.2.3.4.5", "example.com", "0x", "1..2", "08.0.0.1", "+1.2.3.4", "1.2.3.256"])
    func nonAddressesAreNames(text: String) {
        var address = in_addr()
        let libc = inet_aton(text, &address) == 1
        #expect((RestrictedAddress.ipv4(text) != nil) == libc, "\(text): libc says \(libc)")
    }

    // MARK: - jobUrl of events and invocations

    @Test(arguments: [
        (#"{"jobUrl":"https://169.254.169.254/latest/user-data"}"#, "link-local"),
        (#"{"jobUrl":"https://[::ffff:127.0.0.1]/job.json"}"#, "loopback"),
        (#"{"jobUrl":"file:///etc/passwd"}"#, "file://"),
        (#"{"jobUrl":"http://h.example/job.json"}"#, "ONEJOB_ALLOW_HTTP_URLS"),
    ])
    func eventJobURLsAreJobSupplied(payload: String, fragment: String) async throws {
        let fetcher = CountingFetcher()
        let payloadReader = JobPayload(fetcher: fetcher, urlPolicy: URLPolicy())
        await #expect {
            _ = try await payloadReader.document(from: Array(payload.utf8))
        } throws: { error in
            let error = error as? JobError
            return error?.code == .invalidJob && error?.message.contains(fragment) == true
        }
        #expect(fetcher.count.withLock { $0 } == 0, "refused before any fetch")
    }

    // MARK: - Redirects and pinning

    /// The first hop is a public address literal (checked and pinned without DNS); its answer, a
    /// redirect to the metadata endpoint, is checked like any URL and refused before a second
    /// request is made. The transport records what was asked of it: a fake at the HTTP edge, with the
    /// real fetcher and the real address policy.
    @Test func aRedirectToTheMetadataEndpointIsRefusedBeforeAnyRequest() async throws {
        let transport = RedirectingTransport(location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        let fetcher = HTTPSFetcher(transport: transport, addressPolicy: AddressPolicy(allowPrivate: false), allowHTTP: true)
        await #expect {
            _ = try await fetcher.fetch("https://93.184.216.34/model.stl", to: NSTemporaryDirectory() + "onejob-redirect-\(UUID())", maxBytes: 100)
        } throws: { error in
            let error = error as? JobError
            return error?.code == .invalidJob && error?.message.contains("link-local") == true
                && error.map { ExitCode(for: $0) } == .invalidJob
        }
        let requests = transport.requests.withLock { $0 }
        #expect(requests.count == 1)
        #expect(requests.first?.url == "https://93.184.216.34/model.stl")
        #expect(requests.first?.pinned == "93.184.216.34", "the first hop went to the checked address")
    }

    @Test(arguments: ["http://localhost/", "http://[::1]/", "http://2130706433/", "https://10.0.0.1/", "http://0x7f.1/"])
    func redirectTargetsInEverySpellingAreRefused(location: String) async throws {
        let transport = RedirectingTransport(location: location)
        let fetcher = HTTPSFetcher(transport: transport, addressPolicy: AddressPolicy(allowPrivate: false), allowHTTP: true)
        await #expect(throws: JobError.self) {
            _ = try await fetcher.fetch("https://93.184.216.34/m.stl", to: NSTemporaryDirectory() + "onejob-redirect-\(UUID())", maxBytes: 100)
        }
        #expect(transport.requests.withLock { $0.count } == 1)
    }

    @Test func anHTTPSRedirectToHTTPIsRefusedWithoutTheHTTPSwitch() async throws {
        let transport = RedirectingTransport(location: "http://93.184.216.35/m.stl")
        let fetcher = HTTPSFetcher(transport: transport, addressPolicy: AddressPolicy(allowPrivate: false), allowHTTP: false)
        await #expect(throws: JobError.self) {
            _ = try await fetcher.fetch("https://93.184.216.34/m.stl", to: NSTemporaryDirectory() + "onejob-redirect-\(UUID())", maxBytes: 100)
        }
        #expect(transport.requests.withLock { $0.count } == 1)
    }

    /// DNS rebinding: the address is resolved once, checked, and the connection pinned to it; the
    /// socket libcurl opens is compared with the pin (CurlTransfer.openSocket) as a second lock.
    @Test func theConnectionGoesToThePinnedAddressOnly() async throws {
        let origin = try await PythonFixtureServer.loopbackOrigin()
        let client = HTTPClient()
        // Pinned to the address the server listens on: connects, though the name does not resolve.
        let ok = try await client.execute(
            HTTPRequest(method: "GET", url: "http://rebound.invalid:\(origin.port)/file/a?size=3"),
            options: HTTPRequestOptions(resolvedAddress: "127.0.0.1"))
        #expect(ok.status == 200 && ok.bodyByteCount == 3)
        // An IPv6 literal host is never looked up, so CURLOPT_RESOLVE cannot steer it: the socket check
        // is what refuses the connection to an address that is not the pinned one.
        await #expect {
            _ = try await client.execute(
                HTTPRequest(method: "GET", url: "http://[::1]:\(origin.port)/file/a?size=3"),
                options: HTTPRequestOptions(resolvedAddress: "127.0.0.1"))
        } throws: { error in
            (error as? HTTPClientError)?.message.contains("pinned") == true
        }
        await origin.stop()
    }
}

/// Answers every request with a 302 to `location`, recording the URL and pinned address asked for.
final class RedirectingTransport: HTTPTransport {
    let location: String
    let requests = Mutex<[(url: String, pinned: String?)]>([])

    init(location: String) { self.location = location }

    func execute(_ request: HTTPRequest, options: HTTPRequestOptions) async throws -> HTTPResponse {
        requests.withLock { $0.append((request.url, options.resolvedAddress)) }
        return HTTPResponse(status: 302, headers: [("location", location)], body: [], bodyByteCount: 0)
    }
}

/// Counts fetches; never expected to be reached by the rows that use it.
final class CountingFetcher: InputFetching {
    let count = Mutex(0)

    func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        count.withLock { $0 += 1 }
        return 0
    }
}

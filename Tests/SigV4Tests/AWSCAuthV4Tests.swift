import Foundation
import Testing

@testable import SigV4

/// The aws-c-auth v4 suite: every case signed both ways (header and query), intermediate strings and
/// signatures compared exactly, and the signed request's headers/query compared as multisets.
@Suite(.enabled(if: TestVectors.isAvailable)) struct AWSCAuthV4Tests {
    static let folder = TestVectors.root.appendingPathComponent("aws-c-auth/v4")
    static let cases: [String] = TestVectors.caseDirectories(under: folder) { $0.lastPathComponent == "context.json" }
        .map(\.lastPathComponent)

    /// What `context.json` says, decoded.
    struct Context {
        var credentials: Credentials
        var region: String
        var service: String
        var time: SigningTime
        var expiresIn: Int
        var normalize: Bool
        var signBody: Bool
        var omitSessionToken: Bool

        init(_ data: Data) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let creds = try #require(object["credentials"] as? [String: Any])
            credentials = Credentials(
                accessKeyId: try #require(creds["access_key_id"] as? String),
                secretAccessKey: try #require(creds["secret_access_key"] as? String),
                sessionToken: creds["token"] as? String)
            region = try #require(object["region"] as? String)
            service = try #require(object["service"] as? String)
            let stamp = try #require(object["timestamp"] as? String)
            time = SigningTime(try #require(ISO8601DateFormatter().date(from: stamp)))
            expiresIn = try #require(object["expiration_in_seconds"] as? Int)
            normalize = try #require(object["normalize"] as? Bool)
            signBody = try #require(object["sign_body"] as? Bool)
            omitSessionToken = object["omit_session_token"] as? Bool ?? false
        }

        var signer: SigV4Signer {
            let rules = SigningRules(
                normalizesPath: normalize, encodesPathTwice: true, addsContentSHA256Header: signBody,
                signsSessionToken: !omitSessionToken)
            return SigV4Signer(credentials: credentials, region: region, service: service, rules: rules)
        }
    }

    static func load(_ name: String) throws -> (Context, RequestFile, (String) throws -> String) {
        let directory = folder.appendingPathComponent(name)
        let read = { (file: String) throws -> String in try TestVectors.read(directory.appendingPathComponent(file)) }
        let context = try Context(try Data(contentsOf: directory.appendingPathComponent("context.json")))
        return (context, try RequestFile(parsing: try read("request.txt")), read)
    }

    static func request(_ parsed: RequestFile, _ context: Context) throws -> SigV4Request {
        SigV4Request(
            method: parsed.method, path: parsed.path, pathIsEncoded: true, query: parsed.query,
            headers: parsed.headers, payload: context.signBody ? try .of(parsed.body) : .empty)
    }

    /// Header lines as a sorted multiset of (lowercased name, folded value).
    static func headerSet(_ headers: [SigV4Request.Header]) -> [String] {
        headers.map { "\($0.name.lowercased()):\(CanonicalHeaders.normalizeValue($0.value))" }.sorted()
    }

    @Test func allThirtyEightCasesAreFound() {
        #expect(Self.cases.count == 38)
    }

    @Test(arguments: cases) func headerSigning(_ name: String) throws {
        let (context, parsed, read) = try Self.load(name)
        let signed = try context.signer.signHeaders(try Self.request(parsed, context), time: context.time)

        #expect(signed.canonicalRequest.text == (try read("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try read("header-string-to-sign.txt")))
        #expect(signed.signature == (try read("header-signature.txt")))
        let expected = try RequestFile(parsing: try read("header-signed-request.txt"))
        #expect(Self.headerSet(signed.headers) == Self.headerSet(expected.headers))
    }

    @Test(arguments: cases) func querySigning(_ name: String) throws {
        let (context, parsed, read) = try Self.load(name)
        let presigned = try context.signer.presign(
            try Self.request(parsed, context), time: context.time, expiresIn: context.expiresIn)

        #expect(presigned.canonicalRequest.text == (try read("query-canonical-request.txt")))
        #expect(presigned.stringToSign == (try read("query-string-to-sign.txt")))
        #expect(presigned.signature == (try read("query-signature.txt")))
        let expected = try RequestFile(parsing: try read("query-signed-request.txt"))
        let ours = RequestFile.parseQuery(presigned.query)
        #expect(Set(ours) == Set(expected.query))
        #expect(ours.count == expected.query.count)
    }
}

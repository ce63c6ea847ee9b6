import Foundation
import Testing

@testable import SigV4

/// The S3 API Reference examples (header signing and a presigned GET) under S3 rules, plus the
/// aws-chunked seed signatures.
@Suite(.enabled(if: TestVectors.isAvailable)) struct S3ExamplesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let index: Int
        let name: String
        let kind: String
        var testDescription: String { name }
    }

    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: TestVectors.root.appendingPathComponent("s3-examples.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let examples: [Example] = {
        guard let document = try? document(), let list = document["examples"] as? [[String: Any]] else { return [] }
        return list.enumerated().map { index, item in
            Example(index: index, name: item["name"] as? String ?? "?", kind: item["kind"] as? String ?? "?")
        }
    }()

    static var plainExamples: [Example] { examples.filter { $0.kind != "aws-chunked" } }

    static func setup(_ example: Example) throws -> (SigV4Signer, SigningTime, [String: Any], [String: Any]) {
        let document = try document()
        let creds = try #require(document["credentials"] as? [String: String])
        let credentials = Credentials(
            accessKeyId: try #require(creds["access_key_id"]), secretAccessKey: try #require(creds["secret_access_key"])
        )
        let signer = SigV4Signer(
            credentials: credentials, region: try #require(document["region"] as? String),
            service: try #require(document["service"] as? String), rules: .s3)
        let time = try #require((document["x_amz_date"] as? String).flatMap(SigningTime.init(amzDate:)))
        let list = try #require(document["examples"] as? [[String: Any]])
        return (signer, time, document, list[example.index])
    }

    static func pairs(_ value: Any?) throws -> [(String, String)] {
        let list = try #require(value as? [[String]])
        return try list.map { pair in
            try #require(pair.count == 2)
            return (pair[0], pair[1])
        }
    }

    @Test func sevenExamplesFiveOfThemPlainSigning() {
        #expect(Self.examples.count == 7)
        #expect(Self.plainExamples.count == 5)
    }

    @Test func signingKeyMatchesDocument() throws {
        let (signer, time, document, _) = try Self.setup(try #require(Self.examples.first))
        #expect(Hex.encode(try signer.signingKey(for: time).bytes) == document["signing_key_hex"] as? String)
    }

    @Test(arguments: plainExamples) func example(_ example: Example) throws {
        let (signer, time, _, item) = try Self.setup(example)
        let fromDoc = try #require(item["expected_from_doc"] as? [String: String])
        let path: String
        let encoded: Bool
        if let key = item["object_key"] as? String {
            (path, encoded) = ("/" + key, false)
        } else {
            (path, encoded) = (try #require(item["canonical_uri"] as? String), true)
        }
        let headers = try Self.pairs(item["headers"]).map { SigV4Request.Header($0.0, $0.1) }
        let payload = PayloadHash(value: try #require(item["payload_hash"] as? String))
        if let body = item["body"] as? String {
            #expect(try PayloadHash.of(Array(body.utf8)) == payload)
        }

        switch example.kind {
        case "authorization-header":
            let query = try Self.pairs(item["query"]).map { SigV4Request.QueryItem($0.0, $0.1) }
            let request = SigV4Request(
                method: try #require(item["method"] as? String), path: path, pathIsEncoded: encoded, query: query,
                headers: headers, payload: payload)
            let signed = try signer.signHeaders(request, time: time)
            #expect(signed.canonicalRequest.text == item["canonical_request"] as? String)
            #expect(signed.stringToSign == item["string_to_sign"] as? String)
            #expect(signed.signature == fromDoc["signature"])
            #expect(try SHA256.hash(signed.canonicalRequest.text).hex == fromDoc["canonical_request_sha256"])
            // The S3 pages print the header without spaces after commas; both forms are accepted by S3.
            let expected = (item["authorization"] as? String)?.replacingOccurrences(of: ",", with: ", ")
            #expect(signed.authorization == expected)
            #expect(signed.headers.filter { $0.name.lowercased() == "x-amz-date" }.count == 1)
        case "query-string":
            let request = SigV4Request(
                method: try #require(item["method"] as? String), path: path, pathIsEncoded: encoded,
                headers: headers, payload: .unsigned)
            let expires = try #require(
                try Self.pairs(item["query"]).first { $0.0 == "X-Amz-Expires" }.flatMap { Int($0.1) })
            let presigned = try signer.presign(request, time: time, expiresIn: expires)
            #expect(presigned.canonicalRequest.text == item["canonical_request"] as? String)
            #expect(presigned.stringToSign == item["string_to_sign"] as? String)
            #expect(presigned.signature == fromDoc["signature"])
            let url = try #require(item["url"] as? String)
            #expect(url.hasSuffix(request.wirePath + "?" + presigned.query))
        default:
            Issue.record("unexpected example kind \(example.kind)")
        }
    }

    @Test func streamingSeedSignatures() throws {
        let streaming = Self.examples.filter { $0.kind == "aws-chunked" }
        #expect(streaming.count == 2)
        for example in streaming {
            let (signer, time, _, item) = try Self.setup(example)
            let request = SigV4Request(
                method: try #require(item["method"] as? String),
                path: try #require(item["canonical_uri"] as? String), pathIsEncoded: true,
                headers: try Self.pairs(item["headers"]).map { SigV4Request.Header($0.0, $0.1) },
                payload: PayloadHash(value: try #require(item["payload_hash"] as? String)))
            let signed = try signer.signHeaders(request, time: time)
            #expect(signed.canonicalRequest.text == item["canonical_request"] as? String)
            #expect(signed.stringToSign == item["string_to_sign"] as? String)
            #expect(signed.signature == item["seed_signature"] as? String)

            // 66560 bytes of "a" sent as chunks of 65536, 1024 and 0 bytes, each signature chained.
            let chunks = try #require(item["chunks"] as? [[String: Any]])
            #expect(chunks.count == 3)
            var previous = signed.signature
            for chunk in chunks {
                let size = try #require(chunk["size"] as? Int)
                let hash = try SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: size))
                previous = try signer.chunkSignature(chunkHash: hash, previousSignature: previous, time: time)
                #expect(previous == chunk["signature"] as? String)
            }
            if let trailer = item["trailer_canonical"] as? String {
                let signature = try signer.trailerSignature(
                    canonicalTrailer: trailer, previousSignature: previous, time: time)
                #expect(signature == item["trailer_signature"] as? String)
            }
        }
    }
}

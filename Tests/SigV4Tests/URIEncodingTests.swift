import Testing

@testable import SigV4

@Suite struct URIEncodingTests {
    @Test(arguments: [
        ("", ""),
        ("AZaz09-_.~", "AZaz09-_.~"),
        (" ", "%20"),
        ("+", "%2B"),
        ("*", "%2A"),
        ("%", "%25"),
        ("%20", "%2520"),
        ("a/b", "a%2Fb"),
        ("=&?#", "%3D%26%3F%23"),
        ("$", "%24"),
        ("é", "%C3%A9"),
        ("\u{1234}", "%E1%88%B4"),
        ("😀", "%F0%9F%98%80"),
        ("\u{7F}", "%7F"),
        ("\n", "%0A"),
    ])
    func encodesUnreservedAsIsAndEverythingElseUppercase(_ input: String, _ expected: String) {
        #expect(URIEncoding.encode(input) == expected)
    }

    @Test(arguments: [
        ("/a/b c/", "/a/b%20c/"),
        ("/test$file.text", "/test%24file.text"),
        ("//x//", "//x//"),
        ("/a%2Fb", "/a%252Fb"),
    ])
    func pathEncodingKeepsSlashes(_ input: String, _ expected: String) {
        #expect(URIEncoding.encode(input, preservingSlash: true) == expected)
    }

    @Test func everyByteOutsideTheUnreservedSetIsEscaped() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
        for byte in UInt8(0)...UInt8(127) {
            #expect(URIEncoding.isUnreserved(byte) == unreserved.contains(byte), "byte \(byte)")
        }
    }
}

@Suite struct CanonicalPathTests {
    @Test(arguments: [
        ("/", "/"),
        ("", "/"),
        ("/./", "/"),
        ("//example//", "/example/"),
        ("/example/..", "/"),
        ("/a/b/../..", "/"),
        ("/../../a", "/a"),
        ("/a/./b/", "/a/b/"),
        ("/a/b/.", "/a/b/"),
        ("/a/b/c/../d", "/a/b/d"),
    ])
    func removesDotSegmentsAndEmptySegments(_ input: String, _ expected: String) {
        #expect(CanonicalPath.removeDotSegments(input) == expected)
    }

    @Test func s3SignsThePathAsSentButGenericNormalisesAndEncodesAgain() {
        let wire = "/my-object//example//photo%20a.user"
        #expect(CanonicalPath.canonicalize(wirePath: wire, rules: .s3) == wire)
        #expect(CanonicalPath.canonicalize(wirePath: wire, rules: .generic) == "/my-object/example/photo%2520a.user")
    }

    @Test func rawPathIsEncodedOnceForTheWire() {
        let request = SigV4Request(method: "PUT", path: "/bucket/a b+c.txt", headers: [], payload: .empty)
        #expect(request.wirePath == "/bucket/a%20b%2Bc.txt")
        let encoded = SigV4Request(
            method: "PUT", path: "/bucket/a%20b", pathIsEncoded: true, headers: [], payload: .empty)
        #expect(encoded.wirePath == "/bucket/a%20b")
    }
}

@Suite struct CanonicalHeadersTests {
    @Test func lowercasesSortsTrimsCollapsesAndJoinsDuplicatesInOrder() {
        let headers = CanonicalHeaders([
            .init("X-B", "  two   words  "),
            .init("host", "h"),
            .init("X-A", "first"),
            .init("x-a", "line1\n   line2"),
        ])
        #expect(headers.block == "host:h\nx-a:first,line1 line2\nx-b:two words\n")
        #expect(headers.signedHeaders == "host;x-a;x-b")
    }
}

import Testing

@testable import S3

@Suite struct S3ErrorDocumentTests {
    @Test func parsesTheStandardDocument() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>\
            <Key>a &amp; b</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>x</HostId></Error>
            """
        let document = try #require(S3ErrorDocument(body: Array(body.utf8)))
        #expect(document.code == "NoSuchKey")
        #expect(document.message == "The specified key does not exist.")
        #expect(document.requestId == "4442587FB7D0A2F9")
    }

    @Test func decodesEntitiesAndIgnoresAttributesAndNamespaces() throws {
        let body = """
            <Error xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Code>InvalidArgument</Code>\
            <Message>x &lt; y &quot;q&quot; &#65;&#x42; &unknown; &amp;amp;</Message></Error>
            """
        let document = try #require(S3ErrorDocument(body: Array(body.utf8)))
        #expect(document.code == "InvalidArgument")
        #expect(document.message == "x < y \"q\" AB &unknown; &amp;")
    }

    @Test(arguments: ["", "<html><body>Bad Gateway</body></html>", "<ErrorX><Code>A</Code></ErrorX>", "\u{0}\u{1}"])
    func nonErrorBodiesGiveNil(_ body: String) {
        #expect(S3ErrorDocument(body: Array(body.utf8)) == nil)
    }

    @Test func elementScannerFindsRepeatedAndSelfClosingElements() {
        let text = "<R><Upload><Key>a</Key><UploadId>1</UploadId></Upload><Upload><Key/><UploadId>2</UploadId></Upload>"
            + "<UploadIdMarker>z</UploadIdMarker></R>"
        let uploads = S3XML.elements("Upload", in: text)
        #expect(uploads.count == 2)
        #expect(S3XML.value("Key", in: uploads[1]) == "")
        #expect(S3XML.elements("UploadId", in: text) == ["1", "2"])
    }

    @Test func completionDocumentEscapesETags() {
        let xml = S3Client.completionDocument([
            .init(number: 1, etag: "\"abc\"", checksumSHA256: "q+/="),
            .init(number: 2, etag: "\"d&e\"", checksumSHA256: "r=="),
        ])
        #expect(xml.contains("<Part><PartNumber>1</PartNumber><ETag>&quot;abc&quot;</ETag>"))
        #expect(xml.contains("<ChecksumSHA256>q+/=</ChecksumSHA256></Part>"))
        #expect(xml.contains("<ETag>&quot;d&amp;e&quot;</ETag>"))
        #expect(S3XML.elements("Part", in: xml).count == 2)
    }

    @Test(arguments: [
        (403, String?("AccessDenied"), S3Error.Classification.accessDenied), (403, "SignatureDoesNotMatch", .accessDenied),
        (403, "InvalidAccessKeyId", .accessDenied), (403, nil, .accessDenied), (404, "NoSuchKey", .notFound),
        (404, "NoSuchBucket", .notFound), (404, nil, .notFound), (400, "BadDigest", .invalidRequest),
        (400, "InvalidArgument", .invalidRequest), (409, nil, .invalidRequest), (503, "SlowDown", .throttled),
        (500, "InternalError", .transient), (502, nil, .transient), (400, "RequestTimeout", .transient),
        (400, "ExpiredToken", .credentialsUnavailable), (301, "PermanentRedirect", .invalidConfiguration),
        (501, "NotImplemented", .invalidRequest),
    ])
    func classification(_ status: Int, _ code: String?, _ expected: S3Error.Classification) {
        let decision = RetryPolicy.decide(status: status, s3Code: code)
        #expect(S3Client.classify(status: status, s3Code: code, decision: decision) == expected)
    }

    @Test func descriptionNamesTheFailureWithoutSecrets() {
        let error = S3Error(
            .response, classification: .accessDenied, operation: "PutObject", bucket: "b", key: "k", status: 403,
            s3Code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match",
            requestId: "R1", attempts: 1)
        #expect(error.description == "S3 PutObject s3://b/k failed (accessDenied, HTTP 403, SignatureDoesNotMatch): "
            + "The request signature we calculated does not match [request R1]")
        #expect(!error.isRetryable)
    }
}

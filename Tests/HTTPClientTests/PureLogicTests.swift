import CCurl
import Testing

@testable import HTTPClient

@Suite("Response header parsing")
struct ResponseHeaderParserTests {
    private func parse(_ lines: [String]) -> ResponseHeaderParser {
        var parser = ResponseHeaderParser()
        for line in lines { parser.consume(line: Array(line.utf8)) }
        return parser
    }

    @Test func keepsOnlyTheFinalResponseBlock() {
        let parser = parse([
            "HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 302 Found\r\n", "Location: /x\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "ETag: \"abc\"\r\n", "\r\n",
        ])
        #expect(parser.status == 200)
        #expect(parser.headers.map(\.0) == ["etag"])
        #expect(parser.headers.first?.1 == "\"abc\"")
    }

    @Test func trimsValuesKeepsDuplicatesAndJoinsFoldedLines() {
        let parser = parse([
            "HTTP/2 204\r\n", "X-A:  one \r\n", "x-a: two\r\n", "X-Long: first\r\n", "\t second\r\n", "Empty:\r\n",
        ])
        #expect(parser.status == 204)
        #expect(parser.headers.filter { $0.0 == "x-a" }.map(\.1) == ["one", "two"])
        #expect(parser.headers.first { $0.0 == "x-long" }?.1 == "first second")
        #expect(parser.headers.first { $0.0 == "empty" }?.1 == "")
    }
}

@Suite("Stall detection")
struct StallDetectorTests {
    @Test func aStoppedTransferStallsAfterTheWindow() {
        var detector = StallDetector(limit: 1, window: .seconds(2))
        do {
            let stalled = detector.observe(now: .zero, bytes: 100)
            #expect(!stalled)
        }
        do {
            let stalled = detector.observe(now: .milliseconds(1900), bytes: 100)
            #expect(!stalled)
        }
        do {
            let stalled = detector.observe(now: .milliseconds(2300), bytes: 100)
            #expect(stalled)
        }
    }

    @Test func aSteadyTransferAboveTheLimitNeverStalls() {
        var detector = StallDetector(limit: 1000, window: .seconds(1))
        for step in 0...100 {
            do {
                let stalled = detector.observe(now: .milliseconds(step * 100), bytes: Int64(step * 200))
                #expect(!stalled)
            }
        }
    }

    @Test func aTrickleBelowTheLimitStallsEvenThoughBytesKeepArriving() {
        var detector = StallDetector(limit: 1000, window: .seconds(1))
        var stalled = false
        for step in 0...30 where !stalled {
            stalled = detector.observe(now: .milliseconds(step * 100), bytes: Int64(step * 50))
        }
        #expect(stalled)
    }

    @Test func restartedCountersStartANewMeasurement() {
        var detector = StallDetector(limit: 1, window: .seconds(1))
        do {
            let stalled = detector.observe(now: .zero, bytes: 500)
            #expect(!stalled)
        }
        do {
            let stalled = detector.observe(now: .milliseconds(900), bytes: 0)
            #expect(!stalled)
        }
        do {
            let stalled = detector.observe(now: .milliseconds(1500), bytes: 0)
            #expect(!stalled)
        }
        do {
            let stalled = detector.observe(now: .milliseconds(2100), bytes: 0)
            #expect(stalled)
        }
    }
}

@Suite("Request plans")
struct CurlRequestPlanTests {
    @Test func methodsMapToTheRightCurlSwitch() throws {
        let url = "http://h/"
        #expect(try CurlRequestPlan(request: HTTPRequest(method: "GET", url: url), bodyLength: 0).method == .get)
        #expect(try CurlRequestPlan(request: HTTPRequest(method: "HEAD", url: url), bodyLength: 0).method == .head)
        #expect(try CurlRequestPlan(request: HTTPRequest(method: "PUT", url: url), bodyLength: 0).method == .upload)
        #expect(
            try CurlRequestPlan(request: HTTPRequest(method: "DELETE", url: url), bodyLength: 0).method
                == .custom("DELETE"))
        let patch = HTTPRequest(method: "PATCH", url: url, body: .bytes([1]))
        #expect(try CurlRequestPlan(request: patch, bodyLength: 1).method == .post(customMethod: "PATCH"))
    }

    @Test func bodiesSuppressExpectAndPostsSuppressTheFormContentType() throws {
        let put = try CurlRequestPlan(request: HTTPRequest(method: "PUT", url: "u", body: .bytes([1])), bodyLength: 1)
        #expect(put.headerLines == ["Expect:"])
        let post = try CurlRequestPlan(
            request: HTTPRequest(method: "POST", url: "u", headers: [("Expect", "100-continue")], body: .bytes([1])),
            bodyLength: 1)
        #expect(post.headerLines == ["Expect: 100-continue", "Content-Type:"])
        let get = try CurlRequestPlan(request: HTTPRequest(method: "GET", url: "u", headers: [("X-E", "")]), bodyLength: 0)
        #expect(get.headerLines == ["X-E;"])
    }

    @Test(arguments: [
        HTTPRequest(method: "get", url: "u"),
        HTTPRequest(method: "GE T", url: "u"),
        HTTPRequest(method: "HEAD", url: "u", body: .bytes([])),
        HTTPRequest(method: "GET", url: "u", headers: [("Bad Name", "v")]),
        HTTPRequest(method: "GET", url: "u", headers: [("X", "a\nb")]),
        HTTPRequest(method: "PUT", url: "u", headers: [("Content-Length", "5")], body: .bytes([1])),
    ])
    func malformedRequestsAreRefused(request: HTTPRequest) {
        #expect(throws: HTTPClientError.self) { try CurlRequestPlan(request: request, bodyLength: 1) }
    }
}

@Suite("Error classification")
struct HTTPClientErrorTests {
    @Test func transientTransportErrorsAreRetryable() {
        #expect(HTTPClientError(curlCode: CURLcode(7), function: "f", message: "").isRetryable)
        #expect(HTTPClientError(curlCode: CURLcode(28), function: "f", message: "").isRetryable)
        #expect(HTTPClientError(curlCode: CURLcode(56), function: "f", message: "").code == .connectionLost)
        #expect(HTTPClientError(curlCode: CURLcode(35), function: "f", message: "").isRetryable)
        // CURLE_WEIRD_SERVER_REPLY: a mangled status line, as from a cut or confused middlebox.
        #expect(HTTPClientError(curlCode: CURLcode(8), function: "f", message: "").isRetryable)
        // libcurl 7.88 reports a reply that is not HTTP as CURLE_UNSUPPORTED_PROTOCOL with these texts.
        let garbled = HTTPClientError(curlCode: CURLcode(1), function: "f", message: "Received HTTP/0.9 when not allowed")
        #expect(garbled.code == .connectionLost && garbled.isRetryable)
        let code = HTTPClientError(curlCode: CURLcode(1), function: "f", message: "Unsupported response code in HTTP response")
        #expect(code.isRetryable)
        let scheme = HTTPClientError(curlCode: CURLcode(1), function: "f", message: "Protocol \"ftp\" not supported")
        #expect(scheme.code == .invalidURL && !scheme.isRetryable)
    }

    @Test func certificateAndURLErrorsAreNot() {
        let tls = HTTPClientError(curlCode: CURLcode(60), function: "f", message: "")
        #expect(tls.code == .tls)
        #expect(!tls.isRetryable)
        #expect(HTTPClientError(curlCode: CURLcode(3), function: "f", message: "").code == .invalidURL)
    }

    @Test func anEmptyErrorBufferFallsBackToCurlsDescription() {
        let error = HTTPClientError(curlCode: CURLcode(7), function: "curl_easy_perform", message: "")
        #expect(!error.message.isEmpty)
        #expect(error.description.contains("curl_easy_perform"))
    }
}

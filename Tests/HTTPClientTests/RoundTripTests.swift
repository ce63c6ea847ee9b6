import Foundation
import Testing

@testable import HTTPClient

@Suite("Round trips against a loopback server")
struct RoundTripTests {
    let client = HTTPClient()

    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "GET", url: server.url("/echo")))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let report = try EchoReport(response.body)
            #expect(report.method == "GET")
            #expect(report.length == 0)
            #expect(report.values("User-Agent") == [HTTPRequestOptions.defaultUserAgent])
            #expect(response.bodyByteCount == Int64(response.body.count))
        }
    }

    @Test(arguments: ["PUT", "POST", "PATCH"])
    func bodyMethodsSendTheExactBytes(method: String) async throws {
        try await TestServer.with { server in
            let payload = Array("payload for \(method)".utf8)
            let response = try await client.execute(
                HTTPRequest(method: method, url: server.url("/echo"), body: .bytes(payload)))
            let report = try EchoReport(response.body)
            #expect(report.method == method)
            #expect(report.body_hex == payload.hex)
            #expect(report.values("Content-Length") == [String(payload.count)])
            // Suppressed libcurl defaults: no 100-continue round trip, no form content type.
            #expect(report.values("Expect").isEmpty)
            #expect(report.values("Content-Type").isEmpty)
        }
    }

    @Test func emptyPutSendsZeroContentLength() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "PUT", url: server.url("/echo")))
            let report = try EchoReport(response.body)
            #expect(report.method == "PUT")
            #expect(report.values("Content-Length") == ["0"])
        }
    }

    @Test func headReturnsHeadersWithoutWaitingForABody() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "HEAD", url: server.url("/bytes/12345")))
            #expect(response.status == 200)
            #expect(response.header("content-length") == "12345")
            #expect(response.body.isEmpty)
        }
    }

    @Test func deleteUsesTheMethodName() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "DELETE", url: server.url("/echo")))
            #expect(try EchoReport(response.body).method == "DELETE")
        }
    }

    @Test func requestHeadersArriveInOrderWithDuplicatesAndEmptyValues() async throws {
        try await TestServer.with { server in
            let request = HTTPRequest(
                method: "GET", url: server.url("/echo"),
                headers: [("X-Multi", "a"), ("X-Multi", "b"), ("X-Empty", ""), ("x-amz-date", "20260101T000000Z")])
            let report = try EchoReport(try await client.execute(request).body)
            #expect(report.values("X-Multi") == ["a", "b"])
            #expect(report.values("X-Empty") == [""])
            #expect(report.values("X-Amz-Date") == ["20260101T000000Z"])
        }
    }

    @Test func responseHeadersAreLowerCasedAndKeepDuplicates() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "GET", url: server.url("/headers")))
            #expect(response.headerValues("X-Dup") == ["one", "two"])
            #expect(response.headerValues("set-cookie") == ["a=1", "b=2"])
            #expect(response.headers.contains { $0.0 == "x-mixed-case" && $0.1 == "Value" })
            #expect(response.headers.allSatisfy { $0.0 == $0.0.lowercased() })
        }
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "GET", url: server.url("/status/503")))
            #expect(response.status == 503)
            #expect(response.body == Array("status body".utf8))
        }
    }

    @Test func headerInjectionIsRefusedWithoutEchoingTheValue() async throws {
        let request = HTTPRequest(
            method: "GET", url: "http://127.0.0.1:1/", headers: [("Authorization", "secret\r\nX-Evil: 1")])
        let error = try await #require(throws: HTTPClientError.self) { try await client.execute(request) }
        #expect(error.code == .invalidRequest)
        #expect(!error.description.contains("secret"))
    }

    @Test func nonHTTPSchemesAreRefused() async throws {
        let error = try await #require(throws: HTTPClientError.self) {
            try await client.execute(HTTPRequest(method: "GET", url: "file:///etc/passwd"))
        }
        #expect(error.code == .invalidURL)
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

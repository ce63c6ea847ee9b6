import Foundation
import Testing

@testable import HTTPClient

@Suite("Caps, timeouts, failures, redirects and cancellation")
struct LimitTests {
    let client = HTTPClient()
    let capped = HTTPRequestOptions(maxResponseBytes: 1_000_000)

    @Test(arguments: ["/bytes/2000000", "/chunked/2000000", "/lying/5000000/2000000"])
    func bodiesOverTheCapAreRefused(path: String) async throws {
        try await TestServer.with { server in
            let error = try await #require(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(method: "GET", url: server.url(path)), options: capped)
            }
            #expect(error.code == .tooLarge)
            #expect(!error.isRetryable)
        }
    }

    @Test func aContentLengthThatUnderstatesIsHonouredNotExceeded() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: server.url("/lying/100/2000000")), options: capped)
            #expect(response.body == Fixture.pattern(count: 100))
        }
    }

    @Test func bodiesUpToTheCapArrive() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: server.url("/chunked/1000000")), options: capped)
            #expect(response.body == Fixture.pattern(count: 1_000_000))
        }
    }

    @Test func aStalledTransferFailsWithinTheLowSpeedTime() async throws {
        try await TestServer.with { server in
            let clock = ContinuousClock()
            let start = clock.now
            let error = try await #require(throws: HTTPClientError.self) {
                try await client.execute(
                    HTTPRequest(method: "GET", url: server.url("/stall")),
                    options: HTTPRequestOptions(lowSpeedLimit: 1, lowSpeedTime: .seconds(1)))
            }
            #expect(error.code == .stalled)
            #expect(error.isRetryable)
            #expect(clock.now - start < .seconds(30))
        }
    }

    @Test func totalTimeoutIsATimeout() async throws {
        try await TestServer.with { server in
            let error = try await #require(throws: HTTPClientError.self) {
                try await client.execute(
                    HTTPRequest(method: "GET", url: server.url("/slow?seconds=5")),
                    options: HTTPRequestOptions(totalTimeout: .milliseconds(500), lowSpeedTime: nil))
            }
            #expect(error.code == .timedOut)
            #expect(error.function == "curl_easy_perform")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func connectionRefusedIsRetryable() async throws {
        let error = try await #require(throws: HTTPClientError.self) {
            try await client.execute(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/"))
        }
        #expect(error.code == .connectFailed)
        #expect(error.isRetryable)
        #expect(error.curlCode == 7)
        #expect(error.function == "curl_easy_perform")
    }

    @Test func redirectsAreNotFollowedByDefault() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(HTTPRequest(method: "GET", url: server.url("/redirect")))
            #expect(response.status == 302)
            #expect(response.header("location") == "/echo")
        }
    }

    @Test func redirectsAreFollowedWhenAllowed() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: server.url("/redirect")), options: HTTPRequestOptions(maxRedirects: 3))
            #expect(response.status == 200)
            #expect(try EchoReport(response.body).path == "/echo")
            #expect(response.header("location") == nil)
        }
    }

    @Test func redirectLoopsStopAtTheLimit() async throws {
        try await TestServer.with { server in
            let error = try await #require(throws: HTTPClientError.self) {
                try await client.execute(
                    HTTPRequest(method: "GET", url: server.url("/loop")), options: HTTPRequestOptions(maxRedirects: 2))
            }
            #expect(error.code == .tooManyRedirects)
        }
    }

    @Test func aPinnedAddressIsUsedInsteadOfDNS() async throws {
        try await TestServer.with { server in
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: "http://pinned.invalid:\(server.port)/echo"),
                options: HTTPRequestOptions(resolvedAddress: "127.0.0.1"))
            let report = try EchoReport(response.body)
            #expect(report.values("Host") == ["pinned.invalid:\(server.port)"])
        }
    }

    @Test func aPinnedHostNameIsRefused() async throws {
        let error = try await #require(throws: HTTPClientError.self) {
            try await client.execute(
                HTTPRequest(method: "GET", url: "http://example.invalid/"),
                options: HTTPRequestOptions(resolvedAddress: "localhost"))
        }
        #expect(error.code == .invalidRequest)
    }

    @Test func cancellingTheTaskAbortsTheTransferPromptly() async throws {
        try await TestServer.with { server in
            let client = self.client
            let url = server.url("/slow?seconds=30")
            let task = Task { try await client.execute(HTTPRequest(method: "GET", url: url)) }
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            // A hang guard, not a timing: the server would hold the request for 30 s.
            #expect(clock.now - start < .seconds(20))
            #expect(throws: HTTPClientError.self) { try result.get() }
            if case .failure(let error as HTTPClientError) = result {
                #expect(error.code == .cancelled)
                #expect(!error.isRetryable)
            }
        }
    }
}

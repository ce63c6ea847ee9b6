import Foundation
import Testing

@testable import HTTPClient

@Suite("Streaming bodies from and to disk", .serialized)
struct StreamingTests {
    let client = HTTPClient()

    @Test func hundredMebibyteFileIsStreamedNotBuffered() async throws {
        try await TestServer.with { server in
            let directory = try Fixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("big.bin")
            try Fixture.writeLargeFile(at: file, megabytes: 100)
            let expected = try Fixture.sha256(of: file)

            let peakWasReset = ProcessMemory.resetPeak()
            let before = try ProcessMemory.kilobytes(peakWasReset ? "VmRSS" : "VmHWM")
            let response = try await client.execute(
                HTTPRequest(method: "PUT", url: server.url("/echo"), body: .file(path: file.path)))
            let peak = try ProcessMemory.kilobytes("VmHWM")

            let report = try EchoReport(response.body)
            #expect(report.length == 100 << 20)
            #expect(report.sha256 == expected)
            // A buffered body would add at least 100 MiB; streaming adds libcurl's buffers. The peak is
            // the whole test process's, shared with suites running in parallel, hence the wide margin.
            #expect(peak - before < 80 * 1024, "peak grew by \(peak - before) KiB")
        }
    }

    @Test func byteRangeSendsOnlyThatPartOfTheFile() async throws {
        try await TestServer.with { server in
            let directory = try Fixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("parts.bin")
            try Fixture.writeLargeFile(at: file, megabytes: 1)
            let response = try await client.execute(
                HTTPRequest(
                    method: "PUT", url: server.url("/echo"), body: .file(path: file.path, offset: 1000, length: 5000)))
            let report = try EchoReport(response.body)
            #expect(report.length == 5000)
            #expect(report.body_hex == Array(Fixture.pattern(count: 6000)[1000..<6000]).hex)
        }
    }

    @Test func rangeBeyondTheFileIsRefused() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("small.bin")
        try Data(count: 10).write(to: file)
        let error = try await #require(throws: HTTPClientError.self) {
            try await client.execute(
                HTTPRequest(method: "PUT", url: "http://127.0.0.1:1/", body: .file(path: file.path, offset: 5, length: 6)))
        }
        #expect(error.code == .invalidRequest)
    }

    @Test func downloadGoesToTheFileSink() async throws {
        try await TestServer.with { server in
            let directory = try Fixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let target = directory.appendingPathComponent("download.bin")
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: server.url("/bytes/\(20 << 20)"), responseBody: .file(path: target.path)),
                options: HTTPRequestOptions(maxResponseBytes: nil))
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(response.bodyByteCount == 20 << 20)
            #expect(try Fixture.sha256(of: target) == response.header("x-content-sha256"))
        }
    }

    @Test func errorBodiesGoToMemoryAndLeaveTheFileEmpty() async throws {
        try await TestServer.with { server in
            let directory = try Fixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let target = directory.appendingPathComponent("missing.bin")
            let response = try await client.execute(
                HTTPRequest(method: "GET", url: server.url("/status/404"), responseBody: .file(path: target.path)))
            #expect(response.status == 404)
            #expect(response.body == Array("status body".utf8))
            #expect(try Data(contentsOf: target).isEmpty)
        }
    }
}

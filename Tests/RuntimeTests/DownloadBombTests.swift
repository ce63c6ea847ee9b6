import Foundation
import HTTPClient
import TestSupport
import Testing

@testable import Runtime

/// Downloads larger than their cap, against a real loopback origin: each row a way of sending too
/// much, and what must be true after — refused (or cut at the announced length), never more than
/// the cap on disk.
@Suite struct DownloadBombTests {
    static let cap: Int64 = 100_000

    static let rows: [(name: String, path: String, refused: Bool)] = [
        ("truthful Content-Length over the cap", "/file/big?size=2000000", true),
        ("chunked, no Content-Length", "/chunked?size=2000000", true),
        // A small, lying Content-Length frames the body: libcurl stops reading at the announced length.
        ("lying small Content-Length", "/lying?size=2000000&claim=50000", false),
        ("lying Content-Length just over the cap", "/lying?size=2000000&claim=100001", true),
    ]

    @Test(arguments: rows.indices)
    func neverMoreThanTheCapOnDisk(index: Int) async throws {
        let row = Self.rows[index]
        let origin = try await PythonFixtureServer.loopbackOrigin()
        let destination = NSTemporaryDirectory() + "onejob-bomb-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        let fetcher = HTTPSFetcher(transport: HTTPClient(), addressPolicy: AddressPolicy(allowPrivate: true), allowHTTP: true)
        do {
            let bytes = try await fetcher.fetch(origin.url(row.path), to: destination, maxBytes: Self.cap)
            #expect(!row.refused, "\(row.name): fetched \(bytes) bytes")
            #expect(bytes <= Self.cap)
        } catch let error as JobError {
            #expect(row.refused, "\(row.name): \(error)")
            #expect(error.code == .badInput && error.message.contains("\(Self.cap)-byte limit"), "\(error)")
        }
        let onDisk = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int64) ?? 0
        #expect(onDisk <= Self.cap, "\(row.name): \(onDisk) bytes on disk")
        await origin.stop()
    }

    /// A 404 (or redirect) body is read for its message only: a huge one is counted against the cap
    /// but only its first 64 KiB is kept in memory.
    @Test func errorBodiesOfFileDownloadsAreNotBufferedWhole() async throws {
        let origin = try await PythonFixtureServer.loopbackOrigin()
        let destination = NSTemporaryDirectory() + "onejob-bomb-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        let response = try await HTTPClient().execute(
            HTTPRequest(method: "GET", url: origin.url("/bigerror?size=5000000"), responseBody: .file(path: destination)),
            options: HTTPRequestOptions(maxResponseBytes: 10_000_000))
        #expect(response.status == 404)
        #expect(response.bodyByteCount == 5_000_000)
        #expect(response.body.count == 64 * 1024)
        await origin.stop()
    }
}

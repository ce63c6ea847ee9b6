import Foundation
import Testing

@testable import SigV4

/// Opt-in throughput check for file hashing: `SIGV4_BENCH_FILE=/path swift test --filter Throughput`, with
/// `SIGV4_BENCH_SHA256=<hex>` (e.g. from `openssl dgst -sha256`) to verify the digest too and
/// `SIGV4_BENCH_BUFFER=<bytes>` to try other read sizes. Off by default because it needs a large file and a
/// quiet machine to mean anything.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SIGV4_BENCH_FILE"] != nil))
struct SHA256ThroughputTests {
    @Test func hashLargeFile() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["SIGV4_BENCH_FILE"])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let bufferSize = environment["SIGV4_BENCH_BUFFER"].flatMap(Int.init) ?? SHA256.defaultFileBufferSize
        var best = Double.infinity
        var digest: SHA256Digest?
        for _ in 0..<3 {
            let start = ContinuousClock.now
            digest = try SHA256.hash(fileAt: path, bufferSize: bufferSize)
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let megabytesPerSecond = Double(size) / best / 1e6
        print("SHA256.hash(fileAt:) \(size) bytes, buffer \(bufferSize): best \(best) s, \(megabytesPerSecond) MB/s")
        if let expected = environment["SIGV4_BENCH_SHA256"] {
            #expect(digest?.hex == expected)
        }
        #expect(digest != nil)
    }
}

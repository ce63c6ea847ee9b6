import Foundation
import Testing

@testable import HTTPClient

@Suite("Connection reuse and parallel requests")
struct ConnectionTests {
    @Test func sequentialRequestsReuseOneConnection() async throws {
        let client = HTTPClient()
        try await TestServer.with { server in
            var ports: [Int] = []
            for _ in 0..<3 {
                let response = try await client.execute(HTTPRequest(method: "GET", url: server.url("/echo")))
                ports.append(try EchoReport(response.body).port)
            }
            #expect(Set(ports).count == 1, "client ports: \(ports)")
        }
    }

    @Test func eightConcurrentRequestsRunInParallel() async throws {
        let client = HTTPClient()
        try await TestServer.with { server in
            let url = server.url("/echo?delay=1")
            let clock = ContinuousClock()
            let results = try await withThrowingTaskGroup(of: (port: Int, start: ContinuousClock.Instant, end: ContinuousClock.Instant).self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let start = clock.now
                        let response = try await client.execute(
                            HTTPRequest(method: "POST", url: url, body: .bytes(Array("part \(index)".utf8))))
                        #expect(response.status == 200)
                        return (try EchoReport(response.body).port, start, clock.now)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 8)
            #expect(Set(results.map(\.port)).count == 8, "each in-flight request needs its own connection")
            // Overlap, not speed: if the requests ran one after another, some request would start only
            // after another had ended. Every one starts before the first one ends.
            let latestStart = results.map(\.start).max()!
            let earliestEnd = results.map(\.end).min()!
            #expect(latestStart < earliestEnd, "the requests did not run at the same time")
        }
    }
}

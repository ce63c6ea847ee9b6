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
            let start = clock.now
            let ports = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let response = try await client.execute(
                            HTTPRequest(method: "POST", url: url, body: .bytes(Array("part \(index)".utf8))))
                        #expect(response.status == 200)
                        return try EchoReport(response.body).port
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(ports.count == 8)
            #expect(Set(ports).count == 8, "each in-flight request needs its own connection")
            #expect(clock.now - start < .seconds(6), "8 × 1 s would take 8 s if serialised")
        }
    }
}

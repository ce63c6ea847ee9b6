import HTTPClient
import SigV4

/// Multipart upload: Create, parts in parallel, Complete — and Abort on every way out that is not success.
extension S3Client {
    /// Uploads `file` in parts, whatever its size.
    /// - Throws: ``S3Error``; the upload has been aborted when this throws after Create succeeded.
    func putMultipart(
        bucket: String, key: String, file: String, size: Int64, headers: [(String, String)]
    ) async throws -> PutResult {
        let plan = try MultipartPlan(fileSize: size, preferredPartSize: configuration.partSize)
        let digests = try await hashParts(file, plan: plan, bucket: bucket, key: key)
        let uploadId: String
        let createAttempts: Int
        do {
            (uploadId, createAttempts) = try await createMultipartUploadCountingAttempts(
                bucket: bucket, key: key, headers: headers)
        } catch {
            // Any attempt may have created an upload whose id never reached us.
            await abortLostUploads(bucket: bucket, key: key)
            throw error
        }
        do {
            let parts = try await uploadParts(
                bucket: bucket, key: key, file: file, uploadId: uploadId, plan: plan, digests: digests.parts)
            let etag = try await completeMultipartUpload(bucket: bucket, key: key, uploadId: uploadId, parts: parts)
            if createAttempts > 1 { await abortLostUploads(bucket: bucket, key: key) }
            return PutResult(
                bucket: bucket, key: key, etag: PutResult.unquoted(etag), bytes: size, sha256: digests.whole.hex,
                partCount: plan.partCount,
                contentType: Self.value(of: "Content-Type", in: headers) ?? S3ContentType.fallback)
        } catch {
            await abortDetached(bucket: bucket, key: key, uploadId: uploadId)
            if createAttempts > 1 { await abortLostUploads(bucket: bucket, key: key) }
            if let s3Error = error as? S3Error { throw s3Error }
            // Only cancellation reaches here as a non-S3 error (the task group's own CancellationError).
            throw S3Error(
                .cancelled, classification: .cancelled, operation: "UploadPart", bucket: bucket, key: key,
                message: "cancelled: \(error)")
        }
    }

    /// One completed part, as Complete lists it.
    struct CompletedPart: Sendable, Equatable {
        var number: Int
        var etag: String
        var checksumSHA256: String
    }

    private func hashParts(_ file: String, plan: MultipartPlan, bucket: String, key: String) async throws
        -> (whole: SHA256Digest, parts: [SHA256Digest])
    {
        let result: (whole: SHA256Digest, parts: [SHA256Digest])
        do {
            let partSize = Int(plan.partSize)
            result = try await BlockingWork.run("onejob-sha256") { try SHA256.hashParts(fileAt: file, partSize: partSize) }
        } catch {
            throw S3Error(
                .localFile, classification: .localIO, operation: "UploadPart", bucket: bucket, key: key,
                message: "hashing \(file): \(error)")
        }
        guard result.parts.count == plan.partCount else {
            throw S3Error(
                .localFile, classification: .localIO, operation: "UploadPart", bucket: bucket, key: key,
                message: "\(file) changed size while being hashed")
        }
        return result
    }

    func createMultipartUpload(bucket: String, key: String, headers: [(String, String)]) async throws -> String {
        try await createMultipartUploadCountingAttempts(bucket: bucket, key: key, headers: headers).uploadId
    }

    /// Create, also saying how many attempts it took: more than one means an earlier attempt may have
    /// created an upload whose answer was lost.
    private func createMultipartUploadCountingAttempts(
        bucket: String, key: String, headers: [(String, String)]
    ) async throws -> (uploadId: String, attempts: Int) {
        let request = Request(
            operation: "CreateMultipartUpload", method: "POST", bucket: bucket, key: key,
            query: [.init("uploads", "")], headers: headers + [("x-amz-checksum-algorithm", "SHA256")])
        let (response, attempts) = try await sendCountingAttempts(request)
        let text = String(decoding: response.body, as: UTF8.self)
        guard let uploadId = S3XML.value("UploadId", in: text), !uploadId.isEmpty else {
            throw missing("UploadId", in: request).with(attempts: attempts)
        }
        return (uploadId, attempts)
    }

    /// Sends every part, at most ``S3Configuration/concurrency`` at a time; the first failure cancels the rest.
    private func uploadParts(
        bucket: String, key: String, file: String, uploadId: String, plan: MultipartPlan, digests: [SHA256Digest]
    ) async throws -> [CompletedPart] {
        try await withThrowingTaskGroup(of: CompletedPart.self) { group in
            var nextPart = 1
            var completed: [CompletedPart] = []
            completed.reserveCapacity(plan.partCount)
            let width = max(1, min(configuration.concurrency, plan.partCount))
            while nextPart <= width {
                let number = nextPart
                group.addTask {
                    try await self.uploadPart(
                        bucket: bucket, key: key, file: file, uploadId: uploadId, number: number,
                        range: plan.range(ofPart: number), digest: digests[number - 1])
                }
                nextPart += 1
            }
            while let part = try await group.next() {
                completed.append(part)
                if nextPart <= plan.partCount {
                    let number = nextPart
                    group.addTask {
                        try await self.uploadPart(
                            bucket: bucket, key: key, file: file, uploadId: uploadId, number: number,
                            range: plan.range(ofPart: number), digest: digests[number - 1])
                    }
                    nextPart += 1
                }
            }
            return completed.sorted { $0.number < $1.number }
        }
    }

    private func uploadPart(
        bucket: String, key: String, file: String, uploadId: String, number: Int,
        range: (offset: Int64, length: Int64), digest: SHA256Digest
    ) async throws -> CompletedPart {
        let checksum = digest.base64
        let request = Request(
            operation: "UploadPart", method: "PUT", bucket: bucket, key: key,
            query: [.init("partNumber", String(number)), .init("uploadId", uploadId)],
            headers: [("x-amz-checksum-sha256", checksum)],
            body: .file(path: file, offset: range.offset, length: range.length), payload: .sha256(digest))
        let response = try await send(request)
        try verifyEchoedChecksum(response, expected: checksum, request: request)
        guard let etag = response.header("etag") else { throw missing("ETag for part \(number)", in: request) }
        return CompletedPart(number: number, etag: etag, checksumSHA256: checksum)
    }

    /// The CompleteMultipartUpload request body.
    static func completionDocument(_ parts: [CompletedPart]) -> String {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XML.escape(part.etag))</ETag>"
            xml += "<ChecksumSHA256>\(S3XML.escape(part.checksumSHA256))</ChecksumSHA256></Part>"
        }
        return xml + "</CompleteMultipartUpload>"
    }

    private func completeMultipartUpload(
        bucket: String, key: String, uploadId: String, parts: [CompletedPart]
    ) async throws -> String {
        let body = Array(Self.completionDocument(parts).utf8)
        let payload: PayloadHash
        do {
            payload = try PayloadHash.of(body)
        } catch {
            throw S3Error(
                .localFile, classification: .localIO, operation: "CompleteMultipartUpload", bucket: bucket, key: key,
                message: "hashing the completion document: \(error)")
        }
        let request = Request(
            operation: "CompleteMultipartUpload", method: "POST", bucket: bucket, key: key,
            query: [.init("uploadId", uploadId)], headers: [("Content-Type", "application/xml")], body: .bytes(body),
            payload: payload, errorMayHide200: true)
        let response = try await send(request)
        let text = String(decoding: response.body, as: UTF8.self)
        guard let etag = S3XML.value("ETag", in: text) ?? response.header("etag") else {
            throw missing("ETag", in: request)
        }
        return etag
    }

    /// Aborts an upload from a task that is not cancelled, so the abort still goes out when the caller's task
    /// was cancelled; failures are ignored (a lifecycle rule is the backstop), the original error matters more.
    func abortDetached(bucket: String, key: String, uploadId: String) async {
        let request = Request(
            operation: "AbortMultipartUpload", method: "DELETE", bucket: bucket, key: key,
            query: [.init("uploadId", uploadId)])
        let abort = Task.detached { [self] in _ = try? await self.send(request) }
        await abort.value
    }

    /// Aborts every unfinished upload of exactly `key`, from a task that is not cancelled.
    ///
    /// A CreateMultipartUpload whose answer is lost (a reset, a truncated body, a stall) has still
    /// created an upload on the server, and only a listing can find its id: without this it would hold
    /// its parts' storage until a lifecycle rule removes it. Called once this client's own upload of
    /// the key is completed or aborted, so whatever is still listed under the key was started by a lost
    /// attempt — or by a concurrent upload of the same key, which for onejob's job-scoped keys is a
    /// duplicate run of the same job; that run then fails and is retried, the lesser harm than leaking.
    /// Failures are ignored, as for ``abortDetached(bucket:key:uploadId:)``.
    func abortLostUploads(bucket: String, key: String) async {
        let sweep = Task.detached { [self] in
            guard let uploads = try? await listMultipartUploads(bucket: bucket, prefix: key) else { return }
            for upload in uploads where upload.key == key {
                _ = try? await abortMultipartUpload(bucket: bucket, key: key, uploadId: upload.uploadId)
            }
        }
        await sweep.value
    }

    /// Aborts an upload by id (cleanup tools and tests).
    /// - Throws: ``S3Error``.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        _ = try await send(
            Request(
                operation: "AbortMultipartUpload", method: "DELETE", bucket: bucket, key: key,
                query: [.init("uploadId", uploadId)]))
    }
}

import HTTPClient
import SigV4

/// Reading, listing, deleting and presigning.
extension S3Client {
    /// Downloads an object straight to `path` (created or truncated; never held in memory).
    /// - Parameter maxBytes: fail with `.tooLarge` once the body exceeds this; nil means no limit.
    /// - Throws: ``S3Error`` (`.notFound` for a missing key).
    @discardableResult
    public func getObject(bucket: String, key: String, to path: String, maxBytes: Int64? = nil) async throws
        -> ObjectInfo
    {
        var request = Request(operation: "GetObject", method: "GET", bucket: bucket, key: key, sink: .file(path: path))
        request.maxResponseBytes = .some(maxBytes)
        let response = try await send(request)
        return Self.objectInfo(response)
    }

    /// - Throws: ``S3Error`` (`.notFound` for a missing key).
    public func headObject(bucket: String, key: String) async throws -> ObjectInfo {
        let response = try await send(
            Request(
                operation: "HeadObject", method: "HEAD", bucket: bucket, key: key,
                headers: [("x-amz-checksum-mode", "ENABLED")]))
        return Self.objectInfo(response)
    }

    /// - Throws: ``S3Error``. Deleting a missing key succeeds, as in S3.
    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await send(Request(operation: "DeleteObject", method: "DELETE", bucket: bucket, key: key))
    }

    /// Unfinished multipart uploads under `prefix` (first page, up to 1,000).
    /// - Throws: ``S3Error``.
    public func listMultipartUploads(bucket: String, prefix: String = "") async throws -> [MultipartUploadSummary] {
        var query: [SigV4Request.QueryItem] = [.init("uploads", "")]
        if !prefix.isEmpty { query.append(.init("prefix", prefix)) }
        let response = try await send(
            Request(operation: "ListMultipartUploads", method: "GET", bucket: bucket, query: query))
        let text = String(decoding: response.body, as: UTF8.self)
        return S3XML.elements("Upload", in: text).compactMap { upload in
            guard let key = S3XML.value("Key", in: upload), let id = S3XML.value("UploadId", in: upload) else {
                return nil
            }
            return MultipartUploadSummary(key: key, uploadId: id)
        }
    }

    /// A URL anyone can GET the object with until it expires (query-string SigV4, unsigned payload).
    ///
    /// The URL is a bearer secret: callers put it in results, never in logs or error messages.
    /// - Parameter expiresIn: seconds, 1...604,800 (7 days, the SigV4 maximum; temporary credentials may
    ///   stop it working sooner).
    /// - Throws: ``S3Error`` for an out-of-range expiry or unavailable credentials.
    public func presignedGetURL(bucket: String, key: String, expiresIn: Int = SigV4Signer.maximumPresignExpiry)
        async throws -> String
    {
        let request = Request(operation: "PresignGetObject", method: "GET", bucket: bucket, key: key)
        guard (1...SigV4Signer.maximumPresignExpiry).contains(expiresIn) else {
            throw S3Error(
                .invalidArgument, classification: .invalidRequest, operation: request.operation, bucket: bucket,
                key: key, message: "expiry \(expiresIn) s is outside 1...\(SigV4Signer.maximumPresignExpiry) s")
        }
        let credentials = try await currentCredentials(request)
        let location = endpoint.location(bucket: bucket, key: key)
        let signable = SigV4Request(
            method: "GET", path: location.path, pathIsEncoded: false,
            headers: [SigV4Request.Header("Host", location.hostHeader)], payload: .unsigned)
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: "s3", rules: .s3)
        do {
            let presigned = try signer.presign(signable, time: SigningTime(now()), expiresIn: expiresIn)
            return location.url(wirePath: signable.wirePath, encodedQuery: presigned.query)
        } catch {
            throw S3Error(
                .credentials, classification: .credentialsUnavailable, operation: request.operation, bucket: bucket,
                key: key, message: "presigning failed: \(error)")
        }
    }

    static func objectInfo(_ response: HTTPResponse) -> ObjectInfo {
        var metadata: [String: String] = [:]
        for (name, value) in response.headers where name.hasPrefix("x-amz-meta-") {
            metadata[String(name.dropFirst("x-amz-meta-".count))] = value
        }
        let length = response.header("content-length").flatMap { Int64($0) } ?? response.bodyByteCount
        return ObjectInfo(
            contentLength: length, etag: response.header("etag").map(PutResult.unquoted),
            contentType: response.header("content-type"), cacheControl: response.header("cache-control"),
            checksumSHA256: response.header("x-amz-checksum-sha256"), metadata: metadata)
    }
}

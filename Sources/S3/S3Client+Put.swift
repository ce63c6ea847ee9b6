import HTTPClient
import SigV4

extension S3Client {
    /// Uploads a file: a single PUT below ``S3Configuration/multipartThreshold``, multipart at or above it.
    ///
    /// - Parameters:
    ///   - contentType: nil derives it from the key's extension (then the file's).
    ///   - cacheControl: nil uses ``S3Configuration/cacheControl``.
    ///   - metadata: sent as `x-amz-meta-NAME`; names are tokens, values printable ASCII.
    /// - Throws: ``S3Error``. A failed or cancelled multipart upload is aborted before this throws.
    public func uploadFile(
        bucket: String, key: String, file: String, contentType: String? = nil, cacheControl: String? = nil,
        metadata: [String: String] = [:]
    ) async throws -> PutResult {
        try await upload(
            bucket: bucket, key: key, file: file, contentType: contentType, cacheControl: cacheControl,
            metadata: metadata, multipartAllowed: true)
    }

    /// Uploads a file in one PUT, whatever its size (S3 accepts up to 5 GiB).
    ///
    /// The file's SHA-256 is computed first (streamed, never in memory) and sent both as the signed
    /// `x-amz-content-sha256` and as `x-amz-checksum-sha256`, so the store rejects a body that changed on
    /// the way; the body itself streams from disk on every attempt.
    /// - Throws: ``S3Error``.
    public func putObject(
        bucket: String, key: String, file: String, contentType: String? = nil, cacheControl: String? = nil,
        metadata: [String: String] = [:]
    ) async throws -> PutResult {
        try await upload(
            bucket: bucket, key: key, file: file, contentType: contentType, cacheControl: cacheControl,
            metadata: metadata, multipartAllowed: false)
    }

    /// What ``uploadFile`` and ``putObject`` share: the size and headers, then one PUT or multipart.
    private func upload(
        bucket: String, key: String, file: String, contentType: String?, cacheControl: String?,
        metadata: [String: String], multipartAllowed: Bool
    ) async throws -> PutResult {
        let size = try LocalFile.size(file, operation: "PutObject", bucket: bucket, key: key)
        let headers = try objectHeaders(
            bucket: bucket, key: key, file: file, contentType: contentType, cacheControl: cacheControl,
            metadata: metadata)
        if multipartAllowed && size >= configuration.multipartThreshold {
            return try await putMultipart(bucket: bucket, key: key, file: file, size: size, headers: headers)
        }
        return try await putSingle(bucket: bucket, key: key, file: file, size: size, headers: headers)
    }

    /// - Parameter checksumOverride: replaces the base64 checksum header (tests prove the store checks it).
    func putSingle(
        bucket: String, key: String, file: String, size: Int64, headers: [(String, String)],
        checksumOverride: String? = nil
    ) async throws -> PutResult {
        let digest = try await hashFile(file, operation: "PutObject", bucket: bucket, key: key)
        let checksum = checksumOverride ?? digest.base64
        let request = Request(
            operation: "PutObject", method: "PUT", bucket: bucket, key: key,
            headers: headers + [("x-amz-checksum-sha256", checksum)],
            body: .file(path: file, offset: 0, length: size), payload: .sha256(digest))
        let response = try await send(request)
        try verifyEchoedChecksum(response, expected: checksum, request: request)
        guard let etag = response.header("etag") else { throw missing("ETag", in: request) }
        return PutResult(
            bucket: bucket, key: key, etag: PutResult.unquoted(etag), bytes: size, sha256: digest.hex, partCount: 1,
            contentType: Self.value(of: "Content-Type", in: headers) ?? S3ContentType.fallback)
    }

    // MARK: - Shared pieces

    /// Content-Type, Cache-Control and metadata headers, validated.
    func objectHeaders(
        bucket: String, key: String, file: String, contentType: String?, cacheControl: String?,
        metadata: [String: String]
    ) throws -> [(String, String)] {
        var type = contentType ?? S3ContentType.forPath(key)
        if contentType == nil, type == S3ContentType.fallback { type = S3ContentType.forPath(file) }
        var headers: [(String, String)] = [("Content-Type", type)]
        if let cache = cacheControl ?? configuration.cacheControl { headers.append(("Cache-Control", cache)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let lower = name.lowercased()
            guard !lower.isEmpty, lower.utf8.allSatisfy(Self.isMetadataNameByte),
                value.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
            else {
                throw S3Error(
                    .invalidArgument, classification: .invalidRequest, operation: "PutObject", bucket: bucket,
                    key: key, message: "metadata \(name) must be a token with a printable ASCII value")
            }
            headers.append(("x-amz-meta-\(lower)", value))
        }
        for value in headers.map(\.1) where !value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            throw S3Error(
                .invalidArgument, classification: .invalidRequest, operation: "PutObject", bucket: bucket, key: key,
                message: "header value \(value) is not printable ASCII")
        }
        return headers
    }

    func hashFile(_ file: String, operation: String, bucket: String, key: String) async throws -> SHA256Digest {
        do {
            return try await BlockingWork.run("onejob-sha256") { try SHA256.hash(fileAt: file) }
        } catch {
            throw S3Error(
                .localFile, classification: .localIO, operation: operation, bucket: bucket, key: key,
                message: "hashing \(file): \(error)")
        }
    }

    /// Stores that echo `x-amz-checksum-sha256` must echo ours; a different value means the stored bytes
    /// are not the file's.
    func verifyEchoedChecksum(_ response: HTTPResponse, expected: String, request: Request) throws {
        guard let echoed = response.header("x-amz-checksum-sha256"), !echoed.isEmpty else { return }
        guard echoed == expected else {
            throw S3Error(
                .invalidResponse, classification: .transient, operation: request.operation, bucket: request.bucket,
                key: request.key, status: response.status,
                message: "stored checksum \(echoed) differs from the sent \(expected)",
                requestId: response.header("x-amz-request-id"))
        }
    }

    func missing(_ what: String, in request: Request) -> S3Error {
        S3Error(
            .invalidResponse, classification: .transient, operation: request.operation, bucket: request.bucket,
            key: request.key, message: "the answer has no \(what)")
    }

    static func value(of name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    private static func isMetadataNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}

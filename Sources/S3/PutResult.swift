/// What an upload produced: enough for `result.json` (bytes, SHA-256) and for checking the object later.
public struct PutResult: Sendable, Equatable {
    public let bucket: String
    public let key: String
    /// The ETag without its surrounding quotes (for multipart uploads, S3's `md5-of-md5s-N` form).
    public let etag: String
    public let bytes: Int64
    /// Lowercase hex SHA-256 of the whole file, computed before sending.
    public let sha256: String
    /// 1 for a single PUT.
    public let partCount: Int
    public let contentType: String

    public init(
        bucket: String, key: String, etag: String, bytes: Int64, sha256: String, partCount: Int, contentType: String
    ) {
        self.bucket = bucket
        self.key = key
        self.etag = etag
        self.bytes = bytes
        self.sha256 = sha256
        self.partCount = partCount
        self.contentType = contentType
    }

    static func unquoted(_ etag: String) -> String {
        var text = Substring(etag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        return String(text)
    }
}

/// What HEAD (or a GET) says about an object.
public struct ObjectInfo: Sendable, Equatable {
    public let contentLength: Int64
    public let etag: String?
    public let contentType: String?
    public let cacheControl: String?
    /// `x-amz-checksum-sha256` when the store returns it (base64).
    public let checksumSHA256: String?
    /// `x-amz-meta-*` entries, names lower-cased without the prefix.
    public let metadata: [String: String]

    public init(
        contentLength: Int64, etag: String?, contentType: String?, cacheControl: String?, checksumSHA256: String?,
        metadata: [String: String]
    ) {
        self.contentLength = contentLength
        self.etag = etag
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.checksumSHA256 = checksumSHA256
        self.metadata = metadata
    }
}

/// One unfinished multipart upload, as ListMultipartUploads reports it.
public struct MultipartUploadSummary: Sendable, Equatable {
    public let key: String
    public let uploadId: String

    public init(key: String, uploadId: String) {
        self.key = key
        self.uploadId = uploadId
    }
}

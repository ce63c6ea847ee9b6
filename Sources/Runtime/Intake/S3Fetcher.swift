import S3

/// Fetches `s3://bucket/key` inputs and job documents with the signed client.
public struct S3Fetcher: InputFetching {
    public let client: S3Client

    public init(client: S3Client) {
        self.client = client
    }

    public func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        guard let parsed = ParsedURL(url), parsed.scheme == "s3", !parsed.host.isEmpty else {
            throw JobError.invalidJob("\(url) is not an s3://bucket/key URL")
        }
        let key = String(parsed.path.dropFirst())
        guard !key.isEmpty, let decoded = key.removingPercentEncoding else {
            throw JobError.invalidJob("\(url) names no object key")
        }
        do {
            return try await client.getObject(bucket: parsed.host, key: decoded, to: destination, maxBytes: maxBytes).contentLength
        } catch let error as S3Error where error.classification == .notFound {
            throw JobError.badInput("\(url) does not exist")
        }
    }
}

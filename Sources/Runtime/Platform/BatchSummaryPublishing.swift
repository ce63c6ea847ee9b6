import Foundation
import S3

/// Where a batch task's `batch-<index>.json` goes besides the local file: a container's disk is gone when
/// the task ends, so with outputs in S3 the summary must be there too, next to the jobs' folders.
public protocol BatchSummaryPublishing: Sendable {
    /// Stores the summary file as `name` and returns where it went (a URL for logs and reports).
    func publish(file: String, name: String) async throws -> String
}

/// Publishes the summary under the S3 output base (`s3://bucket/base/batch-<index>.json`).
public struct S3BatchSummaryPublisher: BatchSummaryPublishing {
    public var s3: S3Client
    public var bucket: String
    /// The output base, empty or ending in `/`.
    public var prefix: String

    public init(s3: S3Client, bucket: String, prefix: String) {
        self.s3 = s3
        self.bucket = bucket
        self.prefix = prefix
    }

    public func publish(file: String, name: String) async throws -> String {
        let key = prefix + name
        _ = try await s3.putObject(bucket: bucket, key: key, file: file, contentType: "application/json")
        return "s3://\(bucket)/\(key)"
    }

    /// The S3 base an `output` setting names, without the per-job folder: `s3://b/p` → (`b`, `p/`);
    /// `s3://b/p/{id}/x` → (`b`, `p/`), the part before the template. Nil for local outputs.
    public static func base(ofOutput output: String?) -> (bucket: String, prefix: String)? {
        guard let output, output.lowercased().hasPrefix("s3://") else { return nil }
        // A template's base is the folder holding its `{id}` part.
        let base = output.range(of: "{id}").map { template in
            let head = output[..<template.lowerBound]
            return String(head[...(head.lastIndex(of: "/") ?? head.startIndex)])
        } ?? output
        guard case .s3(let bucket, let prefix)? = try? OutputLocation.resolve(base, id: "x", workingDirectory: "/")
        else { return nil }
        return (bucket, String(prefix.dropLast("x/".count)))
    }
}

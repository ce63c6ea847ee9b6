import Foundation
import S3

/// Probes both kinds of output: local folders as ``LocalCompletedJobProbe`` does, and S3 prefixes by
/// reading `<prefix>result.json` (a small GET; any failure counts as "not done", so the job runs again).
public struct StoredResultProbe: CompletedJobProbe {
    public var s3: S3Client?
    public var scratchDirectory: String

    public init(s3: S3Client?, scratchDirectory: String = NSTemporaryDirectory()) {
        self.s3 = s3
        self.scratchDirectory = scratchDirectory
    }

    public func hasSucceeded(id: String, at location: OutputLocation) async -> Bool {
        switch location {
        case .local:
            return await LocalCompletedJobProbe().hasSucceeded(id: id, at: location)
        case .s3(let bucket, let prefix):
            guard let s3 else { return false }
            let path = scratchDirectory + "/onejob-probe-\(UUID().uuidString).json"
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard (try? await s3.getObject(bucket: bucket, key: prefix + "result.json", to: path, maxBytes: 1 << 20)) != nil,
                let data = FileManager.default.contents(atPath: path), let result = try? JSONParser.parse(Array(data))
            else { return false }
            return LocalCompletedJobProbe.succeeded(result, id: id)
        }
    }
}

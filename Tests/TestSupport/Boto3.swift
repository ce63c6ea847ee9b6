import Foundation

/// An independent S3 client (boto3, with its own signer) to check what onejob's client stored.
public enum Boto3 {
    public struct ObjectSummary: Decodable {
        public var sha256: String
        public var length: Int64
        public var contentType: String
        public var metadata: [String: String]
        public var cacheControl: String?
    }

    private static let script = """
        import sys, json, hashlib, os, boto3
        from botocore.config import Config
        s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL_S3"],
            region_name=os.environ.get("AWS_REGION", "us-east-1"),
            config=Config(s3={"addressing_style": "path"}))
        r = s3.get_object(Bucket=sys.argv[1], Key=sys.argv[2])
        h = hashlib.sha256(); n = 0
        for chunk in r["Body"].iter_chunks(1 << 20):
            h.update(chunk); n += len(chunk)
        print(json.dumps({"sha256": h.hexdigest(), "length": n, "contentType": r.get("ContentType", ""),
            "metadata": r.get("Metadata", {}), "cacheControl": r.get("CacheControl")}))
        """

    public static func get(server: S3TestServer, key: String) async throws -> ObjectSummary {
        let result = try await ExternalProcess.run(
            "/usr/bin/env", ["python3", "-c", script, server.bucket, key], environment: server.environment)
        guard result.status == 0 else { throw TestFailure("boto3 get \(key) failed: \(result.stderr)") }
        return try JSONDecoder().decode(ObjectSummary.self, from: Data(result.stdout.utf8))
    }
}

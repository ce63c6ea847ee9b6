import Foundation
import TestSupport

/// A cheap real job for the fault tests: the real `onejob` binary runs a `text-mesh` job whose Blender
/// is a stand-in script copying a prepared file to the output path, so a case costs a process start
/// instead of a Blender run, while intake, fetching, uploading, `result.json` and exit codes are all real.
struct FaultJob {
    /// The shapes of the matrix: which requests a job makes.
    enum Shape: String, Sendable, CaseIterable {
        /// DELETE result.json, PUT text.stl, PUT result.json.
        case single
        /// DELETE result.json, Create, UploadPart 1–3, Complete, PUT result.json.
        case multipart
        /// GET logo.svg (an `s3://` input), then as `single`.
        case input
    }

    static let id = "fj"
    static let smallSize = 64 * 1024
    /// Three parts with 5 MiB parts and an 8 MiB threshold: 5 MiB, 5 MiB, 1 KiB.
    static let multipartSize = 10 * 1024 * 1024 + 1024
    static let multipartSettings = ["ONEJOB_S3_MULTIPART_THRESHOLD": "8M", "ONEJOB_S3_PART_SIZE": "5M"]

    /// The files and stand-in tools shared by every case of one test run.
    struct Fixtures: Sendable {
        var small: (path: String, sha256: String)
        var large: (path: String, sha256: String)
        var smallTool: String
        var largeTool: String
        /// `s3://bucket/key` of the SVG logo the `input` shape downloads.
        var logoURL: String
        var directory: String

        func source(_ shape: Shape) -> (path: String, sha256: String) { shape == .multipart ? large : small }
        func tool(_ shape: Shape) -> String { shape == .multipart ? largeTool : smallTool }
    }

    /// Writes the files, the stand-in tools and the input logo (straight to the store, not through a proxy).
    static func fixtures(server: S3TestServer, prefix: String) async throws -> Fixtures {
        let directory = try BuiltBinary.temporaryDirectory()
        let small = try TestFiles.random(size: smallSize)
        let large = try TestFiles.random(size: multipartSize)
        let logo = directory + "/logo.svg"
        let padding = String(repeating: "onejob fault test padding ", count: 8 * 1024)
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!-- \(padding) -->
            <rect width="10" height="10"/></svg>
            """
        try Data(svg.utf8).write(to: URL(fileURLWithPath: logo))
        let logoKey = prefix + "inputs/logo.svg"
        _ = try await server.client().putObject(bucket: server.bucket, key: logoKey, file: logo)
        return Fixtures(
            small: small, large: large,
            smallTool: try standInBlender(copying: small.path, in: directory, name: "blender-small"),
            largeTool: try standInBlender(copying: large.path, in: directory, name: "blender-large"),
            logoURL: "s3://\(server.bucket)/\(logoKey)", directory: directory)
    }

    /// A Blender stand-in: prints a banner, records its pid in `tool.pid` next to the scratch folder
    /// (`ONEJOB_SCRATCH_DIR/../tool.pid`), copies `source` to the output path the job asked for and
    /// writes the facts `text_mesh.py` would.
    static func standInBlender(copying source: String, in directory: String, name: String) throws -> String {
        let path = directory + "/" + name
        let script = """
            #!/usr/bin/env python3
            import json, os, shutil, sys
            args = sys.argv[sys.argv.index("--") + 1:]
            params = json.load(open(args[0]))
            print("Blender 3.4.1 (stand-in)", flush=True)
            with open(os.path.join(os.path.dirname(args[0]), "..", "..", "..", "tool.pid"), "w") as f:
                f.write("%d\\n" % os.getpid())
            shutil.copyfile(\(String(reflecting: source)), params["outputPath"])
            with open(args[-1], "w") as f:
                json.dump({"triangles": 12, "boundsMm": {"x": 1, "y": 1, "z": 1}, "manifold": True}, f)
            """
        try ExecutableScript.write(script, to: path)
        return path
    }

    /// The job document of `shape`, with a deadline when given.
    static func document(_ shape: Shape, fixtures: Fixtures, timeoutSeconds: Int? = nil) -> String {
        let deadline = timeoutSeconds.map { #","timeoutSeconds":\#($0)"# } ?? ""
        switch shape {
        case .single, .multipart:
            return #"{"kind":"text-mesh","id":"\#(id)","params":{"text":"x","preview":false}\#(deadline)}"#
        case .input:
            let inputs = #""inputs":{"logo":"\#(fixtures.logoURL)"}"#
            return #"{"kind":"text-mesh","id":"\#(id)","params":{"preview":false},\#(inputs)\#(deadline)}"#
        }
    }

    /// The environment of a case: the store behind `endpoint`, 2 attempts, a 2 s stall window, the
    /// stand-in tool, and a scratch folder the test can inspect.
    static func environment(
        server: S3TestServer, endpoint: String, shape: Shape, fixtures: Fixtures, scratch: String,
        lowSpeedSeconds: Int = 2, timeoutSeconds: Int? = nil
    ) -> [String: String] {
        var environment = server.environment
        environment["AWS_ENDPOINT_URL_S3"] = endpoint
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["ONEJOB_S3_MAX_ATTEMPTS"] = "2"
        environment["ONEJOB_S3_LOW_SPEED_SECONDS"] = String(lowSpeedSeconds)
        environment["ONEJOB_BLENDER"] = fixtures.tool(shape)
        environment["ONEJOB_SCRATCH_DIR"] = scratch
        environment["ONEJOB_JOB"] = document(shape, fixtures: fixtures, timeoutSeconds: timeoutSeconds)
        environment.merge(multipartSettings) { _, new in new }
        return environment
    }
}

import Foundation
import Logging
import Runtime

/// The `text-mesh` job kind: extruded 3-D text from a font, as STL, OBJ, PLY, FBX or GLB.
///
/// Geometry happens in Blender (`blender/text_mesh.py`, whose doc comment holds the measuring rules:
/// cap height measured on a capital "H", Z extent = depth, minimum corner at the origin, 1 unit = 1 mm
/// except glTF in metres). This type validates, writes the script's parameter file, runs Blender
/// through ``JobContext/runner`` and turns what came back into a ``JobOutcome`` or a ``JobError``.
public struct TextMeshHandler: JobHandler {
    public static let kind = "text-mesh"
    /// Output object name stem; the extension follows the format (`text.stl`).
    public static let outputStem = "text"

    public init() {}

    public var kind: String { Self.kind }

    /// No inputs yet. An SVG `logo` input will go here (`InputSpec(name: "logo", required: false)`),
    /// with `text` becoming optional when a logo is given.
    public var inputs: [InputSpec] { [] }

    public var paramsSchema: JSONValue { TextMeshParams.schema }

    public func normalize(params: JSONValue) throws -> JSONValue {
        try TextMeshParams(validating: params).json
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let params = try TextMeshParams(validating: context.job.params)
        try Self.checkFont(params.font)
        let blender = try context.tools.locate(
            "blender", override: "ONEJOB_BLENDER", installHint: "install it with: apt-get install blender")
        let script = try BlenderScript.textMesh.path()

        let work = context.scratchDirectory.appendingPathComponent("text-mesh", isDirectory: true)
        let paramsFile = work.appendingPathComponent("params.json")
        let resultFile = work.appendingPathComponent("result.json")
        let output = context.outputDirectory.appendingPathComponent(
            "\(Self.outputStem).\(params.format.fileExtension)")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: context.outputDirectory, withIntermediateDirectories: true)
            let scriptParams = params.json.setting("outputPath", to: .string(output.path))
            try Data(scriptParams.prettyText().utf8).write(to: paramsFile)
        } catch {
            throw JobError.toolFailed("could not prepare the Blender run in \(work.path): \(error)")
        }

        let command = BlenderCommand(
            executable: blender, script: script, scriptArguments: [paramsFile.path, resultFile.path])
        let progress = context.progress
        let result = try await context.runner.run(
            command.toolCommand(
                environment: context.environment.scrubbedForTool(home: context.scratchDirectory.path),
                workingDirectory: work.path,
                onLine: { stream, line in
                    if stream == .stdout, let percent = BlenderOutput.progress(inLine: line) { progress(percent) }
                }))

        context.logger.info(
            "blender finished",
            metadata: ["termination": "\(result.termination)", "duration": "\(result.duration)"])
        guard result.succeeded else { throw BlenderOutput.failure(of: result) }
        guard let resultBytes = FileManager.default.contents(atPath: resultFile.path) else {
            throw JobError.toolFailed("blender exited 0 but text_mesh.py wrote no result: \(BlenderOutput.tail(result.stderr))")
        }
        let facts = try TextMeshFacts(resultJSON: Array(resultBytes))
        guard FileManager.default.fileExists(atPath: output.path) else {
            throw JobError.toolFailed("blender exited 0 but wrote no \(output.lastPathComponent)")
        }
        return JobOutcome(
            files: [OutputFile(name: output.lastPathComponent, localURL: output, contentType: params.format.contentType)],
            metrics: facts.metrics,
            tool: ToolInfo(name: "blender", version: BlenderOutput.version(fromStdout: result.stdout) ?? "unknown"))
    }

    /// A missing font is the job's fault (exit 65), found before paying for a Blender start.
    static func checkFont(_ path: String) throws(JobError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw JobError.badInput("font \(path) does not exist")
        }
    }
}

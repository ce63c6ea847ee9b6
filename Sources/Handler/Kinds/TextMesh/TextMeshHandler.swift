import Foundation
import Logging
import Runtime

/// The `text-mesh` job kind: extruded 3-D text from a font, or an extruded SVG logo, as STL, OBJ,
/// PLY, FBX or GLB, with a PNG preview.
///
/// Geometry happens in Blender (`blender/text_mesh.py`, whose doc comment holds the measuring rules:
/// cap height measured on a capital "H", Z extent = depth, minimum corner at the origin, 1 unit = 1 mm
/// except glTF in metres). This type validates, writes the script's parameter file, runs Blender
/// through ``JobContext/runner`` and turns what came back into a ``JobOutcome`` or a ``JobError``.
public struct TextMeshHandler: JobHandler {
    public static let kind = "text-mesh"
    /// Output object name stem; the extension follows the format (`text.stl`).
    public static let outputStem = "text"
    public static let previewName = "preview.png"
    /// Exactly one of `text` and the `logo` input; a bevel only for text (an SVG's curves have no
    /// cap height to bound it).
    static func checkShape(_ params: TextMeshParams, hasLogo: Bool) throws(JobError) {
        switch (params.text, hasLogo) {
        case (nil, false): throw .invalidJob("give params.text or the input logo", path: "params.text")
        case (_?, true): throw .invalidJob("give params.text or the input logo, not both", path: "params.text")
        case (nil, true) where params.bevel != 0:
            throw .invalidJob("bevel applies to text only, not to a logo", path: "params.bevel")
        default: break
        }
    }

    /// SVG logos larger than this are refused (65): a logo is a few KB; the importer is slow on huge files.
    public static let maxLogoBytes = 4 << 20

    public init() {}

    public var kind: String { Self.kind }

    /// An SVG `logo` to extrude instead of `text`; exactly one of the two (checked in ``run(_:)``).
    public var inputs: [InputSpec] { [InputSpec(name: "logo", required: false)] }

    public var paramsSchema: JSONValue { TextMeshParams.schema }

    public func normalize(params: JSONValue) throws -> JSONValue {
        try TextMeshParams(validating: params).json
    }

    public func validate(_ job: Job) throws {
        try Self.checkShape(try TextMeshParams(validating: job.params), hasLogo: job.inputs["logo"] != nil)
    }

    /// ``checkShape(_:hasLogo:)`` in JSON Schema.
    public var jobRules: [JSONValue] {
        let hasLogo: JSONValue = .object([
            "required": .array([.string("inputs")]),
            "properties": .object(["inputs": .object(["required": .array([.string("logo")])])]),
        ])
        let hasText: JSONValue = .object([
            "required": .array([.string("params")]),
            "properties": .object(["params": .object(["required": .array([.string("text")])])]),
        ])
        return [
            .object(["oneOf": .array([hasText, hasLogo])]),
            .object([
                "if": hasLogo,
                "then": .object([
                    "properties": .object(["params": .object(["properties": .object(["bevel": .object(["const": .number(0)])])])])
                ]),
            ]),
        ]
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let params = try TextMeshParams(validating: context.job.params)
        let logo = context.inputFiles["logo"]
        try Self.checkShape(params, hasLogo: logo != nil)
        if let logo { try Self.checkLogo(logo.path) } else { try Self.checkFont(params.font) }
        let blender = try BlenderRun(.textMesh, workFolder: "text-mesh", context: context)
        let output = context.outputDirectory.appendingPathComponent(
            "\(Self.outputStem).\(params.format.fileExtension)")
        let preview = context.outputDirectory.appendingPathComponent(Self.previewName)
        let scriptParams = params.json
            .setting("text", to: params.text.map(JSONValue.string) ?? .null)
            .setting("logoPath", to: logo.map { .string($0.path) } ?? .null)
            .setting("previewPath", to: params.preview ? .string(preview.path) : .null)
            .setting("outputPath", to: .string(output.path))
        try blender.prepare(params: scriptParams, context: context)
        let finished = try await blender.run(context: context)
        let facts = try TextMeshFacts(resultJSON: finished.resultJSON)
        guard FileManager.default.fileExists(atPath: output.path) else {
            throw JobError.toolFailed("blender exited 0 but wrote no \(output.lastPathComponent)")
        }
        var files = [OutputFile(name: output.lastPathComponent, localURL: output, contentType: params.format.contentType)]
        if params.preview {
            guard FileManager.default.fileExists(atPath: preview.path) else {
                throw JobError.toolFailed("blender exited 0 but rendered no \(Self.previewName)")
            }
            files.append(OutputFile(name: Self.previewName, localURL: preview, contentType: "image/png"))
        }
        return JobOutcome(
            files: files,
            metrics: facts.metrics,
            tool: finished.tool)
    }

    /// A logo must look like SVG and be of logo size; found before paying for a Blender start.
    static func checkLogo(_ path: String) throws(JobError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int
        else { throw JobError.badInput("the logo could not be read") }
        guard size <= maxLogoBytes else {
            throw JobError.badInput("the logo is \(size) bytes, more than \(maxLogoBytes)")
        }
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 4096)) ?? nil
        let text = String(decoding: head ?? Data(), as: UTF8.self)
        guard text.contains("<svg") else {
            throw JobError.badInput("the logo is not an SVG file (no <svg element near its start)")
        }
    }

    /// A missing font is the job's fault (exit 65), found before paying for a Blender start.
    static func checkFont(_ path: String) throws(JobError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw JobError.badInput("font \(path) does not exist")
        }
    }
}

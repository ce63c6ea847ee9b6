import Foundation
import Logging
import Runtime

/// The `ldraw-svg` job kind: an LDraw part as a clean SVG line drawing with hidden lines removed.
///
/// Everything that can fail because of the job happens in Swift before Blender starts: the part and
/// every subfile are found (case-insensitively) and flattened by ``LDrawResolver``, so an unknown part
/// or a missing subfile is exit 65 naming the file at no Blender cost, and the camera is fitted here
/// (``LDrawCamera``). Blender gets a flat geometry file and does what it is good at: a BVH of the
/// faces to ray-cast every edge against (`blender/ldraw_svg.py`), then the SVG and a PNG preview.
public struct LDrawSVGHandler: JobHandler {
    public static let kind = "ldraw-svg"

    public init() {}

    public var kind: String { Self.kind }
    public var inputs: [InputSpec] { [] }
    public var paramsSchema: JSONValue { LDrawSVGParams.schema }

    public func normalize(params: JSONValue) throws -> JSONValue {
        try LDrawSVGParams(validating: params).json
    }

    /// The part flattened and the view fitted: everything Blender needs, computed without Blender.
    struct Prepared {
        var geometry: LDrawGeometry
        var camera: LDrawCamera
        var unknownColors: [Int]
    }

    /// Finds, reads and flattens the part for `params` from the library in `environment`.
    /// - Throws: ``JobError`` `.toolMissing` without a library, `.badInput` for the part's problems.
    static func prepare(_ params: LDrawSVGParams, environment: Environment) throws(JobError) -> Prepared {
        let library = try LDrawLibrary(root: URL(fileURLWithPath: LDrawLibrary.rootPath(in: environment)))
        let resolver = LDrawResolver(library: library, colors: try library.colorTable())
        let geometry = try resolver.resolve(part: params.part, color: params.color)
        guard geometry.triangleCount + geometry.edgeCount + geometry.optionalCount > 0 else {
            throw JobError.badInput("part \(params.part) has nothing to draw (no lines or faces)")
        }
        let camera = LDrawCamera(
            latitude: params.latitude, longitude: params.longitude, points: geometry.allPoints,
            size: Double(params.size), thickness: params.thickness)
        return Prepared(geometry: geometry, camera: camera, unknownColors: resolver.unknownColors.sorted())
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let params = try LDrawSVGParams(validating: context.job.params)
        let started = ContinuousClock.now
        let prepared = try Self.prepare(params, environment: context.environment)
        let resolveSeconds = (ContinuousClock.now - started).seconds
        context.logger.info(
            "part resolved",
            metadata: [
                "files": "\(prepared.geometry.filesRead)", "triangles": "\(prepared.geometry.triangleCount)",
                "edges": "\(prepared.geometry.edgeCount)", "seconds": "\(resolveSeconds)",
            ])

        let blender = try BlenderRun(.ldrawSVG, workFolder: "ldraw-svg", context: context)
        let geometryFile = blender.work.appendingPathComponent("geometry.json")
        let svg = context.outputDirectory.appendingPathComponent("\(params.stem).svg")
        let png = context.outputDirectory.appendingPathComponent("\(params.stem).png")
        try blender.prepare(
            params: Self.scriptParams(params, camera: prepared.camera, svg: svg, png: png),
            extraFiles: [(geometryFile, prepared.geometry.jsonBytes())], context: context)
        let finished = try await blender.run(inputs: [geometryFile], context: context)
        let facts = try LDrawSVGFacts(resultJSON: finished.resultJSON)
        for output in [svg, png] where !FileManager.default.fileExists(atPath: output.path) {
            throw JobError.toolFailed("blender exited 0 but wrote no \(output.lastPathComponent)")
        }
        return JobOutcome(
            files: [
                OutputFile(name: svg.lastPathComponent, localURL: svg, contentType: "image/svg+xml"),
                OutputFile(name: png.lastPathComponent, localURL: png, contentType: "image/png"),
            ],
            metrics: facts.metrics(geometry: prepared.geometry, resolveSeconds: resolveSeconds,
                                   unknownColors: prepared.unknownColors),
            tool: finished.tool)
    }

    /// The parameter file for `ldraw_svg.py`: drawing options, output paths and the fitted camera.
    static func scriptParams(_ params: LDrawSVGParams, camera: LDrawCamera, svg: URL, png: URL) -> JSONValue {
        func vector(_ v: LDrawVector) -> JSONValue { .array([.number(v.x), .number(v.y), .number(v.z)]) }
        return .object([
            "thickness": .number(params.thickness),
            "fill": .string(params.fill.rawValue),
            "background": .string(params.background),
            "svgPath": .string(svg.path),
            "pngPath": .string(png.path),
            "camera": .object([
                "right": vector(camera.right), "up": vector(camera.up), "toViewer": vector(camera.toViewer),
                "scale": .number(camera.scale), "minX": .number(camera.minX), "maxY": .number(camera.maxY),
                "margin": .number(camera.margin), "width": .number(camera.width), "height": .number(camera.height),
            ]),
        ])
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

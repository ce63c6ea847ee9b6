import Foundation
import Logging
import Runtime

/// The `art-print` job kind: a photo restyled and sized for print, as a 300-dpi TIFF and a JPEG preview.
///
/// The photo's header is read here, in Swift, before Blender starts: a decompression bomb (a tiny
/// PNG declaring 30000×30000 pixels) is refused with exit 65 without allocating anything, and the
/// header's aspect decides `orientation: auto`. Blender's compositor (`blender/art_print.py`) does
/// the pixels; afterwards the TIFF's resolution tags are patched to the dpi (Blender writes 72)
/// and both outputs are checked against the promised sizes.
public struct ArtPrintHandler: JobHandler {
    public static let kind = "art-print"
    public static let tiffName = "print.tiff"
    public static let previewName = "preview.jpg"

    public init() {}

    public var kind: String { Self.kind }
    public var inputs: [InputSpec] { [InputSpec(name: "image", required: true)] }
    public var paramsSchema: JSONValue { ArtPrintParams.schema }

    public func normalize(params: JSONValue) throws -> JSONValue {
        try ArtPrintParams(validating: params).normalized
    }

    /// The photo's header, refused when unreadable or over the pixel cap.
    /// - Throws: ``JobError`` `.badInput` (65).
    public static func checkPhoto(at path: String, maxPixels: Int) throws(JobError) -> ImageHeader {
        let header: ImageHeader
        do {
            header = try ImageHeader.read(path: path)
        } catch {
            throw error.jobError
        }
        guard header.pixels <= maxPixels else {
            throw .badInput(
                "the image is \(header.width)×\(header.height) = \(header.pixels) pixels, more than maxPixels \(maxPixels)")
        }
        return header
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let params = try ArtPrintParams(validating: context.job.params)
        guard let photo = context.inputFiles["image"] else {
            throw JobError.invalidJob("inputs.image is required for art-print", path: "inputs.image")
        }
        let header = try Self.checkPhoto(at: photo.path, maxPixels: params.maxPixels)
        let size = params.pixelSize(photoWidth: header.width, photoHeight: header.height)
        let blender = try BlenderRun(.artPrint, workFolder: "art-print", context: context)
        let tiff = context.outputDirectory.appendingPathComponent(Self.tiffName)
        let preview = context.outputDirectory.appendingPathComponent(Self.previewName)
        let scriptParams: JSONValue = .object([
            "inputPath": .string(photo.path),
            "style": .string(params.style.rawValue),
            "widthPx": .number(Double(size.width)),
            "heightPx": .number(Double(size.height)),
            "fit": .string(params.fit.rawValue),
            "padColor": .array((ArtPrintParams.rgb(hex: params.padColor) ?? [1, 1, 1]).map(JSONValue.number)),
            "smoothPath": .string(blender.work.appendingPathComponent("smooth.png").path),
            "tiffPath": .string(tiff.path),
            "previewPath": .string(preview.path),
            "previewEdge": .number(Double(ArtPrintParams.previewEdge)),
            "previewQuality": .number(Double(ArtPrintParams.previewQuality)),
        ])
        try blender.prepare(params: scriptParams, context: context)
        let finished = try await blender.run(context: context)
        guard let facts = try? JSONParser.parse(finished.resultJSON) else { throw finished.unusableResult }

        try Self.finishTIFF(at: tiff.path, width: size.width, height: size.height, dpi: params.dpi)
        let previewSize = try Self.checkPreview(at: preview.path, width: size.width, height: size.height)
        let metrics: JSONValue = .object([
            "style": .string(params.style.rawValue),
            "preset": params.preset.map(JSONValue.string) ?? .null,
            "widthInches": .number(Double(size.width) / Double(params.dpi)),
            "heightInches": .number(Double(size.height) / Double(params.dpi)),
            "dpi": .number(Double(params.dpi)),
            "widthPx": .number(Double(size.width)),
            "heightPx": .number(Double(size.height)),
            "previewWidthPx": .number(Double(previewSize.width)),
            "previewHeightPx": .number(Double(previewSize.height)),
            "sourceWidthPx": .number(Double(header.width)),
            "sourceHeightPx": .number(Double(header.height)),
            "blenderSeconds": facts["seconds"] ?? .null,
        ])
        return JobOutcome(
            files: [
                OutputFile(name: Self.tiffName, localURL: tiff, contentType: "image/tiff"),
                OutputFile(name: Self.previewName, localURL: preview, contentType: "image/jpeg"),
            ],
            metrics: metrics,
            tool: finished.tool)
    }

    /// Checks the TIFF's pixel size, then writes the dpi into its resolution tags.
    /// - Throws: ``JobError`` `.toolFailed`: a wrong or missing TIFF is Blender's failure, not the job's.
    static func finishTIFF(at path: String, width: Int, height: Int, dpi: Int) throws(JobError) {
        do {
            let header = try ImageHeader.read(path: path)
            guard header.format == .tiff, header.width == width, header.height == height else {
                throw JobError.toolFailed(
                    "blender wrote a \(header.width)×\(header.height) \(header.format), expected a \(width)×\(height) TIFF")
            }
            try TIFFResolutionPatcher.patch(path: path, dpi: dpi)
        } catch let error as ImageHeaderError {
            throw .toolFailed("blender's \(tiffName) is unusable: \(error.jobError.message)")
        } catch let error as JobError {
            throw error
        } catch {
            throw .toolFailed("\(error)")
        }
    }

    /// Checks that the preview is a JPEG whose long edge is ``ArtPrintParams/previewEdge``.
    static func checkPreview(at path: String, width: Int, height: Int) throws(JobError) -> (width: Int, height: Int) {
        let header: ImageHeader
        do {
            header = try ImageHeader.read(path: path)
        } catch {
            throw .toolFailed("blender's \(previewName) is unusable: \(error.jobError.message)")
        }
        guard header.format == .jpeg, max(header.width, header.height) == ArtPrintParams.previewEdge,
            (header.width >= header.height) == (width >= height)
        else {
            throw .toolFailed("blender wrote a \(header.width)×\(header.height) \(header.format) preview")
        }
        return (header.width, header.height)
    }
}

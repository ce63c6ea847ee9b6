import Runtime

/// The validated parameters of an `art-print` job.
///
/// The print size is a preset or explicit inches (not both); with neither it is the smallest
/// preset. Limits bound the work a job can ask for: the output is at most ``maxOutputPixels``
/// (a 24x36 at 300 dpi is 78 MP and peaks near 4.5 GB in Blender), the input at most `maxPixels`.
public struct ArtPrintParams: Sendable, Equatable {
    public static let dpiRange = 72...600
    public static let inchesRange = 1.0...60.0
    public static let defaultPreset = "9x12"
    public static let defaultMaxPixels = 100_000_000
    public static let maxPixelsRange = 1...defaultMaxPixels
    public static let maxOutputPixels = 100_000_000
    public static let previewEdge = 1200
    public static let previewQuality = 85

    public var style: ArtPrintStyle
    /// The preset's name, or `nil` when the size was given in inches.
    public var preset: String?
    /// The short and long side in inches, whichever way up the print ends.
    public var shortInches: Double
    public var longInches: Double
    public var dpi: Int
    public var orientation: PrintOrientation
    public var fit: PrintFit
    /// `#RRGGBB`.
    public var padColor: String
    /// Photos with more pixels than this (from their header) are refused before Blender starts.
    public var maxPixels: Int

    /// - Throws: ``JobError`` `.invalidJob` naming the offending `params.…` path.
    public init(validating params: JSONValue) throws(JobError) {
        var reader = try ParamReader(params == .null ? .object([]) : params, path: "params")
        style = ArtPrintStyle(
            rawValue: try reader.string("style", default: "none", allowed: ArtPrintStyle.allCases.map(\.rawValue)) ?? "")
            ?? .none
        let presetName = try reader.string("preset", optional: true, allowed: PrintPreset.all.map(\.name))
        let width = try reader.number("widthInches", optional: true, range: Self.inchesRange)
        let height = try reader.number("heightInches", optional: true, range: Self.inchesRange)
        switch (presetName, width, height) {
        case (let name?, nil, nil):
            let preset = PrintPreset.named(name) ?? PrintPreset.all[0]
            self.preset = preset.name
            (shortInches, longInches) = (preset.shortInches, preset.longInches)
        case (nil, let width?, let height?):
            preset = nil
            (shortInches, longInches) = (min(width, height), max(width, height))
        case (nil, nil, nil):
            let preset = PrintPreset.named(Self.defaultPreset) ?? PrintPreset.all[0]
            self.preset = preset.name
            (shortInches, longInches) = (preset.shortInches, preset.longInches)
            reader.set("preset", .string(preset.name))
        case (_?, _, _):
            throw .invalidJob("give either preset or widthInches and heightInches, not both", path: "params.preset")
        case (nil, nil, _?):
            throw .invalidJob("heightInches needs widthInches", path: "params.widthInches")
        case (nil, _?, nil):
            throw .invalidJob("widthInches needs heightInches", path: "params.heightInches")
        }
        dpi = try reader.integer("dpi", default: 300, range: Self.dpiRange) ?? 300
        orientation = PrintOrientation(
            rawValue: try reader.string(
                "orientation", default: "auto", allowed: PrintOrientation.allCases.map(\.rawValue)) ?? "") ?? .auto
        fit = PrintFit(rawValue: try reader.string("fit", default: "cover", allowed: PrintFit.allCases.map(\.rawValue)) ?? "")
            ?? .cover
        let pad = try reader.string("padColor", default: "#FFFFFF") ?? "#FFFFFF"
        guard Self.rgb(hex: pad) != nil else {
            throw .invalidJob("params.padColor must be a colour like #FFFFFF, found \"\(pad)\"", path: "params.padColor")
        }
        padColor = pad.uppercased()
        reader.set("padColor", .string(padColor))
        maxPixels = try reader.integer("maxPixels", default: Self.defaultMaxPixels, range: Self.maxPixelsRange)
            ?? Self.defaultMaxPixels
        let output = PrintPreset.pixels(shortInches, dpi: dpi) * PrintPreset.pixels(longInches, dpi: dpi)
        guard output <= Self.maxOutputPixels else {
            throw .invalidJob(
                "the print would be \(output) pixels, more than \(Self.maxOutputPixels); lower dpi or the size",
                path: "params.dpi")
        }
        normalized = try reader.finish()
    }

    /// The parameters with every default filled in.
    public private(set) var normalized: JSONValue

    /// The print's pixel size for a photo of `photoWidth` × `photoHeight` (for `auto` orientation).
    public func pixelSize(photoWidth: Int, photoHeight: Int) -> (width: Int, height: Int) {
        let short = PrintPreset.pixels(shortInches, dpi: dpi)
        let long = PrintPreset.pixels(longInches, dpi: dpi)
        let landscape: Bool
        switch orientation {
        case .portrait: landscape = false
        case .landscape: landscape = true
        case .auto: landscape = photoWidth > photoHeight
        }
        return landscape ? (long, short) : (short, long)
    }

    /// `#RRGGBB` as three 0...1 components, or `nil` when it is not that shape.
    public static func rgb(hex: String) -> [Double]? {
        guard hex.count == 7, hex.first == "#" else { return nil }
        let digits = Array(hex.dropFirst())
        var components: [Double] = []
        for index in stride(from: 0, to: 6, by: 2) {
            guard let value = UInt8(String(digits[index...index + 1]), radix: 16) else { return nil }
            components.append(Double(value) / 255)
        }
        return components
    }
}

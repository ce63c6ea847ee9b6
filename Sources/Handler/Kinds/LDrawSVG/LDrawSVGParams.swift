import Runtime

/// The validated parameters of an `ldraw-svg` job.
///
/// `part` is the only way a job names a file, so it is held to a strict pattern (letters, digits,
/// `_`, `-`, optional `.dat`): no separators, no `..`, nothing the library lookup could be steered with.
public struct LDrawSVGParams: Sendable, Equatable {
    public enum Fill: String, Sendable, CaseIterable {
        case none
        /// Faces in the part colour, painter-sorted under the lines.
        case color
    }

    public static let partLength = 1...64
    public static let colorRange = 0...LDrawColorTable.directColors.upperBound
    public static let thicknessRange = 0.1...50.0
    public static let sizeRange = 16...8192
    public static let latitudeRange = -90.0...90.0
    public static let longitudeRange = -360.0...360.0
    public static let transparent = "transparent"

    public var part: String
    /// An LDraw colour code from `LDConfig.ldr`, or a direct colour `0x2RRGGBB` written as a number.
    public var color: Int
    /// Stroke width in pixels.
    public var thickness: Double
    /// The longer side of the picture in pixels.
    public var size: Int
    public var latitude: Double
    public var longitude: Double
    public var fill: Fill
    /// `transparent` or `#rrggbb` (normalised to lower case, `#rgb` expanded).
    public var background: String

    /// The output file stem: the part id without `.dat`, so `3001` and `3001.dat` write `3001.svg`.
    public var stem: String {
        part.lowercased().hasSuffix(".dat") ? String(part.dropLast(4)) : part
    }

    /// - Throws: ``JobError`` `.invalidJob` with the offending path.
    public init(validating params: JSONValue) throws(JobError) {
        var reader = try ParamReader(params == .null ? .object([]) : params, path: "params")
        guard let part = try reader.string("part", length: Self.partLength) else {
            throw JobError.invalidJob("params.part is required", path: "params.part")
        }
        guard Self.isPartID(part) else {
            throw JobError.invalidJob(
                "params.part must be an LDraw part id (letters, digits, _ and -, optionally .dat), found \"\(part)\"",
                path: "params.part")
        }
        self.part = part
        color = try reader.integer("color", default: 4, range: Self.colorRange) ?? 4
        guard color != LDrawColorTable.main, color != LDrawColorTable.edge else {
            throw JobError.invalidJob(
                "params.color must be a real colour: 16 and 24 only mean \"inherited\" inside LDraw files",
                path: "params.color")
        }
        thickness = try reader.number("thickness", default: 2.0, range: Self.thicknessRange) ?? 2.0
        size = try reader.integer("size", default: 800, range: Self.sizeRange) ?? 800
        latitude = try reader.number("latitude", default: 30, range: Self.latitudeRange) ?? 30
        longitude = try reader.number("longitude", default: 45, range: Self.longitudeRange) ?? 45
        let fillName = try reader.string("fill", default: Fill.none.rawValue, allowed: Fill.allCases.map(\.rawValue))
        fill = fillName.flatMap(Fill.init(rawValue:)) ?? .none
        let background = try reader.string("background", default: Self.transparent) ?? Self.transparent
        guard let normalized = Self.normalizedBackground(background) else {
            throw JobError.invalidJob(
                "params.background must be \"transparent\" or a hex colour #rgb / #rrggbb, found \"\(background)\"",
                path: "params.background")
        }
        self.background = normalized
        reader.set("background", .string(normalized))
        _ = try reader.finish()
    }

    /// The normalised parameters, every default filled in.
    public var json: JSONValue {
        .object([
            "part": .string(part),
            "color": .number(Double(color)),
            "thickness": .number(thickness),
            "size": .number(Double(size)),
            "latitude": .number(latitude),
            "longitude": .number(longitude),
            "fill": .string(fill.rawValue),
            "background": .string(background),
        ])
    }

    /// `^[A-Za-z0-9_-]+(\.dat)?$`, checked by hand (no regex engine needed for one pattern).
    static func isPartID(_ part: String) -> Bool {
        var body = Substring(part)
        if body.hasSuffix(".dat") { body = body.dropLast(4) }
        return !body.isEmpty
            && body.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "_" || scalar == "-")
            }
    }

    static func normalizedBackground(_ value: String) -> String? {
        if value == transparent { return value }
        guard value.hasPrefix("#") else { return nil }
        let digits = value.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        switch digits.count {
        case 6: return "#" + digits.lowercased()
        case 3: return "#" + digits.lowercased().map { "\($0)\($0)" }.joined()
        default: return nil
        }
    }
}

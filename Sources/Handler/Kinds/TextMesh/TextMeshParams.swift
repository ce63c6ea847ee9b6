import Runtime

/// The validated parameters of a `text-mesh` job, all lengths in millimetres.
///
/// Validation is strict and happens before anything starts: unknown names are typos, every number
/// has a range, and each error names its JSON path (`params.bevel`) so the submitter can fix it.
public struct TextMeshParams: Sendable, Equatable {
    public static let defaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    /// Counted in `Character`s (what a person sees as one letter), not bytes or scalars.
    public static let textLength = 1...200
    public static let heightRange = 0.5...1000.0
    public static let depthRange = 0.1...1000.0
    public static let fontExtensions = [".ttf", ".otf"]
    static let knownNames: Set<String> = ["text", "font", "height", "depth", "bevel", "format"]

    public var text: String
    public var font: String
    /// Cap height: the height of a capital letter such as "H", not Blender's em-based font size.
    public var height: Double
    /// Total thickness (Z extent), bevel included.
    public var depth: Double
    /// Edge rounding, kept inside the height and depth.
    public var bevel: Double
    public var format: TextMeshFormat

    public init(
        text: String, font: String = Self.defaultFont, height: Double = 20, depth: Double = 5,
        bevel: Double = 0, format: TextMeshFormat = .stl
    ) {
        self.text = text
        self.font = font
        self.height = height
        self.depth = depth
        self.bevel = bevel
        self.format = format
    }

    /// The largest bevel for a height and depth: a quarter of the cap height (more would eat the
    /// strokes) and half the depth (the bevel of both faces must fit in the thickness).
    public static func maxBevel(height: Double, depth: Double) -> Double {
        min(height / 4, depth / 2)
    }

    /// Parses and checks `params`.
    /// - Throws: ``JobError`` `.invalidJob` with the offending path.
    public init(validating params: JSONValue) throws(JobError) {
        let members: [(key: String, value: JSONValue)]
        switch params {
        case .null: members = []
        case .object(let object): members = object
        default: throw JobError.invalidJob("params must be an object, found \(params.typeName)", path: "params")
        }
        for member in members where !Self.knownNames.contains(member.key) {
            throw JobError.invalidJob(
                "unknown parameter \"\(member.key)\" (known: \(Self.knownNames.sorted().joined(separator: ", ")))",
                path: "params.\(member.key)")
        }

        guard let textValue = params["text"] else {
            throw JobError.invalidJob("text is required", path: "params.text")
        }
        text = try Self.text(textValue)
        font = try params["font"].map(Self.font) ?? Self.defaultFont
        height = try Self.number(params["height"], name: "height", range: Self.heightRange) ?? 20
        depth = try Self.number(params["depth"], name: "depth", range: Self.depthRange) ?? 5
        let bevelRange = 0...Self.maxBevel(height: height, depth: depth)
        bevel = try Self.number(params["bevel"], name: "bevel", range: bevelRange) ?? 0
        format = try params["format"].map(Self.format) ?? .stl
    }

    /// The normalised parameters, every default filled in, in documented order.
    public var json: JSONValue {
        .object([
            "text": .string(text),
            "font": .string(font),
            "height": .number(height),
            "depth": .number(depth),
            "bevel": .number(bevel),
            "format": .string(format.rawValue),
        ])
    }

    // MARK: - Fields

    private static func text(_ value: JSONValue) throws(JobError) -> String {
        guard let text = value.stringValue else {
            throw JobError.invalidJob("text must be a string, found \(value.typeName)", path: "params.text")
        }
        guard textLength.contains(text.count) else {
            throw JobError.invalidJob(
                "text must be \(textLength.lowerBound) to \(textLength.upperBound) characters, found \(text.count)",
                path: "params.text")
        }
        // Blender keeps strings as C strings: a NUL would silently cut the text short.
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw JobError.invalidJob("text must not contain U+0000", path: "params.text")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw JobError.invalidJob("text must contain something other than white space", path: "params.text")
        }
        return text
    }

    private static func font(_ value: JSONValue) throws(JobError) -> String {
        guard let font = value.stringValue else {
            throw JobError.invalidJob("font must be a string, found \(value.typeName)", path: "params.font")
        }
        guard font.hasPrefix("/") else {
            throw JobError.invalidJob("font must be an absolute path", path: "params.font")
        }
        let lower = font.lowercased()
        guard fontExtensions.contains(where: { lower.hasSuffix($0) }) else {
            throw JobError.invalidJob("font must be a .ttf or .otf file", path: "params.font")
        }
        return font
    }

    private static func number(
        _ value: JSONValue?, name: String, range: ClosedRange<Double>
    ) throws(JobError) -> Double? {
        guard let value else { return nil }
        guard let number = value.doubleValue else {
            throw JobError.invalidJob("\(name) must be a number (mm), found \(value.typeName)", path: "params.\(name)")
        }
        guard range.contains(number) else {
            throw JobError.invalidJob(
                "\(name) must be between \(JSONValue.number(range.lowerBound).compactText) and "
                    + "\(JSONValue.number(range.upperBound).compactText) mm, found \(JSONValue.number(number).compactText)",
                path: "params.\(name)")
        }
        return number
    }

    private static func format(_ value: JSONValue) throws(JobError) -> TextMeshFormat {
        guard let name = value.stringValue, let format = TextMeshFormat(rawValue: name) else {
            let known = TextMeshFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw JobError.invalidJob("format must be one of \(known), found \(value.compactText)", path: "params.format")
        }
        return format
    }
}

import Runtime

/// The validated parameters of a `slice-quote` job.
///
/// Everything here is checked before the model is fetched: unknown names are typos, numbers have
/// ranges, the printer must be one ``PrinterCatalog`` supports. Facts that need the installed
/// PrusaSlicer bundle (the filament's price, the bed size) are checked when the job runs.
public struct SliceQuoteParams: Sendable, Equatable {
    public static let infillRange = 0...100
    public static let layerHeightRange = 0.05...0.35
    public static let quantityRange = 1...10_000

    public enum Orient: String, Sendable, CaseIterable {
        case auto, none
    }

    public var material: Material = .pla
    /// Percent, applied as PrusaSlicer's `fill_density`.
    public var infill = 20
    /// Millimetres.
    public var layerHeight = 0.2
    public var supports: SupportMode = .auto
    public var printer = PrinterCatalog.defaultPrinter
    public var quantity = 1
    public var orient: Orient = .auto
    /// Refuse non-watertight models (65) instead of quoting them with a warning.
    public var strict = false
    public var pricing = Pricing()

    public init() {}

    /// - Throws: ``JobError`` `.invalidJob` with the offending path.
    public init(validating params: JSONValue) throws(JobError) {
        var reader = try ParamReader(params == .null ? .object([]) : params, path: "params")
        let materials = Material.allCases.map(\.rawValue)
        material =
            Material(rawValue: try reader.string("material", default: "PLA", allowed: materials) ?? "PLA") ?? .pla
        infill = try reader.integer("infill", default: 20, range: Self.infillRange) ?? 20
        layerHeight = try reader.number("layerHeight", default: 0.2, range: Self.layerHeightRange) ?? 0.2
        let supportNames = SupportMode.allCases.map(\.rawValue)
        supports =
            SupportMode(rawValue: try reader.string("supports", default: "auto", allowed: supportNames) ?? "auto")
            ?? .auto
        printer =
            try reader.string("printer", default: PrinterCatalog.defaultPrinter, allowed: PrinterCatalog.names)
            ?? PrinterCatalog.defaultPrinter
        quantity = try reader.integer("quantity", default: 1, range: Self.quantityRange) ?? 1
        let orientNames = Orient.allCases.map(\.rawValue)
        orient = Orient(rawValue: try reader.string("orient", default: "auto", allowed: orientNames) ?? "auto") ?? .auto
        strict = try reader.bool("strict", default: false)
        pricing = try Pricing(validating: reader.value("pricing"))
        reader.set("pricing", pricing.json)
        _ = try reader.finish()
    }

    /// The normalised parameters, every default filled in.
    public var json: JSONValue {
        .object([
            "material": .string(material.rawValue),
            "infill": .number(Double(infill)),
            "layerHeight": .number(layerHeight),
            "supports": .string(supports.rawValue),
            "printer": .string(printer),
            "quantity": .number(Double(quantity)),
            "orient": .string(orient.rawValue),
            "strict": .bool(strict),
            "pricing": pricing.json,
        ])
    }
}

/// A standard print size in inches, named the way print shops name them (`9x12`).
///
/// Stored short side first; the orientation decides which side becomes the width.
public struct PrintPreset: Sendable, Equatable {
    public var name: String
    public var shortInches: Double
    public var longInches: Double

    public static let all: [PrintPreset] = [
        PrintPreset(name: "9x12", shortInches: 9, longInches: 12),
        PrintPreset(name: "12x16", shortInches: 12, longInches: 16),
        PrintPreset(name: "16x20", shortInches: 16, longInches: 20),
        PrintPreset(name: "18x24", shortInches: 18, longInches: 24),
        PrintPreset(name: "24x36", shortInches: 24, longInches: 36),
    ]

    public static func named(_ name: String) -> PrintPreset? { all.first { $0.name == name } }

    /// Pixels along a side: inches × dpi, rounded to the nearest pixel.
    public static func pixels(_ inches: Double, dpi: Int) -> Int { Int((inches * Double(dpi)).rounded()) }

    /// The listing `onejob presets` prints: portrait sizes in inches and pixels at `dpi`.
    public static func listing(dpi: Int) -> PresetListing {
        PresetListing(dpi: dpi)
    }
}

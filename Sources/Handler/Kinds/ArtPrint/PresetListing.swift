import Runtime

/// The JSON that `onejob presets` prints: every preset with its inches and pixel size at a DPI.
public struct PresetListing: Sendable, Equatable {
    public var dpi: Int

    public var json: JSONValue {
        .object([
            "dpi": .number(Double(dpi)),
            "presets": .array(
                PrintPreset.all.map { preset in
                    .object([
                        "name": .string(preset.name),
                        "widthInches": .number(preset.shortInches),
                        "heightInches": .number(preset.longInches),
                        "widthPx": .number(Double(PrintPreset.pixels(preset.shortInches, dpi: dpi))),
                        "heightPx": .number(Double(PrintPreset.pixels(preset.longInches, dpi: dpi))),
                    ])
                }),
        ])
    }
}

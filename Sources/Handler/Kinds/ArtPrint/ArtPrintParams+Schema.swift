import Runtime

/// The JSON Schema of `art-print` params, next to the validator so the two agree.
extension ArtPrintParams {
    /// What the schema cannot say (preset excludes the inches; the output pixel cap depends on
    /// three fields) is in the descriptions; the validator enforces it.
    public static var schema: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        let inches: JSONValue = .object([
            "type": .string("number"), "minimum": .number(inchesRange.lowerBound),
            "maximum": .number(inchesRange.upperBound),
            "description": .string("Print side in inches; give both widthInches and heightInches, and no preset."),
        ])
        return .object([
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "style": .object([
                    "enum": strings(ArtPrintStyle.allCases.map(\.rawValue)), "default": .string("none"),
                    "description": .string("The look; none keeps the photo's colours."),
                ]),
                "preset": .object([
                    "enum": strings(PrintPreset.all.map(\.name)), "default": .string(defaultPreset),
                    "description": .string("Print size in inches (short x long); the default when no inches are given."),
                ]),
                "widthInches": inches,
                "heightInches": inches,
                "dpi": .object([
                    "type": .string("integer"), "minimum": .number(Double(dpiRange.lowerBound)),
                    "maximum": .number(Double(dpiRange.upperBound)), "default": .number(300),
                    "description": .string(
                        "Pixels per inch, written into the TIFF; the print may have at most \(maxOutputPixels) pixels."),
                ]),
                "orientation": .object([
                    "enum": strings(PrintOrientation.allCases.map(\.rawValue)), "default": .string("auto"),
                    "description": .string("auto: landscape when the photo is wider than tall."),
                ]),
                "fit": .object([
                    "enum": strings(PrintFit.allCases.map(\.rawValue)), "default": .string("cover"),
                    "description": .string("cover crops to fill the page; contain pads with padColor."),
                ]),
                "padColor": .object([
                    "type": .string("string"), "pattern": .string("^#[0-9A-Fa-f]{6}$"), "default": .string("#FFFFFF"),
                ]),
                "maxPixels": .object([
                    "type": .string("integer"), "minimum": .number(Double(maxPixelsRange.lowerBound)),
                    "maximum": .number(Double(maxPixelsRange.upperBound)), "default": .number(Double(defaultMaxPixels)),
                    "description": .string("Photos with more pixels (read from the header) are refused with exit 65."),
                ]),
            ]),
            "dependentRequired": .object([
                "widthInches": .array([.string("heightInches")]), "heightInches": .array([.string("widthInches")]),
            ]),
            "not": .object(["required": .array([.string("preset"), .string("widthInches")])]),
        ])
    }
}

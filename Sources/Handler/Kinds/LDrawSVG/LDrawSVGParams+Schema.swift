import Runtime

/// The JSON Schema of `ldraw-svg` params, next to the validator so the two agree.
extension LDrawSVGParams {
    public static var schema: JSONValue {
        .object([
            "type": .string("object"),
            "required": .array([.string("part")]),
            "additionalProperties": .bool(false),
            "properties": .object([
                "part": .object([
                    "type": .string("string"), "pattern": .string("^[A-Za-z0-9_-]+(\\.dat)?$"),
                    "minLength": .number(Double(partLength.lowerBound)),
                    "maxLength": .number(Double(partLength.upperBound)),
                    "description": .string(
                        "LDraw part id (file name in parts/, p/ or models/ of LDRAW_DIR, any case); unknown → exit 65."),
                ]),
                "color": .object([
                    "type": .string("integer"), "minimum": .number(Double(colorRange.lowerBound)),
                    "maximum": .number(Double(colorRange.upperBound)), "default": .number(4),
                    "not": .object(["enum": .array([.number(16), .number(24)])]),
                    "description": .string(
                        "LDraw colour code from LDConfig.ldr (unknown → exit 65) or a direct colour 0x2RRGGBB; not 16 or 24."),
                ]),
                "thickness": .object([
                    "type": .string("number"), "minimum": .number(thicknessRange.lowerBound),
                    "maximum": .number(thicknessRange.upperBound), "default": .number(2),
                    "description": .string("Stroke width in pixels."),
                ]),
                "size": .object([
                    "type": .string("integer"), "minimum": .number(Double(sizeRange.lowerBound)),
                    "maximum": .number(Double(sizeRange.upperBound)), "default": .number(800),
                    "description": .string("Longer side of the drawing in pixels, margin included."),
                ]),
                "latitude": .object([
                    "type": .string("number"), "minimum": .number(latitudeRange.lowerBound),
                    "maximum": .number(latitudeRange.upperBound), "default": .number(30),
                    "description": .string("Viewer elevation in degrees above the horizontal."),
                ]),
                "longitude": .object([
                    "type": .string("number"), "minimum": .number(longitudeRange.lowerBound),
                    "maximum": .number(longitudeRange.upperBound), "default": .number(45),
                    "description": .string("Viewer turn in degrees about the vertical axis, from the front towards +X (right)."),
                ]),
                "fill": .object([
                    "enum": .array(Fill.allCases.map { .string($0.rawValue) }), "default": .string(Fill.none.rawValue),
                    "description": .string("color: faces filled in the part colour under the lines."),
                ]),
                "background": .object([
                    "type": .string("string"),
                    "pattern": .string("^(transparent|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6})$"),
                    "default": .string(transparent),
                ]),
            ]),
        ])
    }
}

import Runtime

/// The JSON Schema of `text-mesh` params, written next to the validator so the two agree.
extension TextMeshParams {
    /// Where the schema cannot say what the validator checks, the description does: JSON Schema
    /// counts string length in code points while `text` is limited in `Character`s (an emoji
    /// family is one character but seven code points), and the bevel limit depends on two fields.
    public static var schema: JSONValue {
        let formats = TextMeshFormat.allCases.map { JSONValue.string($0.rawValue) }
        return .object([
            "type": .string("object"),
            "required": .array([.string("text")]),
            "additionalProperties": .bool(false),
            "properties": .object([
                "text": .object([
                    "type": .string("string"), "minLength": .number(Double(textLength.lowerBound)),
                    "description": .string(
                        "The literal text, \(textLength.lowerBound)–\(textLength.upperBound) characters (grapheme clusters), not only white space, no U+0000; newlines start new lines."
                    ),
                ]),
                "font": .object([
                    "type": .string("string"), "pattern": .string("^/.*\\.([Tt][Tt][Ff]|[Oo][Tt][Ff])$"),
                    "default": .string(defaultFont),
                    "description": .string("Absolute path of a TTF/OTF font in the container; missing → exit 65."),
                ]),
                "height": .object([
                    "type": .string("number"), "minimum": .number(heightRange.lowerBound),
                    "maximum": .number(heightRange.upperBound), "default": .number(20),
                    "description": .string("Cap height in mm (measured on a capital H), not the font's em size."),
                ]),
                "depth": .object([
                    "type": .string("number"), "minimum": .number(depthRange.lowerBound),
                    "maximum": .number(depthRange.upperBound), "default": .number(5),
                    "description": .string("Total thickness in mm, bevel included."),
                ]),
                "bevel": .object([
                    "type": .string("number"), "minimum": .number(0), "default": .number(0),
                    "description": .string("Edge rounding in mm, at most min(height / 4, depth / 2)."),
                ]),
                "format": .object(["enum": .array(formats), "default": .string(TextMeshFormat.stl.rawValue)]),
            ]),
        ])
    }
}

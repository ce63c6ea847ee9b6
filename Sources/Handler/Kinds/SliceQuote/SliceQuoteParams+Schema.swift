import Runtime

/// The JSON Schema of `slice-quote` params, next to the validator so the two agree.
extension SliceQuoteParams {
    public static var schema: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        func money(_ description: String, default value: Double? = nil, maximum: Double = Pricing.maxAmount)
            -> JSONValue
        {
            var members: [(key: String, value: JSONValue)] = [
                ("type", .string("number")), ("minimum", .number(0)), ("maximum", .number(maximum)),
                ("description", .string(description)),
            ]
            if let value { members.append(("default", .number(value))) }
            return .object(members)
        }
        return .object([
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "material": .object(["enum": strings(Material.allCases.map(\.rawValue)), "default": .string("PLA")]),
                "infill": .object([
                    "type": .string("integer"), "minimum": .number(0), "maximum": .number(100), "default": .number(20),
                    "description": .string("Infill density in percent; 100 uses a rectilinear pattern."),
                ]),
                "layerHeight": .object([
                    "type": .string("number"), "minimum": .number(layerHeightRange.lowerBound),
                    "maximum": .number(layerHeightRange.upperBound), "default": .number(0.2),
                    "description": .string("Layer height in mm."),
                ]),
                "supports": .object(["enum": strings(SupportMode.allCases.map(\.rawValue)), "default": .string("auto")]
                ),
                "printer": .object([
                    "enum": strings(PrinterCatalog.names), "default": .string(PrinterCatalog.defaultPrinter),
                    "description": .string("A PrusaSlicer vendor printer preset; `onejob printers` lists them."),
                ]),
                "quantity": .object([
                    "type": .string("integer"), "minimum": .number(Double(quantityRange.lowerBound)),
                    "maximum": .number(Double(quantityRange.upperBound)), "default": .number(1),
                ]),
                "orient": .object(["enum": strings(Orient.allCases.map(\.rawValue)), "default": .string("auto")]),
                "strict": .object([
                    "type": .string("boolean"), "default": .bool(false),
                    "description": .string("Refuse a model that is not watertight (exit 65) instead of warning."),
                ]),
                "pricing": .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "properties": .object([
                        "materialPerKg": money("Filament price per kg; default: the filament profile's filament_cost."),
                        "machinePerHour": money("Machine time per hour.", default: 2),
                        "setupFee": money("Once per order.", default: 3),
                        "markupPercent": money("Added to the subtotal.", default: 20, maximum: 1000),
                        "currency": .object([
                            "type": .string("string"), "pattern": .string("^[A-Z]{3}$"), "default": .string("USD"),
                        ]),
                    ]),
                ]),
            ]),
        ])
    }
}

import Foundation
import Runtime

/// Everything `quote.json` says, assembled from the slice, the orientation and the price list.
public struct SliceQuote: Sendable, Equatable {
    public var printer: String
    public var material: Material
    public var printPreset: String
    public var filamentPreset: String
    public var filamentDensity: Double
    public var summary: GCodeSummary
    public var cost: CostBreakdown
    public var orientation: OrientationPlan
    public var info: ModelInfo
    public var supports: SupportMode
    public var warnings: [String]
    public var validationMs: Int
    public var orientationMs: Int
    public var sliceMs: Int

    /// Supports are generated when enabled and something still overhangs after orientation.
    public var supportsUsed: Bool { supports != .none && orientation.overhangAfter > 0 }

    public var complexity: Complexity {
        Complexity.rate(
            overhangShare: orientation.overhangShare, supportsUsed: supportsUsed, parts: info.parts,
            manifold: info.manifold)
    }

    static func number(_ value: Decimal) -> JSONValue { .number(Money.double(value)) }
    static func rounded(_ value: Double, _ places: Double = 100) -> JSONValue {
        .number((value * places).rounded() / places)
    }

    /// The `quote.json` document.
    public var json: JSONValue {
        .object([
            "printer": .string(printer),
            "material": .string(material.rawValue),
            "profiles": .object(["print": .string(printPreset), "filament": .string(filamentPreset)]),
            "quantity": .number(Double(cost.quantity)),
            "printTime": .object([
                "seconds": .number(Double(summary.printSeconds)),
                "text": .string(PrintTime.text(seconds: summary.printSeconds)),
                "totalSeconds": .number(Double(summary.printSeconds * cost.quantity)),
            ]),
            "filament": .object([
                "mm": Self.number(summary.filamentMillimetres), "cm3": Self.number(summary.filamentCubicCentimetres),
                "grams": Self.number(summary.filamentGrams), "densityGPerCm3": .number(filamentDensity),
            ]),
            "cost": .object([
                "currency": .string(cost.currency),
                "materialPerKg": Self.number(cost.materialPerKg),
                "materialPerPiece": Self.number(cost.materialPerPiece),
                "machinePerPiece": Self.number(cost.machinePerPiece),
                "material": Self.number(cost.material),
                "machine": Self.number(cost.machine),
                "setupFee": Self.number(cost.setupFee),
                "subtotal": Self.number(cost.subtotal),
                "markup": Self.number(cost.markup),
                "total": Self.number(cost.total),
                "unitPrice": Self.number(cost.unitPrice),
            ]),
            "complexity": .string(complexity.rawValue),
            "supports": .object(["mode": .string(supports.rawValue), "used": .bool(supportsUsed)]),
            "orientation": .object([
                "rotateXDegrees": .number(orientation.rotation.xDegrees),
                "rotateYDegrees": .number(orientation.rotation.yDegrees),
                "overhangAreaBeforeMm2": Self.rounded(orientation.overhangBefore),
                "overhangAreaAfterMm2": Self.rounded(orientation.overhangAfter),
                "bedContactAreaMm2": Self.rounded(orientation.contactAfter),
                "candidates": .number(Double(orientation.candidatesConsidered)),
            ]),
            "model": .object([
                "triangles": .number(Double(info.facets)),
                "sizeMm": .object([
                    "x": Self.rounded(orientation.size.x), "y": Self.rounded(orientation.size.y),
                    "z": Self.rounded(orientation.size.z),
                ]),
                "volumeCm3": Self.rounded(info.volume / 1000, 1000),
                "manifold": .bool(info.manifold),
                "openEdges": .number(Double(info.openEdges)),
                "parts": .number(Double(info.parts)),
            ]),
            "warnings": .array(warnings.map { .string($0) }),
        ])
    }

    /// The summary for `result.json` metrics.
    public var metrics: JSONValue {
        .object([
            "printSeconds": .number(Double(summary.printSeconds)),
            "printTime": .string(PrintTime.text(seconds: summary.printSeconds)),
            "filamentGrams": Self.number(summary.filamentGrams),
            "filamentCm3": Self.number(summary.filamentCubicCentimetres),
            "filamentMm": Self.number(summary.filamentMillimetres),
            "total": Self.number(cost.total),
            "currency": .string(cost.currency),
            "quantity": .number(Double(cost.quantity)),
            "complexity": .string(complexity.rawValue),
            "rotateXDegrees": .number(orientation.rotation.xDegrees),
            "rotateYDegrees": .number(orientation.rotation.yDegrees),
            "overhangAreaBeforeMm2": Self.rounded(orientation.overhangBefore),
            "overhangAreaAfterMm2": Self.rounded(orientation.overhangAfter),
            "manifold": .bool(info.manifold),
            "warnings": .number(Double(warnings.count)),
            "validationMs": .number(Double(validationMs)),
            "orientationMs": .number(Double(orientationMs)),
            "sliceMs": .number(Double(sliceMs)),
        ])
    }
}

import Foundation

/// What `prusa-slicer --info` says about a model: the statistics validation decides on.
///
/// The output is a `[file]` header and `key = value` lines (`size_x`, `number_of_facets`,
/// `manifold = yes|no`, `open_edges`, `facets_reversed`, `backwards_edges`, `number_of_parts`,
/// `volume`); the repair counters appear only when non-zero, so they default to 0.
public struct ModelInfo: Sendable, Equatable {
    public var size: SIMD3<Double>
    public var facets: Int
    public var manifold: Bool
    public var openEdges: Int
    public var facetsReversed: Int
    public var parts: Int
    /// mm³ (PrusaSlicer's unit is the millimetre).
    public var volume: Double

    public init(
        size: SIMD3<Double>, facets: Int, manifold: Bool, openEdges: Int = 0, facetsReversed: Int = 0, parts: Int,
        volume: Double
    ) {
        self.size = size
        self.facets = facets
        self.manifold = manifold
        self.openEdges = openEdges
        self.facetsReversed = facetsReversed
        self.parts = parts
        self.volume = volume
    }

    /// Parses the first model's block of `--info` output; `nil` when the essentials are missing.
    public init?(infoOutput: String) {
        var values: [String: String] = [:]
        var sawHeader = false
        for line in infoOutput.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("["), text.hasSuffix("]"), !text.contains("] [") {
                if sawHeader { break }
                sawHeader = true
                continue
            }
            guard sawHeader, let equals = text.firstIndex(of: "=") else { continue }
            values[text[..<equals].trimmingCharacters(in: .whitespaces)] =
                text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        func number(_ key: String) -> Double? { values[key].flatMap(Double.init) }
        guard let x = number("size_x"), let y = number("size_y"), let z = number("size_z"),
            let facets = number("number_of_facets"), let manifold = values["manifold"]
        else { return nil }
        self.init(
            size: SIMD3(x, y, z), facets: Int(facets), manifold: manifold == "yes",
            openEdges: Int(number("open_edges") ?? 0), facetsReversed: Int(number("facets_reversed") ?? 0),
            parts: Int(number("number_of_parts") ?? 1), volume: number("volume") ?? 0)
    }
}

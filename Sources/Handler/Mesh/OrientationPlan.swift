/// What auto-orientation decided, and the numbers that justify it (reported in `quote.json`).
public struct OrientationPlan: Sendable, Equatable {
    public var rotation: ModelRotation
    /// Overhang area (mm²) as uploaded and as it will be printed.
    public var overhangBefore: Double
    public var overhangAfter: Double
    /// Area (mm²) of flat faces resting on the bed, as uploaded and as printed.
    public var contactBefore: Double
    public var contactAfter: Double
    /// Total surface area (mm²) and the number of non-degenerate triangles read.
    public var surfaceArea: Double
    public var triangles: Int
    /// The model's extent (mm) after rotation: what must fit on the bed and under the gantry.
    public var size: SIMD3<Double>
    public var candidatesConsidered: Int

    /// Share of the surface that overhangs as printed (0...1), used by the complexity rule.
    public var overhangShare: Double { surfaceArea > 0 ? overhangAfter / surfaceArea : 0 }
}

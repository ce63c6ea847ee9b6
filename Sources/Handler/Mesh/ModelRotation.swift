import Foundation

/// A rotation as PrusaSlicer applies `--rotate-x A --rotate-y B`: about X first, then about Y,
/// right-handed, in degrees, whatever order the flags come in (checked against PrusaSlicer 2.5's
/// exported STL in the integration tests).
public struct ModelRotation: Sendable, Equatable {
    public var xDegrees: Double
    public var yDegrees: Double

    public static let identity = ModelRotation(xDegrees: 0, yDegrees: 0)

    public init(xDegrees: Double, yDegrees: Double) {
        self.xDegrees = xDegrees
        self.yDegrees = yDegrees
    }

    public var isIdentity: Bool { abs(xDegrees) < 1e-9 && abs(yDegrees) < 1e-9 }

    /// The rotation that turns `direction` (a unit vector in model coordinates) to point straight down.
    ///
    /// The X turn removes the Y component and leaves the vector in the lower half of the XZ plane,
    /// then the Y turn swings it onto −Z; `-Z` itself gives the identity, so an unmoved model keeps 0/0.
    public static func bringingDown(_ direction: SIMD3<Double>) -> ModelRotation {
        // Negating a zero gives −0, and atan2(−0, −1) is −π: keep zeros positive so +Z gives 180°, not −180°.
        let alpha = atan2(direction.y == 0 ? 0 : -direction.y, direction.z == 0 ? 0 : -direction.z)
        let rest = (direction.y * direction.y + direction.z * direction.z).squareRoot()
        let beta = atan2(direction.x, rest)
        return ModelRotation(xDegrees: Self.clean(alpha * 180 / .pi), yDegrees: Self.clean(beta * 180 / .pi))
    }

    /// `vector` in the rotated frame.
    public func apply(_ vector: SIMD3<Double>) -> SIMD3<Double> {
        let a = xDegrees * .pi / 180
        let b = yDegrees * .pi / 180
        let x = SIMD3(vector.x, vector.y * cos(a) - vector.z * sin(a), vector.y * sin(a) + vector.z * cos(a))
        return SIMD3(x.x * cos(b) + x.z * sin(b), x.y, -x.x * sin(b) + x.z * cos(b))
    }

    /// The model-frame vectors that become the X, Y and Z axes after rotating (the rows of the matrix),
    /// so a rotated coordinate is one dot product.
    var rotatedAxes: (x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>) {
        let ex = apply(SIMD3(1, 0, 0))
        let ey = apply(SIMD3(0, 1, 0))
        let ez = apply(SIMD3(0, 0, 1))
        // Rows of R are the columns of Rᵀ: row i = (ex[i], ey[i], ez[i]).
        return (SIMD3(ex.x, ey.x, ez.x), SIMD3(ex.y, ey.y, ez.y), SIMD3(ex.z, ey.z, ez.z))
    }

    /// Rounds away float noise (89.99999999 → 90) so argv and reports read cleanly.
    static func clean(_ degrees: Double) -> Double {
        let rounded = (degrees * 1e6).rounded() / 1e6
        return rounded == 0 ? 0 : rounded
    }
}

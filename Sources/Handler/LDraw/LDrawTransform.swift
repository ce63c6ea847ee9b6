/// The affine transform of an LDraw type 1 line: `x y z a b c d e f g h i`.
///
/// A point p maps to `(a·px + b·py + c·pz + x, d·px + e·py + f·pz + y, g·px + h·py + i·pz + z)`;
/// the 3×3 part is row-major as written in the file. Nested references compose parent ∘ child.
public struct LDrawTransform: Sendable, Equatable {
    /// Row-major 3×3 matrix `a…i`.
    public var m: [Double]
    public var offset: LDrawVector

    public init(matrix: [Double], offset: LDrawVector) {
        self.m = matrix
        self.offset = offset
    }

    public static let identity = LDrawTransform(matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], offset: .zero)

    public func apply(_ p: LDrawVector) -> LDrawVector {
        LDrawVector(
            m[0] * p.x + m[1] * p.y + m[2] * p.z + offset.x,
            m[3] * p.x + m[4] * p.y + m[5] * p.z + offset.y,
            m[6] * p.x + m[7] * p.y + m[8] * p.z + offset.z)
    }

    /// `self ∘ child`: first the child's transform, then this one.
    public func composed(with child: LDrawTransform) -> LDrawTransform {
        var product = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                product[row * 3 + column] =
                    m[row * 3] * child.m[column] + m[row * 3 + 1] * child.m[3 + column]
                    + m[row * 3 + 2] * child.m[6 + column]
            }
        }
        return LDrawTransform(matrix: product, offset: apply(child.offset))
    }
}

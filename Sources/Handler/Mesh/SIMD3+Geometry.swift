/// The few vector operations mesh analysis needs; Linux has no `simd` module with `cross` and `dot`.
extension SIMD3 where Scalar == Double {
    func dot(_ other: SIMD3<Double>) -> Double { (self * other).sum() }

    func cross(_ other: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    var length: Double { dot(self).squareRoot() }

    var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}

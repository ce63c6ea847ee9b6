/// A point or direction in LDraw units (LDU; a brick is 20 LDU wide, −Y is up).
public struct LDrawVector: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static let zero = LDrawVector(0, 0, 0)

    public static func + (a: LDrawVector, b: LDrawVector) -> LDrawVector { LDrawVector(a.x + b.x, a.y + b.y, a.z + b.z) }
    public static func - (a: LDrawVector, b: LDrawVector) -> LDrawVector { LDrawVector(a.x - b.x, a.y - b.y, a.z - b.z) }
    public static func * (a: LDrawVector, s: Double) -> LDrawVector { LDrawVector(a.x * s, a.y * s, a.z * s) }

    public func dot(_ other: LDrawVector) -> Double { x * other.x + y * other.y + z * other.z }

    public func cross(_ other: LDrawVector) -> LDrawVector {
        LDrawVector(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    public var length: Double { dot(self).squareRoot() }
}

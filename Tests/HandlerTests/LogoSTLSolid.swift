import Foundation

/// The triangles of a binary STL as a solid: its enclosed volume and whether it is closed.
///
/// Independent of Blender's own measurements: the volume is the sum of signed tetrahedra
/// (divergence theorem), and "manifold" means every edge, with vertices welded by their exact
/// float coordinates, borders exactly two triangles.
struct LogoSTLSolid {
    typealias Point = SIMD3<Float>
    var triangles: [(Point, Point, Point)] = []

    init(_ bytes: [UInt8]) throws {
        func float(_ at: Int) -> Float {
            Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        guard bytes.count >= 84 else { throw TestTIFFError.bad("short STL") }
        let count = Int(bytes[80]) | Int(bytes[81]) << 8 | Int(bytes[82]) << 16 | Int(bytes[83]) << 24
        guard bytes.count == 84 + 50 * count else { throw TestTIFFError.bad("STL length") }
        for index in 0..<count {
            let base = 84 + 50 * index + 12
            func point(_ vertex: Int) -> Point {
                Point(float(base + 12 * vertex), float(base + 12 * vertex + 4), float(base + 12 * vertex + 8))
            }
            triangles.append((point(0), point(1), point(2)))
        }
    }

    var volume: Double {
        triangles.reduce(0.0) { total, triangle in
            let (a, b, c) = (SIMD3<Double>(triangle.0), SIMD3<Double>(triangle.1), SIMD3<Double>(triangle.2))
            let cross = SIMD3(b.y * c.z - b.z * c.y, b.z * c.x - b.x * c.z, b.x * c.y - b.y * c.x)
            return total + (a * cross).sum() / 6
        }
    }

    var isManifold: Bool {
        struct Key: Hashable { var a: Point, b: Point }
        func ordered(_ p: Point, _ q: Point) -> Key {
            (p.x, p.y, p.z) < (q.x, q.y, q.z) ? Key(a: p, b: q) : Key(a: q, b: p)
        }
        var edges: [Key: Int] = [:]
        for (a, b, c) in triangles {
            for key in [ordered(a, b), ordered(b, c), ordered(c, a)] { edges[key, default: 0] += 1 }
        }
        return !edges.isEmpty && edges.values.allSatisfy { $0 == 2 }
    }
}

import Foundation

@testable import Handler

/// Test models generated in code: boxes, a cylinder, a T, an open cube, and their files.
enum SliceModels {
    /// A prism: `profile` (counter-clockwise polygon) extruded along Z by `height`, capped with
    /// `caps` (triangles of profile indices). Faces are wound outwards.
    static func prism(_ profile: [(Double, Double)], caps: [(Int, Int, Int)], height: Double) -> [Triangle] {
        func point(_ index: Int, _ z: Double) -> SIMD3<Double> { SIMD3(profile[index].0, profile[index].1, z) }
        var triangles: [Triangle] = []
        for (i, j, k) in caps {
            triangles.append(Triangle(point(k, 0), point(j, 0), point(i, 0)))  // bottom, facing down
            triangles.append(Triangle(point(i, height), point(j, height), point(k, height)))
        }
        for i in profile.indices {
            let j = (i + 1) % profile.count
            triangles.append(Triangle(point(i, 0), point(j, 0), point(j, height)))
            triangles.append(Triangle(point(i, 0), point(j, height), point(i, height)))
        }
        return triangles
    }

    static func box(_ x: Double, _ y: Double, _ z: Double) -> [Triangle] {
        prism([(0, 0), (x, 0), (x, y), (0, y)], caps: [(0, 1, 2), (0, 2, 3)], height: z)
    }

    static var cube: [Triangle] { box(20, 20, 20) }

    /// The cube without its top: 4 open edges, not watertight.
    static var openCube: [Triangle] {
        cube.filter { triangle in !(triangle.a.z == 20 && triangle.b.z == 20 && triangle.c.z == 20) }
    }

    static func cylinder(radius: Double = 10, height: Double = 20, segments: Int = 48) -> [Triangle] {
        let profile = (0..<segments).map { index -> (Double, Double) in
            let angle = Double(index) / Double(segments) * 2 * .pi
            return (radius + radius * cos(angle), radius + radius * sin(angle))
        }
        return prism(profile, caps: (1..<(segments - 1)).map { (0, $0, $0 + 1) }, height: height)
    }

    /// A T standing on its stem (10 × 10 × 20) with its bar (40 × 10 × 5) on top: the bar's
    /// underside, 2 × 15 × 10 = 300 mm², overhangs. Turned over, it would need no support.
    static var upsideDownT: [Triangle] {
        let profile: [(Double, Double)] = [(15, 0), (25, 0), (25, 20), (40, 20), (40, 25), (0, 25), (0, 20), (15, 20)]
        let caps = [(0, 1, 2), (0, 2, 7), (5, 6, 7), (5, 7, 2), (5, 2, 3), (5, 3, 4)]
        // Extrude the (x, z) profile along Z, then swap Y and Z: the profile stands in the XZ plane.
        // Swapping two axes mirrors the mesh, so every triangle's winding is reversed to stay outward.
        return prism(profile, caps: caps, height: 10).map { triangle in
            func swap(_ p: SIMD3<Double>) -> SIMD3<Double> { SIMD3(p.x, p.z, p.y) }
            return Triangle(swap(triangle.a), swap(triangle.c), swap(triangle.b))
        }
    }

    // MARK: - Files

    static func binarySTL(_ triangles: [Triangle], header: String = "onejob test", declaredCount: Int? = nil) -> [UInt8]
    {
        var bytes = Array(header.utf8.prefix(80))
        bytes += [UInt8](repeating: 0, count: 80 - bytes.count)
        appendLE(UInt32(declaredCount ?? triangles.count), to: &bytes)
        for triangle in triangles {
            for _ in 0..<3 { appendLE(Float(0).bitPattern, to: &bytes) }
            for point in [triangle.a, triangle.b, triangle.c] {
                for value in [point.x, point.y, point.z] { appendLE(Float(value).bitPattern, to: &bytes) }
            }
            bytes += [0, 0]
        }
        return bytes
    }

    static func asciiSTL(_ triangles: [Triangle], name: String = "cube") -> String {
        var text = "solid \(name)\n"
        for triangle in triangles {
            let normal = triangle.normal ?? .zero
            text += "  facet normal \(normal.x) \(normal.y) \(normal.z)\n    outer loop\n"
            for point in [triangle.a, triangle.b, triangle.c] {
                text += "      vertex \(point.x) \(point.y) \(point.z)\n"
            }
            text += "    endloop\n  endfacet\n"
        }
        return text + "endsolid \(name)\n"
    }

    /// A Wavefront OBJ of `triangles` (one vertex per corner; PrusaSlicer welds them).
    static func obj(_ triangles: [Triangle]) -> String {
        var text = "# onejob test\n"
        for triangle in triangles {
            for point in [triangle.a, triangle.b, triangle.c] { text += "v \(point.x) \(point.y) \(point.z)\n" }
        }
        for index in triangles.indices { text += "f \(3 * index + 1) \(3 * index + 2) \(3 * index + 3)\n" }
        return text
    }

    private static func appendLE(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    /// A fresh temporary directory for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slice-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to directory: URL, name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}

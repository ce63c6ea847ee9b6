import Foundation

@testable import Handler

/// A tiny LDraw library in a temporary folder, built the way the real one is organised.
///
/// `BRICK1.DAT` is a solid 1×1 brick (x, z ∈ [−10, 10], y ∈ [0, 24], −Y up, so the top is y = 0)
/// whose box lives in the subpart `parts/s/BRICK1S01.DAT` and whose stud on top comes from the
/// primitive `p/STUD.DAT`: a 16-segment edge circle at the base and top (`4-4EDGE.DAT`), a cylinder
/// of quads with optional lines (`4-4CYLI.DAT`) and a top disc (`4-4DISC.DAT`). File names are upper
/// case on disk and referenced in lower case; faces are colour 16 and edges colour 24 throughout, so
/// the whole brick takes the job's colour.
final class LDrawMiniLibrary {
    static let segments = 16
    static let studRadius = 6.0
    static let studHeight = 4.0

    let root: URL

    static let ldconfig = """
        0 LDraw.org Configuration File (test subset)
        0 !COLOUR Black                   CODE   0   VALUE #1B2A34   EDGE #808080
        0 !COLOUR Blue                    CODE   1   VALUE #1E5AA8   EDGE #333333
        0 !COLOUR Red                     CODE   4   VALUE #B40000   EDGE #333333
        0 !COLOUR White                   CODE  15   VALUE #F4F4F4   EDGE #808080
        0 !COLOUR Main_Colour             CODE  16   VALUE #7F7F7F   EDGE #333333
        0 !COLOUR Edge_Colour             CODE  24   VALUE #7F7F7F   EDGE #333333
        0 !COLOUR Light_Bluish_Grey       CODE  71   VALUE #A0A5A9   EDGE 0

        """

    static let brick = """
        0 Test Brick 1 x 1
        0 Name: brick1.dat
        0 BFC CERTIFY CCW
        1 16 0 0 0 1 0 0 0 1 0 0 0 1 s\\brick1s01.dat
        1 16 0 0 0 1 0 0 0 1 0 0 0 1 stud.dat

        """

    /// The box: six quads, twelve edges.
    static let box: String = {
        let corners: [(Double, Double, Double)] = [
            (-10, 0, -10), (10, 0, -10), (10, 0, 10), (-10, 0, 10),
            (-10, 24, -10), (10, 24, -10), (10, 24, 10), (-10, 24, 10),
        ]
        func p(_ index: Int) -> String {
            let c = corners[index]
            return "\(c.0) \(c.1) \(c.2)"
        }
        let quads = [[0, 1, 2, 3], [7, 6, 5, 4], [0, 4, 5, 1], [1, 5, 6, 2], [2, 6, 7, 3], [3, 7, 4, 0]]
        let edges = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]]
        var lines = ["0 ~Brick 1 x 1 box"]
        lines += quads.map { q in "4 16 " + q.map(p).joined(separator: " ") }
        lines += edges.map { e in "2 24 " + e.map(p).joined(separator: " ") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }()

    static let stud = """
        0 Stud
        1 16 0 0 0 6 0 0 0 1 0 0 0 6 4-4edge.dat
        1 16 0 -4 0 6 0 0 0 1 0 0 0 6 4-4EDGE.dat
        1 16 0 0 0 6 0 0 0 -4 0 0 0 6 4-4cyli.dat
        1 16 0 -4 0 6 0 0 0 1 0 0 0 6 4-4disc.dat

        """

    static func circlePoint(_ index: Int, y: Double = 0) -> String {
        let angle = 2 * Double.pi * Double(index % segments) / Double(segments)
        return "\(cos(angle)) \(y) \(sin(angle))"
    }

    static let circleEdges: String = {
        (0..<segments).map { "2 24 \(circlePoint($0)) \(circlePoint($0 + 1))" }.joined(separator: "\n")
    }()

    /// Quads from y = 0 to y = 1, and at each vertex an optional line whose controls are its neighbours.
    static let cylinder: String = {
        var lines: [String] = []
        for i in 0..<segments {
            lines.append("4 16 \(circlePoint(i, y: 1)) \(circlePoint(i + 1, y: 1)) \(circlePoint(i + 1)) \(circlePoint(i))")
        }
        for i in 0..<segments {
            lines.append(
                "5 24 \(circlePoint(i)) \(circlePoint(i, y: 1)) \(circlePoint(i + segments - 1)) \(circlePoint(i + 1))")
        }
        return lines.joined(separator: "\n")
    }()

    static let disc: String = {
        (0..<segments).map { "3 16 0 0 0 \(circlePoint($0)) \(circlePoint($0 + 1))" }.joined(separator: "\n")
    }()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ldraw-mini-\(UUID().uuidString)", isDirectory: true)
        try write("LDConfig.ldr", Self.ldconfig)
        try write("parts/BRICK1.DAT", Self.brick)
        try write("parts/s/BRICK1S01.DAT", Self.box)
        try write("p/STUD.DAT", Self.stud)
        try write("p/4-4EDGE.DAT", Self.circleEdges)
        try write("p/4-4CYLI.DAT", Self.cylinder)
        try write("p/4-4DISC.DAT", Self.disc)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("p/48"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("models"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    func library() throws -> LDrawLibrary { try LDrawLibrary(root: root) }
}

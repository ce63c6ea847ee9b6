import Foundation
import FuzzSupport
import Runtime

@testable import HandlerParsers

/// A three-file LDraw library in a temporary folder; the fuzz input becomes `parts/fuzz.dat`.
///
/// `stud.dat` holds one triangle, one quad, one edge and one optional line; `s/side.dat` places the stud
/// twice. So every reference the fuzzer finds (by name, any case, `\` or `/`) has known primitive counts.
final class FuzzLibrary: @unchecked Sendable {
    static let shared = FuzzLibrary()

    let root: URL
    let colors = LDrawColorTable(ldconfig: """
        0 !COLOUR Red    CODE  4 VALUE #B40000 EDGE #333333
        0 !COLOUR Main   CODE 16 VALUE #7F7F7F EDGE #333333
        0 !COLOUR Edge   CODE 24 VALUE #7F7F7F EDGE #333333
        """)
    /// Triangles, edges and optional lines each library file flattens to.
    let known: [String: (triangles: Int, edges: Int, optionals: Int)] = [
        "stud.dat": (3, 1, 1), "s/side.dat": (6, 2, 2), "side.dat": (6, 2, 2),
    ]

    private init() {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onejob-fuzz-ldraw-\(getpid())")
        let stud = """
            3 16 0 0 0 1 0 0 0 0 1
            4 16 0 0 0 1 0 0 1 1 0 0 1 0
            2 24 0 0 0 1 1 1
            5 24 0 0 0 1 0 0 0 1 0 1 0 1
            """
        let side = "1 16 0 0 0 1 0 0 0 1 0 0 0 1 stud.dat\n1 4 5 0 0 1 0 0 0 1 0 0 0 1 STUD.DAT\n"
        let manager = FileManager.default
        try? manager.createDirectory(at: root.appendingPathComponent("parts/s"), withIntermediateDirectories: true)
        try? manager.createDirectory(at: root.appendingPathComponent("p"), withIntermediateDirectories: true)
        manager.createFile(atPath: root.appendingPathComponent("p/stud.dat").path, contents: Data(stud.utf8))
        manager.createFile(atPath: root.appendingPathComponent("parts/s/side.dat").path, contents: Data(side.utf8))
    }

    func checkResolution(of bytes: [UInt8], commands: [LDrawCommand]) {
        let path = root.appendingPathComponent("parts/fuzz.dat").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        let geometry: LDrawGeometry
        do {
            let library = try LDrawLibrary(root: root)
            geometry = try LDrawResolver(library: library, colors: colors, maxPrimitives: 10_000).resolve(part: "fuzz", color: 4)
        } catch {
            Property.check(error.code == .badInput, "resolver failed with \(error.code): \(error)")
            return
        }
        // The resolver reads the file as UTF-8 or Latin-1; only compare counts when both readings agree.
        guard String(validating: bytes, as: UTF8.self) != nil else { return }
        var expected = (triangles: 0, edges: 0, optionals: 0)
        for command in commands {
            switch command {
            case .reference(_, _, let name):
                let key = name.lowercased().replacing("\\", with: "/").split(separator: "/").joined(separator: "/")
                guard let counts = known[key] else {
                    Property.check(false, "resolved an unknown reference \(name)")
                    return
                }
                expected = (expected.triangles + counts.triangles, expected.edges + counts.edges, expected.optionals + counts.optionals)
            case .line: expected.edges += 1
            case .triangle: expected.triangles += 1
            case .quad: expected.triangles += 2
            case .optional: expected.optionals += 1
            }
        }
        Property.check(geometry.triangleCount == expected.triangles, "triangles \(geometry.triangleCount) ≠ \(expected.triangles)")
        Property.check(geometry.edgeCount == expected.edges, "edges \(geometry.edgeCount) ≠ \(expected.edges)")
        Property.check(geometry.optionalCount == expected.optionals, "optional lines \(geometry.optionalCount) ≠ \(expected.optionals)")
        Property.check(geometry.triangles.count == 3 * geometry.triangleCount, "three points per triangle")
        Property.check(geometry.triangleColors.allSatisfy { geometry.palette.indices.contains($0) }, "colour indices in the palette")
    }
}

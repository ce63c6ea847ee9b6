import Foundation
import Runtime
import Testing

@testable import Handler

@Suite struct LDrawResolverTests {
    static func resolve(_ mini: LDrawMiniLibrary, part: String = "brick1", color: Int = 4) throws -> LDrawGeometry {
        let library = try mini.library()
        return try LDrawResolver(library: library, colors: try library.colorTable()).resolve(part: part, color: color)
    }

    @Test func flattensTheBrickWithItsSubpartAndPrimitives() throws {
        let mini = try LDrawMiniLibrary()
        let geometry = try Self.resolve(mini)
        let n = LDrawMiniLibrary.segments
        #expect(geometry.triangleCount == 12 + 2 * n + n, "box quads, cylinder quads, disc")
        #expect(geometry.edgeCount == 12 + 2 * n, "box edges and the two stud circles")
        #expect(geometry.optionalCount == n)
        #expect(geometry.filesRead == 6, "4-4edge.dat placed twice is read once")
    }

    @Test func primitivesArePlacedByTheComposedTransforms() throws {
        let mini = try LDrawMiniLibrary()
        let geometry = try Self.resolve(mini)
        let studTop = geometry.triangles.filter { abs($0.y + LDrawMiniLibrary.studHeight) < 1e-9 }
        #expect(!studTop.isEmpty)
        let radii = studTop.map { ($0.x * $0.x + $0.z * $0.z).squareRoot() }
        #expect(radii.allSatisfy { $0 < 1e-9 || abs($0 - LDrawMiniLibrary.studRadius) < 1e-9 })
        let ys = geometry.allPoints.map(\.y)
        #expect(ys.min() == -LDrawMiniLibrary.studHeight && ys.max() == 24)
    }

    @Test func colour16TakesThePartColourAnd24ItsEdgeColour() throws {
        let mini = try LDrawMiniLibrary()
        let geometry = try Self.resolve(mini, color: 1)
        #expect(Set(geometry.triangleColors.map { geometry.palette[$0] }) == ["#1e5aa8"])
        #expect(Set(geometry.edgeColors.map { geometry.palette[$0] }) == ["#333333"])
        #expect(Set(geometry.optionalColors.map { geometry.palette[$0] }) == ["#333333"])
    }

    @Test func anExplicitColourOnAReferenceOverridesTheInheritedOne() throws {
        let mini = try LDrawMiniLibrary()
        try mini.write(
            "parts/two.dat",
            "1 16 0 0 0 1 0 0 0 1 0 0 0 1 s\\brick1s01.dat\n1 15 0 0 0 1 0 0 0 1 0 0 0 1 stud.dat\n")
        let geometry = try Self.resolve(mini, part: "two.dat", color: 4)
        let colors = Set(geometry.triangleColors.map { geometry.palette[$0] })
        #expect(colors == ["#b40000", "#f4f4f4"])
        let edgeColors = Set(geometry.edgeColors.map { geometry.palette[$0] })
        #expect(edgeColors == ["#333333", "#808080"], "white's edge colour inside the white stud")
    }

    @Test func aMissingSubfileIsBadInputNamingIt() throws {
        let mini = try LDrawMiniLibrary()
        try mini.remove("p/4-4CYLI.DAT")
        let error = #expect(throws: JobError.self) { try Self.resolve(mini) }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("subfile 4-4cyli.dat referenced by stud.dat") == true, "\(String(describing: error))")
    }

    @Test func anUnknownPartIsBadInput() throws {
        let mini = try LDrawMiniLibrary()
        let error = #expect(throws: JobError.self) { try Self.resolve(mini, part: "3001") }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("part 3001.dat is not in the LDraw library") == true)
    }

    @Test func anUnknownJobColourIsBadInput() throws {
        let mini = try LDrawMiniLibrary()
        let error = #expect(throws: JobError.self) { try Self.resolve(mini, color: 999) }
        #expect(error == .badInput("colour 999 is not defined in the library's LDConfig.ldr"))
    }

    @Test func aReferenceLoopIsBadInput() throws {
        let mini = try LDrawMiniLibrary()
        try mini.write("parts/loop.dat", "1 16 0 0 0 1 0 0 0 1 0 0 0 1 LOOP2.dat\n")
        try mini.write("parts/loop2.dat", "1 16 0 0 0 1 0 0 0 1 0 0 0 1 loop.dat\n")
        let error = #expect(throws: JobError.self) { try Self.resolve(mini, part: "loop") }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("references itself") == true)
    }

    @Test func aPrimitiveBudgetStopsRunawayParts() throws {
        let mini = try LDrawMiniLibrary()
        let library = try mini.library()
        let resolver = LDrawResolver(library: library, colors: try library.colorTable(), maxPrimitives: 20)
        let error = #expect(throws: JobError.self) { try resolver.resolve(part: "brick1", color: 4) }
        #expect(error?.message.contains("more than 20 primitives") == true)
    }

    @Test func theGeometryFileIsJSONWithFlatArrays() throws {
        let mini = try LDrawMiniLibrary()
        let geometry = try Self.resolve(mini)
        let value = try JSONParser.parse(geometry.jsonBytes())
        #expect(value["triangles"]?.arrayValue?.count == geometry.triangleCount * 9)
        #expect(value["edges"]?.arrayValue?.count == geometry.edgeCount * 6)
        #expect(value["optionals"]?.arrayValue?.count == geometry.optionalCount * 12)
        #expect(value["palette"] == .array(geometry.palette.map { .string($0) }))
        #expect(value["edgeColors"]?.arrayValue?.count == geometry.edgeCount)
    }
}

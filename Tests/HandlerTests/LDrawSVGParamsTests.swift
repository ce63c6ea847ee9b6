import Runtime
import Testing

@testable import Handler

@Suite struct LDrawSVGParamsTests {
    @Test func defaultsAreFilledIn() throws {
        let params = try LDrawSVGParams(validating: .object(["part": .string("3001")]))
        #expect(params.color == 4 && params.thickness == 2 && params.size == 800)
        #expect(params.latitude == 30 && params.longitude == 45)
        #expect(params.fill == .none && params.background == "transparent")
        #expect(params.stem == "3001")
        #expect(try LDrawSVGParams(validating: .object(["part": .string("3001.dat")])).stem == "3001")
    }

    @Test func backgroundIsNormalised() throws {
        let short = try LDrawSVGParams(validating: .object(["part": .string("a"), "background": .string("#FfF")]))
        #expect(short.background == "#ffffff")
        let handler = LDrawSVGHandler()
        let normalized = try handler.normalize(params: .object(["part": .string("a"), "background": .string("#ABCDEF")]))
        #expect(normalized["background"] == .string("#abcdef"))
    }

    @Test(arguments: [
        "../x", "a/b", "a\\b", "", ".dat", "x.dat.dat", "x.DAT", "3001 ", "%2e%2e", "é", "a;b", "..", String(repeating: "a", count: 65),
    ])
    func hostilePartIDsAreUsageErrors(part: String) {
        let error = #expect(throws: JobError.self) { try LDrawSVGParams(validating: .object(["part": .string(part)])) }
        #expect(error?.code == .invalidJob)
        #expect(error?.detail["path"] == "params.part")
    }

    @Test(arguments: [
        ("color", JSONValue.number(16)), ("color", .number(24)), ("color", .number(-1)), ("color", .number(1.5)),
        ("thickness", .number(0)), ("size", .number(10)), ("size", .number(9000)), ("latitude", .number(91)),
        ("fill", .string("solid")), ("background", .string("red")), ("background", .string("#12345")),
        ("colour", .number(4)),
    ])
    func outOfRangeOrUnknownIsAUsageErrorNamingThePath(key: String, value: JSONValue) {
        let error = #expect(throws: JobError.self) {
            try LDrawSVGParams(validating: .object(["part": .string("3001"), key: value]))
        }
        #expect(error?.code == .invalidJob)
        #expect(error?.detail["path"] == "params.\(key)")
    }

    @Test func partIsRequired() {
        let error = #expect(throws: JobError.self) { try LDrawSVGParams(validating: .object([:])) }
        #expect(error?.detail["path"] == "params.part")
    }
}

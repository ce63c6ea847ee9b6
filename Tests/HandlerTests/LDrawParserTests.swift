import Runtime
import Testing

@testable import Handler

@Suite struct LDrawParserTests {
    @Test func everyLineTypeWithTheirFields() throws {
        let text = """
            0 comment 1 2 3
            0 BFC INVERTNEXT
            1 16 1 2 3 1 0 0 0 1 0 0 0 1 s\\my part.dat
            2 24 0 0 0 1 1 1
            3 4 0 0 0 1 0 0 0 1 0
            4 0x2FF0000 0 0 0 1 0 0 1 1 0 0 1 0
            5 24 0 0 0 0 1 0 1 0 0 -1 0 0

            """
        let commands = try LDrawParser.parse(text, file: "t.dat")
        #expect(commands.count == 5)
        #expect(
            commands[0]
                == .reference(
                    color: 16, transform: LDrawTransform(matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], offset: LDrawVector(1, 2, 3)),
                    name: "s\\my part.dat"))
        #expect(commands[1] == .line(color: 24, LDrawVector(0, 0, 0), LDrawVector(1, 1, 1)))
        #expect(commands[2] == .triangle(color: 4, LDrawVector(0, 0, 0), LDrawVector(1, 0, 0), LDrawVector(0, 1, 0)))
        #expect(
            commands[3]
                == .quad(
                    color: 0x2FF_0000, LDrawVector(0, 0, 0), LDrawVector(1, 0, 0), LDrawVector(1, 1, 0),
                    LDrawVector(0, 1, 0)))
        #expect(
            commands[4]
                == .optional(
                    color: 24, LDrawVector(0, 0, 0), LDrawVector(0, 1, 0), control1: LDrawVector(1, 0, 0),
                    control2: LDrawVector(-1, 0, 0)))
    }

    @Test func crlfTabsAndLeadingSpaces() throws {
        let commands = try LDrawParser.parse("  2\t24 0 0 0  1 0 0\r\n\t3 16 0 0 0 1 0 0 0 0 1\r\n", file: "t.dat")
        #expect(commands.count == 2)
    }

    @Test(arguments: [
        ("2 24 0 0 0 1 1", "line 1: type 2 needs 7 fields"),
        ("3 16 0 0 0 1 x 0 0 1 0", "\"x\" is not a number"),
        ("7 16 0 0 0", "unknown line type 7"),
        ("1 red 0 0 0 1 0 0 0 1 0 0 0 1 a.dat", "bad colour"),
        ("3 16 0 0 0 1 nan 0 0 1 0", "\"nan\" is not a number"),
    ])
    func malformedLinesAreBadInputNamingFileAndLine(line: String, fragment: String) {
        let error = #expect(throws: JobError.self) { try LDrawParser.parse("0 ok\n" + line, file: "bad.dat") }
        #expect(error?.code == .badInput)
        #expect(error?.message.hasPrefix("bad.dat line 2") == true, "\(String(describing: error))")
        #expect(error?.message.contains(fragment.replacingOccurrences(of: "line 1: ", with: "")) == true,
                "\(String(describing: error))")
    }

    @Test func transformsComposeParentAfterChild() {
        let parent = LDrawTransform(matrix: [2, 0, 0, 0, 2, 0, 0, 0, 2], offset: LDrawVector(10, 0, 0))
        let child = LDrawTransform(matrix: [0, 0, 1, 0, 1, 0, -1, 0, 0], offset: LDrawVector(0, 5, 0))
        let point = LDrawVector(1, 2, 3)
        #expect(parent.composed(with: child).apply(point) == parent.apply(child.apply(point)))
        #expect(parent.composed(with: child).apply(point) == LDrawVector(16, 14, -2))
    }
}

@Suite struct LDrawColorTableTests {
    @Test func readsCodesValuesAndEdges() {
        let table = LDrawColorTable(ldconfig: LDrawMiniLibrary.ldconfig)
        #expect(table.value(4) == "#b40000")
        #expect(table.edge(4) == "#333333")
        #expect(table.entries[4]?.name == "Red")
        #expect(table.edge(71) == "#1b2a34", "EDGE 0 names colour 0 by code")
        #expect(table.value(999) == nil)
    }

    @Test func directColoursNeedNoTable() {
        let table = LDrawColorTable(entries: [:])
        #expect(table.value(0x2_00FF80) == "#00ff80")
        #expect(table.value(0x2_000001) == "#000001")
        #expect(table.edge(0x2_123456) == "#000000")
    }
}

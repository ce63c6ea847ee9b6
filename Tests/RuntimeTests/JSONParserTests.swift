import Testing

@testable import Runtime

@Suite struct JSONParserTests {
    @Test func parsesEveryValueKindKeepingMemberOrder() throws {
        let value = try JSONParser.parse(Array(#"{"b":[1,-2.5e3,true,false,null],"a":"x\u00e9\n","c":{}}"#.utf8))
        #expect(value.objectValue?.map(\.key) == ["b", "a", "c"])
        #expect(value["b"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(value["a"] == .string("xé\n"))
    }

    @Test func decodesSurrogatePairsAndRawUTF8() throws {
        let value = try JSONParser.parse(Array(#"["\ud83d\ude00","😀","עברית"]"#.utf8))
        #expect(value == .array([.string("😀"), .string("😀"), .string("עברית")]))
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate key \"a\"", 1, 8),
        ("{\n  \"a\": tru }", "invalid literal", 2, 8),
        (#"{"a":1,}"#, "expected a string key", 1, 8),
        (#"[1 2]"#, "expected ',' or ']'", 1, 4),
        (#"{"a":01}"#, "leading zero", 1, 7),
        (#"{"a":1e999}"#, "out of range", 1, 6),
        (#"{"a":NaN}"#, "NaN and Infinity are not JSON numbers", 1, 6),
        (#"["\ud800"]"#, "lone high surrogate", 1, 9),
        (#"{} x"#, "unexpected data after", 1, 4),
        ("[\"a\tb\"]", "control character", 1, 4),
        ("", "unexpected end of input", 1, 1),
    ])
    func rejectsWithPosition(text: String, fragment: String, line: Int, column: Int) {
        #expect {
            _ = try JSONParser.parse(Array(text.utf8))
        } throws: { error in
            guard let failure = error as? JSONParser.Failure else { return false }
            return failure.message.contains(fragment) && failure.line == line && failure.column == column
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
        let truncated: [UInt8] = [0x22, 0xE2, 0x82, 0x22]
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(truncated) }
    }

    @Test func limitsNestingDepthWithoutCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect {
            _ = try JSONParser.parse(Array(deep.utf8))
        } throws: { error in
            (error as? JSONParser.Failure)?.message.contains("nesting deeper") ?? false
        }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect((try? JSONParser.parse(Array(fine.utf8))) != nil)
    }

    @Test func canonicalTextSortsKeysAndNormalisesIntegers() throws {
        let a = try JSONParser.parse(Array(#"{"b": 20.0, "a": {"y": "\u2028", "x": [1, 2.5]}}"#.utf8))
        let b = try JSONParser.parse(Array(#"{"a":{"x":[1,2.5],"y":"\u2028"},"b":20}"#.utf8))
        #expect(a.canonicalText == b.canonicalText)
        #expect(a.canonicalText == #"{"a":{"x":[1,2.5],"y":"\u2028"},"b":20}"#)
    }

    @Test func prettyTextRoundTrips() throws {
        let value = try JSONParser.parse(Array(#"{"s":"q\"\\\u0001","n":[],"o":{},"f":0.125}"#.utf8))
        #expect(try JSONParser.parse(Array(value.prettyText().utf8)) == value)
        #expect(try JSONParser.parse(Array(value.compactText.utf8)) == value)
    }
}

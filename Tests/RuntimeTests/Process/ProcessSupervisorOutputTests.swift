import Testing
@testable import Runtime

@Suite("LineSplitter and OutputTail")
struct ProcessSupervisorOutputTests {
    @Test func splitsOnAllLineEndingsAcrossChunks() {
        var splitter = LineSplitter()
        var lines = splitter.feed(Array("a\nb\r\nc".utf8))
        lines += splitter.feed(Array("d\r".utf8))
        lines += splitter.feed(Array("\ne\rf".utf8))
        #expect(lines == ["a", "b", "cd", "e"])
        #expect(splitter.finish() == "f")
        #expect(splitter.finish() == nil)
    }

    @Test func emptyLinesAreKept() {
        var splitter = LineSplitter()
        #expect(splitter.feed(Array("\n\nx\n".utf8)) == ["", "", "x"])
    }

    @Test func longLinesAreCutWithoutAnExtraEmptyLine() {
        var splitter = LineSplitter(maxLineLength: 4)
        #expect(splitter.feed(Array("abcdefgh\nij\n".utf8)) == ["abcd", "efgh", "ij"])
        #expect(splitter.feed(Array("abcd\r\n".utf8)) == ["abcd"])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var splitter = LineSplitter()
        #expect(splitter.feed([0xFF, 0x41, 0x0A]) == ["\u{FFFD}A"])
    }

    @Test func tailKeepsEverythingBelowCapacity() {
        var tail = OutputTail(capacity: 10)
        tail.append(Array("hello".utf8))
        #expect(tail.text == "hello")
        #expect(tail.droppedBytes == 0)
    }

    @Test func tailKeepsTheLastBytesAcrossManyAppends() {
        var tail = OutputTail(capacity: 5)
        for chunk in ["abc", "defg", "h", "ijklmnopq", "rs"] {
            tail.append(Array(chunk.utf8))
        }
        #expect(tail.text == "opqrs")
        #expect(tail.totalBytes == 19)
        #expect(tail.droppedBytes == 14)
    }

    @Test func tailWithOneHugeChunk() {
        var tail = OutputTail(capacity: 3)
        tail.append(Array("xy".utf8))
        tail.append(Array(repeating: UInt8(ascii: "a"), count: 1000) + Array("END".utf8))
        #expect(tail.text == "END")
    }

    @Test func zeroCapacityKeepsNothing() {
        var tail = OutputTail(capacity: 0)
        tail.append(Array("abc".utf8))
        #expect(tail.text.isEmpty)
        #expect(tail.totalBytes == 3)
    }
}

/// A JSON Lines batch: one job document per line; blank lines are ignored and do not count.
public enum BatchFile {
    /// One job of the batch: its 0-based position among jobs, its 1-based line, its bytes.
    public struct Entry: Sendable, Equatable {
        public var position: Int
        public var line: Int
        public var document: [UInt8]
    }

    public static func entries(_ bytes: [UInt8]) -> [Entry] {
        var entries: [Entry] = []
        var line = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            var slice = raw[...]
            while let last = slice.last, last == UInt8(ascii: "\r") || last == 0x20 || last == 0x09 { slice = slice.dropLast() }
            while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
            if slice.isEmpty { continue }
            entries.append(Entry(position: entries.count, line: line, document: Array(slice)))
        }
        return entries
    }
}

import Runtime

/// LDraw colour codes and their RGB values, from the library's `LDConfig.ldr`.
///
/// Each `0 !COLOUR name CODE n VALUE #RRGGBB EDGE #RRGGBB` line defines a colour and the colour its
/// edge lines are drawn in. Codes 16 ("the colour of the reference") and 24 ("its edge colour") are
/// not colours but inheritance, resolved by ``LDrawResolver``. Direct colours `0x2RRGGBB` need no table.
public struct LDrawColorTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// `#rrggbb`, lower case.
        public var value: String
        public var edge: String
    }

    public static let main = 16
    public static let edge = 24
    /// Direct colours: `0x2RRGGBB` (the range a job's `color` may also use).
    public static let directColors = 0x200_0000...0x2FF_FFFF

    public var entries: [Int: Entry]

    public init(entries: [Int: Entry]) {
        self.entries = entries
    }

    /// Reads every `!COLOUR` line; other lines are ignored.
    public init(ldconfig text: String) {
        var entries: [Int: Entry] = [:]
        var edgeCodes: [Int: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 3, words[0] == "0", words[1] == "!COLOUR" else { continue }
            func word(after key: String) -> Substring? {
                guard let index = words.firstIndex(of: Substring(key)), index + 1 < words.count else { return nil }
                return words[index + 1]
            }
            guard let code = word(after: "CODE").flatMap({ Int($0) }),
                let value = word(after: "VALUE").flatMap(Self.hex)
            else { continue }
            let edgeWord = word(after: "EDGE")
            let edge = edgeWord.flatMap(Self.hex) ?? value
            if let edgeWord, let edgeCode = Int(edgeWord) { edgeCodes[code] = edgeCode }
            entries[code] = Entry(name: String(words[2]), value: value, edge: edge)
        }
        // EDGE may name another colour by code instead of a hex value.
        for (code, edgeCode) in edgeCodes {
            if let target = entries[edgeCode] { entries[code]?.edge = target.value }
        }
        self.entries = entries
    }

    /// The fill colour of `code`, or `nil` when the table does not know it.
    public func value(_ code: Int) -> String? {
        if Self.directColors.contains(code) { return Self.direct(code) }
        return entries[code]?.value
    }

    /// The edge colour of `code`: what a 24 line under a `code` reference is drawn in.
    public func edge(_ code: Int) -> String? {
        if Self.directColors.contains(code) { return "#000000" }
        return entries[code]?.edge
    }

    static func direct(_ code: Int) -> String {
        let rgb = code & 0xFF_FFFF
        let digits = String(rgb, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// `#RRGGBB` (or `0x…`) as `#rrggbb`; `nil` for anything else.
    static func hex(_ word: Substring) -> String? {
        var digits = word
        if digits.hasPrefix("#") { digits = digits.dropFirst() } else if digits.hasPrefix("0x") { digits = digits.dropFirst(2) }
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
        return "#" + digits.lowercased()
    }
}

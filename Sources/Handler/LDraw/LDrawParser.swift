import Foundation
import Runtime

/// Turns the text of one LDraw file into its drawing commands (types 1–5).
///
/// Pure, so every line shape is table-tested. A malformed drawing line is bad input naming the file
/// and line: silently skipping it would draw a part with a hole and nobody would know why.
public enum LDrawParser {
    /// - Parameters:
    ///   - text: the file's contents (any of `\n`, `\r\n`, `\r` line ends; tabs count as spaces).
    ///   - file: the name used in error messages.
    /// - Throws: ``JobError`` `.badInput` for a drawing line with missing or non-numeric fields.
    public static func parse(_ text: String, file: String) throws(JobError) -> [LDrawCommand] {
        var commands: [LDrawCommand] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let line = rawLine.replacing("\t", with: " ")
            guard let first = line.first(where: { $0 != " " }), first != "0" else { continue }
            if let command = try parseLine(String(line), file: file, lineNumber: lineNumber) { commands.append(command) }
        }
        return commands
    }

    private static func parseLine(_ line: String, file: String, lineNumber: Int) throws(JobError) -> LDrawCommand? {
        func fail(_ why: String) -> JobError { .badInput("\(file) line \(lineNumber): \(why)") }
        let fields = line.split(separator: " ", maxSplits: 14, omittingEmptySubsequences: true)
        guard let type = Int(fields[0]) else { throw fail("unknown line type \"\(fields[0])\"") }
        let expected: [Int: Int] = [1: 15, 2: 8, 3: 11, 4: 14, 5: 14]
        guard let count = expected[type] else {
            throw fail("unknown line type \(type)")
        }
        guard fields.count >= count else { throw fail("type \(type) needs \(count - 1) fields, found \(fields.count - 1)") }
        guard let color = color(fields[1]) else { throw fail("bad colour \"\(fields[1])\"") }
        var numbers: [Double] = []
        let numberCount = type == 1 ? 12 : count - 2
        for field in fields[2..<(2 + numberCount)] {
            guard let number = Double(field), number.isFinite else { throw fail("\"\(field)\" is not a number") }
            numbers.append(number)
        }
        func point(_ index: Int) -> LDrawVector {
            LDrawVector(numbers[index * 3], numbers[index * 3 + 1], numbers[index * 3 + 2])
        }
        switch type {
        case 1:
            // The file name is the rest of the line and may contain spaces.
            let name = fields[14...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw fail("type 1 without a file name") }
            return .reference(
                color: color, transform: LDrawTransform(matrix: Array(numbers[3..<12]), offset: point(0)), name: name)
        case 2:
            guard fields.count == count else { throw fail("type 2 takes 7 fields") }
            return .line(color: color, point(0), point(1))
        case 3:
            return .triangle(color: color, point(0), point(1), point(2))
        case 4:
            return .quad(color: color, point(0), point(1), point(2), point(3))
        default:
            return .optional(color: color, point(0), point(1), control1: point(2), control2: point(3))
        }
    }

    /// A colour field: a decimal code, or a direct colour written `0x2RRGGBB`.
    static func color(_ field: Substring) -> Int? {
        if field.hasPrefix("0x") || field.hasPrefix("0X") { return Int(field.dropFirst(2), radix: 16) }
        return Int(field)
    }
}

@testable import HandlerParsers

/// LDraw text written and counted independently of the parser.
enum LDrawText {
    /// Lines whose first non-blank character is not `0` (comments and meta commands) and that are not blank.
    static func drawingLineCount(_ text: String) -> Int {
        var count = 0
        var line: [Character] = []
        func finish() {
            if let first = line.first(where: { $0 != " " && $0 != "\t" }), first != "0" { count += 1 }
            line.removeAll()
        }
        for character in text {
            if character == "\n" || character == "\r" || character == "\r\n" { finish() } else { line.append(character) }
        }
        finish()
        return count
    }

    /// One line per command; Swift's shortest round-tripping `Double` description keeps every number exact.
    static func write(_ commands: [LDrawCommand]) -> String {
        func points(_ vectors: LDrawVector...) -> String {
            vectors.map { "\($0.x) \($0.y) \($0.z)" }.joined(separator: " ")
        }
        var lines: [String] = ["0 written back"]
        for command in commands {
            switch command {
            case .reference(let color, let transform, let name):
                let matrix = transform.m.map { "\($0)" }.joined(separator: " ")
                lines.append("1 \(color) \(points(transform.offset)) \(matrix) \(name)")
            case .line(let color, let a, let b): lines.append("2 \(color) \(points(a, b))")
            case .triangle(let color, let a, let b, let c): lines.append("3 \(color) \(points(a, b, c))")
            case .quad(let color, let a, let b, let c, let d): lines.append("4 \(color) \(points(a, b, c, d))")
            case .optional(let color, let a, let b, let c1, let c2): lines.append("5 \(color) \(points(a, b, c1, c2))")
            }
        }
        return lines.joined(separator: "\r\n")
    }
}

/// Serialisation of ``JSONValue``: canonical (sorted keys, compact) for hashing, pretty for people.
extension JSONValue {
    /// Compact JSON with object keys sorted by their UTF-8 bytes: the form a job's `id` is hashed from,
    /// so the same job always gets the same id whatever order its fields were written in.
    public var canonicalText: String {
        var out = ""
        write(to: &out, sorted: true, indent: nil, level: 0)
        return out
    }

    /// Indented JSON in member order, for `onejob validate` and files people read.
    public func prettyText(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, sorted: false, indent: indent, level: 0)
        return out
    }

    /// Compact JSON in member order (JSON lines, HTTP bodies).
    public var compactText: String {
        var out = ""
        write(to: &out, sorted: false, indent: nil, level: 0)
        return out
    }

    private func write(to out: inout String, sorted: Bool, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(number: value)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                element.write(to: &out, sorted: sorted, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let ordered = sorted ? members.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) } : members
            out += "{"
            for (offset, member) in ordered.enumerated() {
                if offset > 0 { out += "," }
                newline(&out, indent: indent, level: level + 1)
                Self.writeString(member.key, to: &out)
                out += indent == nil ? ":" : ": "
                member.value.write(to: &out, sorted: sorted, indent: indent, level: level + 1)
            }
            newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    /// Integral values within 2^53 print without a fraction, so `20` and `20.0` hash alike.
    static func format(number: Double) -> String {
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

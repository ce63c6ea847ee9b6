/// A tolerant scanner for the flat XML documents S3 and STS return.
///
/// Written instead of using `XMLParser` because the client needs a handful of leaf values from small,
/// machine-generated documents (`<UploadId>`, `<ETag>`, `<Code>`), with namespaces and attributes ignored;
/// a pure function over a string is easier to test and has no delegate state. It does not validate.
enum S3XML {
    /// Inner text of every `<tag>…</tag>` (attributes allowed, `<tag/>` gives ""), in document order.
    /// Nested elements of the same name are not supported (S3 documents have none).
    static func elements(_ tag: String, in text: String) -> [Substring] {
        var results: [Substring] = []
        var rest = text[...]
        let close = "</\(tag)>"
        while let open = nextOpening(tag, in: rest) {
            if open.selfClosing {
                results.append(rest[open.end..<open.end])
                rest = rest[open.end...]
                continue
            }
            guard let closing = rest[open.end...].range(of: close) else { break }
            results.append(rest[open.end..<closing.lowerBound])
            rest = rest[closing.upperBound...]
        }
        return results
    }

    /// The decoded text of the first `<tag>` in `text`.
    static func value(_ tag: String, in text: Substring) -> String? {
        elements(tag, in: String(text)).first.map { decodeEntities(String($0)) }
    }

    static func value(_ tag: String, in text: String) -> String? {
        value(tag, in: text[...])
    }

    /// Finds `<tag>`, `<tag attr="…">` or `<tag/>`, not `<tagLonger>`.
    private static func nextOpening(_ tag: String, in text: Substring) -> (end: Substring.Index, selfClosing: Bool)? {
        var searchFrom = text.startIndex
        let opener = "<\(tag)"
        while let found = text[searchFrom...].range(of: opener) {
            var index = found.upperBound
            guard index < text.endIndex else { return nil }
            let next = text[index]
            if next == ">" { return (text.index(after: index), false) }
            // `isNewline` rather than "\n": a CR LF pair is one `Character`.
            if next == " " || next == "/" || next == "\t" || next.isNewline {
                guard let gt = text[index...].firstIndex(of: ">") else { return nil }
                index = gt
                let selfClosing = text[text.index(before: gt)] == "/"
                return (text.index(after: gt), selfClosing)
            }
            searchFrom = found.upperBound
        }
        return nil
    }

    /// Replaces the five predefined entities and numeric character references; unknown ones stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semi]
            if let decoded = decodeEntity(name) {
                out += decoded
            } else {
                out += rest[amp...semi]
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    private static func decodeEntity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let scalar: UInt32?
            if digits.first == "x" || digits.first == "X" {
                scalar = UInt32(digits.dropFirst(), radix: 16)
            } else {
                scalar = UInt32(digits, radix: 10)
            }
            return scalar.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// Escapes text for an element body (the Complete request's ETag values contain quotes).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The canonical headers and signed headers lines of the canonical request.
///
/// Names are lowercased and sorted; values are trimmed with inner whitespace runs (including the line breaks
/// of folded multi-line values) collapsed to one space; repeated names are joined with `,` in request order.
struct CanonicalHeaders: Sendable, Hashable {
    /// `name:value\n` for each distinct name, sorted (ends with a newline, as the spec's blank line needs).
    let block: String
    /// `a;b;c`, the `SignedHeaders` value.
    let signedHeaders: String

    init(_ headers: [SigV4Request.Header]) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = Self.lowercaseASCII(header.name)
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(Self.normalizeValue(header.value))
        }
        let names = order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        block = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        signedHeaders = names.joined(separator: ";")
    }

    /// Lowercases ASCII only: header names are tokens, and locale-aware lowercasing could change bytes.
    static func lowercaseASCII(_ string: String) -> String {
        String(
            decoding: string.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 },
            as: UTF8.self)
    }

    /// Trims and collapses runs of spaces, tabs and line breaks to a single space.
    static func normalizeValue(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

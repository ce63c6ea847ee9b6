/// Builds the status and header list of the final response from the raw header lines libcurl hands over.
///
/// libcurl passes every header line of every response it reads: interim `100 Continue` blocks and, when
/// redirects are followed, each redirect's headers. Each status line therefore starts a fresh block, so only
/// the last response's headers survive. Pure, so it is tested without a server.
struct ResponseHeaderParser: Sendable {
    private(set) var status: Int = 0
    private(set) var headers: [(String, String)] = []

    mutating func consume(line raw: some Collection<UInt8>) {
        var line = Array(raw)
        while let last = line.last, last == 0x0D || last == 0x0A { line.removeLast() }
        if line.isEmpty { return }
        if line.starts(with: Array("HTTP/".utf8)) {
            status = Self.statusCode(of: line) ?? 0
            headers = []
            return
        }
        if line[0] == 0x20 || line[0] == 0x09 {
            // Obsolete line folding (RFC 9112 §5.2): the line continues the previous value.
            guard !headers.isEmpty else { return }
            let extra = Self.trimmed(line[...])
            let index = headers.count - 1
            headers[index].1 += headers[index].1.isEmpty ? extra : " " + extra
            return
        }
        guard let colon = line.firstIndex(of: 0x3A) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        headers.append((name, Self.trimmed(line[(colon + 1)...])))
    }

    /// The three digits after the first space of `HTTP/x[.y] NNN reason`.
    private static func statusCode(of line: [UInt8]) -> Int? {
        guard let space = line.firstIndex(of: 0x20) else { return nil }
        let digits = line[(space + 1)...].prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard digits.count == 3 else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

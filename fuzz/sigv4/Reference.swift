import FuzzSupport
import SigV4

/// An independent, deliberately plain reading of the SigV4 rules the fuzzer compares the signer with.
enum Reference {
    /// `%XX` → byte; anything else passes through. Malformed escapes pass through too: the encoder never
    /// writes them, and the round-trip check would then fail loudly.
    static func percentDecode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// Only unreserved bytes (and `/` when kept) and `%` followed by two upper-case hex digits.
    static func isEncoded(_ text: String, keepSlash: Bool) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isUpperHex(bytes[index + 1]), isUpperHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard URIEncoding.isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) else { return false }
            index += 1
        }
        return true
    }

    /// Trim, then collapse each run of space, tab, CR and LF to one space (the spec's `Trimall`).
    static func normalize(_ value: String) -> String {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        let words = value.utf8.split(whereSeparator: { blank.contains($0) })
        return String(decoding: Array(words.map(Array.init).joined(separator: [0x20])), as: UTF8.self)
    }

    /// `a=b&c=d` → decoded pairs; nil when a pair has no `=` (the signer always writes one).
    static func parseQuery(_ query: String) -> [(name: [UInt8], value: [UInt8], encoded: (String, String))]? {
        guard !query.isEmpty else { return [] }
        var pairs: [(name: [UInt8], value: [UInt8], encoded: (String, String))] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            pairs.append((percentDecode(name), percentDecode(value), (name, value)))
        }
        return pairs
    }

    static func isLowerHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Splits the canonical request back into its six parts and compares each with the request.
    static func checkRoundTrip(_ canonical: CanonicalRequest, of request: SigV4Request, signer: SigV4Signer) {
        let lines = Array(canonical.text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        Property.check(lines.count >= 6, "canonical request has six parts: \(canonical.text.debugDescription)")
        Property.check(lines[0] == request.method, "method line")

        // Canonical URI.
        let uri = lines[1]
        if signer.rules.normalizesPath {
            Property.check(Reference.percentDecode(uri) == Array(dotless(request.wirePath).utf8), "generic URI is the normalised path encoded again")
        } else {
            Property.check(uri == request.wirePath, "S3 URI is the wire path as sent")
            if !request.pathIsEncoded {
                let expected = request.path.isEmpty ? [UInt8(ascii: "/")] : Array(request.path.utf8)
                Property.check(percentDecode(uri) == expected, "S3 URI decodes to the key \(request.path.debugDescription)")
            }
        }

        // Canonical query: every item once, decoded back to what was given, in sorted order.
        guard let pairs = parseQuery(lines[2]) else {
            Property.check(false, "query \(lines[2].debugDescription) has a pair without '='")
            return
        }
        let given = request.query.map { (Array($0.name.utf8), Array($0.value.utf8)) }.sorted(by: precedes)
        let found = pairs.map { ($0.name, $0.value) }.sorted(by: precedes)
        Property.check(given.elementsEqual(found, by: { $0.0 == $1.0 && $0.1 == $1.1 }), "query round-trips: \(lines[2])")
        let encoded = pairs.map(\.encoded)
        Property.check(
            zip(encoded, encoded.dropFirst()).allSatisfy { a, b in
                a.0 != b.0 ? a.0.utf8.lexicographicallyPrecedes(b.0.utf8) : !b.1.utf8.lexicographicallyPrecedes(a.1.utf8)
            }, "query sorted by encoded name, then value")

        // Canonical headers up to the blank line, then the signed headers and the payload hash.
        guard let blank = lines[3...].firstIndex(of: "") else {
            Property.check(false, "no blank line after the canonical headers")
            return
        }
        Property.check(lines.count == blank + 3, "signed headers and payload follow the blank line")
        var expected: [String: [String]] = [:]
        var order: [String] = []
        for header in request.headers {
            let name = String(decoding: header.name.utf8.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
            if expected[name] == nil { order.append(name) }
            expected[name, default: []].append(normalize(header.value))
        }
        let names = order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let headerLines = Array(lines[3..<blank])
        Property.check(headerLines.count == names.count, "one canonical header line per distinct name")
        for (line, name) in zip(headerLines, names) {
            Property.check(line == name + ":" + (expected[name] ?? []).joined(separator: ","), "header line \(line.debugDescription)")
        }
        Property.check(lines[blank + 1] == names.joined(separator: ";"), "signed headers line")
        Property.check(canonical.signedHeaders == lines[blank + 1], "signedHeaders value matches its line")
        Property.check(lines[blank + 2] == request.payload.value, "payload hash line")
    }

    /// RFC 3986 §5.2.4 dot removal plus slash collapsing, as the generic rules ask.
    private static func dotless(_ path: String) -> String {
        var stack: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments where segment != "" && segment != "." {
            if segment == ".." { _ = stack.popLast() } else { stack.append(segment) }
        }
        guard !stack.isEmpty else { return "/" }
        let directory = ["", ".", ".."].contains(segments.last ?? "")
        return "/" + stack.joined(separator: "/") + (directory ? "/" : "")
    }

    private static func precedes(_ a: ([UInt8], [UInt8]), _ b: ([UInt8], [UInt8])) -> Bool {
        a.0 != b.0 ? a.0.lexicographicallyPrecedes(b.0) : a.1.lexicographicallyPrecedes(b.1)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func isUpperHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) }
}

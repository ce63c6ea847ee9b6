import Foundation

/// Which address ranges job URLs must not reach, and the words that name each range in a refusal.
///
/// Pure: it classifies address bytes and host spellings without any lookup, so the same rules serve
/// the decoder (a literal address or `localhost` in a job is refused before anything starts) and
/// ``AddressPolicy`` (every address a name resolves to is checked before the connection is pinned).
public enum RestrictedAddress {
    /// The "range" of text that is not an address at all: refused too (fail closed).
    public static let notAnAddress = "not an IP address"

    /// The range `bytes` (4 for IPv4, 16 for IPv6) lies in, or nil for a public address.
    public static func range(of bytes: [UInt8]) -> String? {
        if bytes.count == 4 { return rangeV4(bytes) }
        guard bytes.count == 16 else { return notAnAddress }
        if bytes.allSatisfy({ $0 == 0 }) { return "unspecified" }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "loopback" }
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) carry an IPv4 address.
        if bytes[0..<10].allSatisfy({ $0 == 0 })
            && ((bytes[10] == 0xFF && bytes[11] == 0xFF) || (bytes[10] == 0 && bytes[11] == 0))
        {
            return rangeV4(Array(bytes[12..<16]))
        }
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B {  // NAT64 64:ff9b::/96
            return rangeV4(Array(bytes[12..<16]))
        }
        if bytes[0] & 0xFE == 0xFC { return "unique-local (private)" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "link-local" }
        if bytes[0] == 0xFF { return "multicast" }
        return nil
    }

    static func rangeV4(_ b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): "unspecified"
        case (127, _): "loopback"
        case (169, 254): "link-local (cloud metadata and credential endpoints)"
        case (10, _), (172, 16...31), (192, 168): "private"
        case (100, 64...127): "carrier-grade NAT"
        case (192, 0) where b[2] == 0: "IETF protocol assignment"
        case (198, 18...19): "benchmarking"
        case (224...255, _): "multicast or reserved"
        default: nil
        }
    }

    /// The range a URL host names without any lookup: an IP literal in any spelling a resolver
    /// accepts (`127.0.0.1`, `2130706433`, `0177.0.0.1`, `0x7f.1`, `::ffff:127.0.0.1`) or a name
    /// that always means this machine (`localhost`, `*.localhost`, RFC 6761). Nil for other names,
    /// which are checked when they are resolved.
    public static func range(ofHost host: String) -> String? {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return "loopback (localhost)" }
        if let v4 = ipv4(name) { return rangeV4(v4) }
        if name.contains(":") {
            guard let v6 = ipv6(name) else { return notAnAddress }
            return range(of: v6)
        }
        return nil
    }

    /// IPv4 as `inet_aton` reads it: one to four parts, each decimal, octal (leading `0`) or hex
    /// (`0x`), the last part filling the remaining bytes. Nil when `text` is not such a literal.
    public static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = number(part) else { return nil }
            values.append(value)
        }
        let last = values.removeLast()
        guard values.allSatisfy({ $0 <= 0xFF }) else { return nil }
        let lastBytes = 4 - values.count
        guard last < (UInt64(1) << (8 * UInt64(lastBytes))) else { return nil }
        var bytes = values.map { UInt8($0) }
        for shift in stride(from: lastBytes - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: last >> (8 * UInt64(shift))))
        }
        return bytes
    }

    /// One dotted part: `0x1F`, `017`, `15`; at most 32 bits of digits (more is not an address).
    private static func number(_ part: Substring) -> UInt64? {
        var digits = part
        var radix = 10
        if digits.lowercased().hasPrefix("0x") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count > 1 && digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        guard let first = digits.first, first.isHexDigit, digits.count <= 32, let value = UInt64(digits, radix: radix), value <= UInt32.max else {
            return nil
        }
        return value
    }

    /// IPv6 text (no brackets, no zone) to its 16 bytes.
    public static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }
}

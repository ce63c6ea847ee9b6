import Foundation

/// Decides whether a job-supplied URL may reach an address: loopback, link-local (where the cloud
/// credential endpoints live), private and unique-local ranges are refused unless
/// `ONEJOB_ALLOW_PRIVATE_URLS=1`.
///
/// The host is resolved once, here; the caller then pins the connection to the address that was
/// checked, so a DNS answer that changes between check and connect (rebinding) cannot slip past.
public struct AddressPolicy: Sendable {
    public var allowPrivate: Bool

    public init(allowPrivate: Bool) {
        self.allowPrivate = allowPrivate
    }

    /// Resolves `host` and returns the first address allowed, as text for `CURLOPT_RESOLVE`.
    /// - Throws: ``JobError`` `.invalidJob` naming the rule when every address is refused.
    public func resolve(host: String, port: Int) throws -> String {
        let addresses = try Self.lookup(host: host, port: port)
        guard !addresses.isEmpty else { throw JobError.badInput("\(host) does not resolve to any address") }
        for address in addresses where allowPrivate || !Self.isRestricted(address) {
            return address
        }
        throw JobError.invalidJob(
            "\(host) resolves to \(addresses[0]), a loopback, link-local or private address; such URLs are refused (set ONEJOB_ALLOW_PRIVATE_URLS=1 to permit them)")
    }

    /// Whether `address` (textual IPv4 or IPv6) is in a range job URLs must not reach.
    public static func isRestricted(_ address: String) -> Bool {
        if let v4 = ipv4Bytes(address) { return isRestrictedV4(v4) }
        if let v6 = ipv6Bytes(address) {
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
            if v6[0..<10].allSatisfy({ $0 == 0 }) && ((v6[10] == 0xFF && v6[11] == 0xFF) || (v6[10] == 0 && v6[11] == 0)) {
                return isRestrictedV4(Array(v6[12..<16])) || v6.allSatisfy { $0 == 0 } || (v6[0..<15].allSatisfy { $0 == 0 } && v6[15] == 1)
            }
            if v6[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
            if v6[0] == 0xFE && v6[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link local
            if v6[0] == 0xFF { return true }  // multicast
            if v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B { return isRestrictedV4(Array(v6[12..<16])) }  // NAT64
            return false
        }
        return true
    }

    static func isRestrictedV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): true
        case (169, 254): true
        case (172, 16...31): true
        case (192, 168): true
        case (100, 64...127): true  // carrier-grade NAT
        case (192, 0) where b[2] == 0: true
        case (198, 18...19): true
        case (224...255, _): true
        default: false
        }
    }

    static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address.s_addr) { Array($0) }
    }

    static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    /// getaddrinfo, numeric output. Decimal and octal IPv4 spellings (`2130706433`, `0177.0.0.1`) are
    /// resolved by the C library like any host name, so they are checked by the address they mean.
    static func lookup(host: String, port: Int) throws -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            throw JobError.badInput("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var results: [String] = []
        var cursor = list
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !results.contains(text) { results.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        return results
    }
}

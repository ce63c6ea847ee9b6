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
        let range = Self.range(of: addresses[0]) ?? "restricted"
        throw JobError.invalidJob(
            "\(host) resolves to \(addresses[0]), a \(range) address; job URLs may not reach loopback, link-local or private addresses (set ONEJOB_ALLOW_PRIVATE_URLS=1 to permit them)")
    }

    /// Whether `address` (textual IPv4 or IPv6) is in a range job URLs must not reach; text that is
    /// not an address is refused too (fail closed).
    public static func isRestricted(_ address: String) -> Bool {
        range(of: address) != nil
    }

    /// The name of the restricted range `address` lies in, nil for a public address.
    static func range(of address: String) -> String? {
        if let v4 = ipv4Bytes(address) { return RestrictedAddress.range(of: v4) }
        if let v6 = RestrictedAddress.ipv6(address) { return RestrictedAddress.range(of: v6) }
        return RestrictedAddress.notAnAddress
    }

    static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address.s_addr) { Array($0) }
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

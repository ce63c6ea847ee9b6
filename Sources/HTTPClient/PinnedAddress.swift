#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one address a pinned request may connect to, compared with every socket libcurl opens.
///
/// `CURLOPT_RESOLVE` already makes libcurl connect to the checked address; this is the second lock:
/// should any path (a proxy, a reused entry, an IP-literal host libcurl does not look up) lead
/// elsewhere, the socket is refused before `connect`, so an address never checked is never reached.
struct PinnedAddress: Sendable, Equatable {
    /// `AF_INET` or `AF_INET6`.
    let family: Int32
    /// 4 or 16 bytes in network order.
    let bytes: [UInt8]

    /// Nil when `text` is not a numeric IPv4 or IPv6 address.
    init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            family = AF_INET
            bytes = withUnsafeBytes(of: v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            family = AF_INET6
            bytes = withUnsafeBytes(of: v6) { Array($0) }
            return
        }
        return nil
    }

    /// Whether a socket address of `family` holding `addressBytes` is this address.
    func matches(family: Int32, addressBytes: [UInt8]) -> Bool {
        family == self.family && addressBytes == bytes
    }

    /// The address bytes of a `sockaddr_in` / `sockaddr_in6` libcurl is about to connect to, or nil
    /// for any other family or a length too short for its family.
    static func addressBytes(of address: UnsafeRawPointer, family: Int32, length: Int) -> [UInt8]? {
        switch family {
        case AF_INET where length >= MemoryLayout<sockaddr_in>.size:
            let v4 = address.loadUnaligned(as: sockaddr_in.self)
            return withUnsafeBytes(of: v4.sin_addr) { Array($0) }
        case AF_INET6 where length >= MemoryLayout<sockaddr_in6>.size:
            let v6 = address.loadUnaligned(as: sockaddr_in6.self)
            return withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }
}

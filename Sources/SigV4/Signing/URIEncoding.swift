/// RFC 3986 percent-encoding as SigV4 defines it.
///
/// Hand-written because Foundation's encoders use different "allowed" sets per URL component and
/// disagree with SigV4 on characters like `+`, `*`, `~` and `/`; a single wrong byte means
/// `SignatureDoesNotMatch`. Unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay as they are, every other
/// UTF-8 byte becomes `%XX` with uppercase hex.
public enum URIEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether a byte is in RFC 3986's unreserved set.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Percent-encodes `string`.
    /// - Parameter preservingSlash: keep `/` literal, as the canonical URI path does; query names and
    ///   values (and `X-Amz-Credential`) must encode it as `%2F`.
    public static func encode(_ string: String, preservingSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (preservingSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHex[Int(byte >> 4)])
                out.append(upperHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

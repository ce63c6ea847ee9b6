/// Where requests for a bucket go: scheme, host (with port) and whether the bucket is in the host or the path.
///
/// Pure string work with no Foundation URL types: the key goes to the signer unencoded and the signer's
/// `wirePath` is what is sent, so nothing here percent-encodes. Virtual-hosted style
/// (`https://BUCKET.s3.REGION.amazonaws.com/KEY`) is the AWS default; path style
/// (`https://HOST/BUCKET/KEY`) is used when asked, for IP-address and `localhost` endpoints (no DNS for
/// `bucket.127.0.0.1`), for bucket names that are not valid DNS labels, and for dotted bucket names over
/// https (the `*.s3…` wildcard certificate does not cover `a.b.s3…`).
public struct S3Endpoint: Sendable, Equatable {
    /// `https` or `http`.
    public let scheme: String
    /// Host name or IP literal (IPv6 in brackets), without port.
    public let host: String
    /// An explicit port from the endpoint URL (nil means the scheme's default).
    public let port: Int?
    public let forcePathStyle: Bool

    /// - Parameters:
    ///   - region: used for the AWS host when there is no override.
    ///   - override: `scheme://host[:port][/]`, as `AWS_ENDPOINT_URL_S3` gives it.
    /// - Throws: ``S3Error`` `.invalidConfiguration` for a malformed override (unknown scheme, a path, a
    ///   query, user info, a bad port).
    public init(region: String, override: String? = nil, forcePathStyle: Bool = false) throws {
        self.forcePathStyle = forcePathStyle
        guard let override else {
            guard !region.isEmpty, region.utf8.allSatisfy(Self.isDNSLabelByte) else {
                throw Self.invalid("region \"\(region)\" is not a valid region name")
            }
            scheme = "https"
            host = "s3.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : "")
            port = nil
            return
        }
        guard let separator = override.range(of: "://") else {
            throw Self.invalid("endpoint \(override) has no scheme")
        }
        let scheme = override[..<separator.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw Self.invalid("endpoint scheme \(scheme) is not http or https")
        }
        var authority = override[separator.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.isEmpty, !authority.contains(where: { "/?#@ ".contains($0) }) else {
            throw Self.invalid("endpoint \(override) must be scheme://host[:port] without path, query or user")
        }
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw Self.invalid("bad IPv6 endpoint \(override)") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else {
                    throw Self.invalid("bad port in endpoint \(override)")
                }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = Int(authority[authority.index(after: colon)...]) else {
                throw Self.invalid("bad port in endpoint \(override)")
            }
            port = number
        }
        if let number = port, !(1...65_535).contains(number) { throw Self.invalid("port \(number) out of range") }
        guard !host.isEmpty else { throw Self.invalid("endpoint \(override) has no host") }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
    }

    /// The endpoint for a configuration.
    public init(_ configuration: S3Configuration) throws {
        try self.init(
            region: configuration.region, override: configuration.endpointOverride,
            forcePathStyle: configuration.forcePathStyle)
    }

    /// Whether `bucket` goes into the path rather than the host.
    public func usesPathStyle(for bucket: String) -> Bool {
        if forcePathStyle || isIPAddress || host == "localhost" { return true }
        if !Self.isDNSCompatible(bucket) { return true }
        return scheme == "https" && bucket.contains(".")
    }

    /// Host header and unencoded path for an object (`key` empty for bucket-level operations).
    public func location(bucket: String, key: String) -> S3Location {
        let defaultPort = scheme == "https" ? 443 : 80
        let portSuffix = port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        if usesPathStyle(for: bucket) {
            return S3Location(
                scheme: scheme, hostHeader: host + portSuffix, path: key.isEmpty ? "/\(bucket)" : "/\(bucket)/\(key)")
        }
        return S3Location(scheme: scheme, hostHeader: "\(bucket).\(host)\(portSuffix)", path: "/\(key)")
    }

    var isIPAddress: Bool {
        if host.hasPrefix("[") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && UInt8(part) != nil }
    }

    /// S3's rules for a bucket that may be a host label: 3–63 of lowercase letters, digits, `-`, `.`, starting
    /// and ending with a letter or digit, no `..`, not shaped like an IP address.
    static func isDNSCompatible(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (3...63).contains(bytes.count), bytes.allSatisfy(isDNSLabelByte) else { return false }
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
            last != UInt8(ascii: "-"), last != UInt8(ascii: ".")
        else { return false }
        if bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.") { return false }
        let parts = bucket.split(separator: ".")
        return !(parts.count == 4 && parts.allSatisfy { UInt8($0) != nil })
    }

    private static func isDNSLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func invalid(_ message: String) -> S3Error {
        S3Error(.invalidConfiguration, classification: .invalidConfiguration, operation: "Configure", message: message)
    }
}

/// Where one request goes: the pieces the signer and the URL need.
public struct S3Location: Sendable, Equatable {
    public let scheme: String
    /// `host[:port]`, exactly the `Host` header that is signed and sent.
    public let hostHeader: String
    /// Unencoded path (`/bucket/key` or `/key`); the signer encodes it once into the wire path.
    public let path: String

    /// `scheme://host` + the already-encoded wire path and query.
    public func url(wirePath: String, encodedQuery: String) -> String {
        "\(scheme)://\(hostHeader)\(wirePath)" + (encodedQuery.isEmpty ? "" : "?\(encodedQuery)")
    }
}

/// Works out, from the environment, which URL the container provider may ask and with which token.
///
/// Pure so that the host allow-list, the part that stops a hostile `AWS_CONTAINER_CREDENTIALS_FULL_URI` from
/// sending the authorization token to an arbitrary plain-http server, is testable without a network.
struct ContainerEndpoint: Equatable {
    /// The ECS agent's fixed link-local address for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`.
    static let defaultRelativeBase = "http://169.254.170.2"

    /// Hosts plain http may use: the ECS agent (169.254.170.2) and the EKS Pod Identity agent (IPv4 and IPv6),
    /// plus loopback (a sidecar). Names other than `localhost` are refused rather than resolved, because a DNS
    /// answer can change between the check and the request.
    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost", "::1"]

    var url: String

    /// - Returns: nil when neither URI variable is set.
    /// - Throws: ``CredentialsError/Code/invalidConfiguration`` for a full URI that is not allowed.
    static func resolve(environment: [String: String], relativeBase: String) throws(CredentialsError) -> Self? {
        if let relative = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let base = relativeBase.hasSuffix("/") ? String(relativeBase.dropLast()) : relativeBase
            return Self(url: base + (relative.hasPrefix("/") ? relative : "/" + relative))
        }
        guard let full = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
        guard let (scheme, host) = schemeAndHost(full) else {
            throw invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI is not an absolute http(s) URL")
        }
        switch scheme {
        case "https":
            return Self(url: full)
        case "http" where isAllowedHTTPHost(host):
            return Self(url: full)
        case "http":
            throw invalid(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI host \(host) is not allowed over http "
                    + "(only loopback, 169.254.170.2, 169.254.170.23, fd00:ec2::23, or https)")
        default:
            throw invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI must use http or https")
        }
    }

    static func isAllowedHTTPHost(_ host: String) -> Bool {
        let host = host.lowercased()
        if allowedHTTPHosts.contains(host) { return true }
        return isIPv4Loopback(host)
    }

    /// 127.0.0.0/8 written as a dotted quad.
    static func isIPv4Loopback(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && UInt8(part) != nil }
    }

    /// The lower-cased scheme and the host (without brackets, user info or port) of an absolute URL.
    static func schemeAndHost(_ url: String) -> (scheme: String, host: String)? {
        guard let separator = url.range(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound].lowercased()
        let rest = url[separator.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        guard !scheme.isEmpty, !host.isEmpty else { return nil }
        return (scheme, String(host))
    }

    private static func invalid(_ message: String) -> CredentialsError {
        CredentialsError(.invalidConfiguration, provider: ContainerCredentialsProvider.name, message: message)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

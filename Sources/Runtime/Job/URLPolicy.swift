/// Which URL schemes a job may name for its inputs, its job URL and its callback.
///
/// Job documents are untrusted: by default only `https://` and `s3://` pass. `file://` is allowed when
/// the output is a local folder (the local default) or with `ONEJOB_ALLOW_FILE_URLS=1`; `http://` only
/// with `ONEJOB_ALLOW_HTTP_URLS=1`.
public struct URLPolicy: Sendable, Equatable {
    public var allowFile: Bool
    public var allowHTTP: Bool
    public var allowPrivateAddresses: Bool

    public init(allowFile: Bool = false, allowHTTP: Bool = false, allowPrivateAddresses: Bool = false) {
        self.allowFile = allowFile
        self.allowHTTP = allowHTTP
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    public init(environment: Environment) {
        self.init(
            allowFile: environment.flag("ONEJOB_ALLOW_FILE_URLS"),
            allowHTTP: environment.flag("ONEJOB_ALLOW_HTTP_URLS"),
            allowPrivateAddresses: environment.flag("ONEJOB_ALLOW_PRIVATE_URLS"))
    }

    /// Checks `url` for use as a job-supplied input at `path`.
    /// - Parameter localOutput: whether the job writes to a local folder, which unlocks `file://`.
    public func check(_ url: String, path: String, localOutput: Bool, schemes: Set<String> = ["https", "s3", "file", "http"]) throws(JobError) {
        guard let parsed = ParsedURL(url) else {
            throw .invalidJob("\(path) is not a URL: \"\(url)\"", path: path)
        }
        guard schemes.contains(parsed.scheme) else {
            throw .invalidJob("\(path) uses \(parsed.scheme)://, which is not allowed here (use https:// or s3://)", path: path)
        }
        switch parsed.scheme {
        case "s3":
            guard !parsed.host.isEmpty else { throw .invalidJob("\(path) has no host: \"\(url)\"", path: path) }
        case "https":
            try checkHost(parsed.host, url: url, path: path)
        case "http":
            guard allowHTTP else {
                throw .invalidJob("\(path) uses http://; only https:// and s3:// are allowed (set ONEJOB_ALLOW_HTTP_URLS=1 to permit http)", path: path)
            }
            try checkHost(parsed.host, url: url, path: path)
        case "file":
            guard allowFile || localOutput else {
                throw .invalidJob("\(path) uses file://, allowed only with a local output folder or ONEJOB_ALLOW_FILE_URLS=1", path: path)
            }
        default:
            throw .invalidJob("\(path) uses \(parsed.scheme)://; only https:// and s3:// are allowed", path: path)
        }
    }

    /// Refuses, before anything runs, a host that names a restricted address by itself: an IP literal
    /// in any spelling a resolver accepts, or `localhost`. Other names are checked when the fetch
    /// resolves them (``AddressPolicy``), which also covers names that resolve to such addresses.
    private func checkHost(_ host: String, url: String, path: String) throws(JobError) {
        guard !host.isEmpty else { throw .invalidJob("\(path) has no host: \"\(url)\"", path: path) }
        guard !allowPrivateAddresses, let range = RestrictedAddress.range(ofHost: host) else { return }
        guard range != RestrictedAddress.notAnAddress else {
            throw .invalidJob("\(path) has a host that is not a valid IP address: \"\(host)\"", path: path)
        }
        throw .invalidJob(
            "\(path) points at \(host), a \(range) address; job URLs may not reach loopback, link-local or private addresses (set ONEJOB_ALLOW_PRIVATE_URLS=1 to permit them)",
            path: path)
    }
}

/// The parts of a URL onejob cares about, split without Foundation so nothing is re-encoded.
public struct ParsedURL: Sendable, Equatable {
    public var scheme: String
    /// Host without brackets for IPv6; bucket name for `s3://`.
    public var host: String
    public var port: Int?
    /// Path including the leading `/`, still percent-encoded as written (empty when absent).
    public var path: String
    public var query: String?

    public init?(_ string: String) {
        guard let schemeEnd = string.range(of: "://") else { return nil }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else {
            return nil
        }
        guard !string.contains(where: { $0.isWhitespace || $0 == "\0" }) else { return nil }
        var rest = string[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { return nil }  // credentials in URLs are refused outright
        var port: Int?
        var host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            authority = authority[authority.index(after: close)...]
            if authority.hasPrefix(":") {
                guard let value = Int(authority.dropFirst()), (1...65535).contains(value) else { return nil }
                port = value
            } else if !authority.isEmpty {
                return nil
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                return nil
            }
            port = value
        } else {
            host = authority
        }
        self.scheme = scheme
        self.host = scheme == "s3" ? String(host) : host.lowercased()
        self.port = port
        self.path = String(rest[authorityEnd...])
        self.query = query
    }
}

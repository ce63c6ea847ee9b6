import CCurl

/// The parts of a URL as libcurl itself parses them.
///
/// Using libcurl's parser (not Foundation's) matters for address pinning: the host we pin must be exactly the
/// host libcurl will connect to, or a crafted URL could make the two parsers disagree.
struct CurlURL: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int

    /// - Throws: ``HTTPClientError`` `.invalidURL` naming `curl_url_set` or `curl_url_get`.
    init(parsing url: String) throws {
        guard let handle = curl_url() else {
            throw HTTPClientError(.curl, function: "curl_url", message: "out of memory")
        }
        defer { curl_url_cleanup(handle) }
        let setResult = url.withCString { curl_url_set(handle, CURLUPART_URL, $0, 0) }
        guard setResult == CURLUE_OK else {
            throw HTTPClientError(.invalidURL, function: "curl_url_set", message: Self.describe(setResult))
        }
        scheme = try Self.part(handle, CURLUPART_SCHEME, flags: 0).lowercased()
        host = try Self.part(handle, CURLUPART_HOST, flags: 0)
        let portText = try Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT))
        guard let port = Int(portText) else {
            throw HTTPClientError(.invalidURL, function: "curl_url_get", message: "port is not a number")
        }
        self.port = port
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart, flags: UInt32) throws -> String {
        var value: UnsafeMutablePointer<CChar>?
        let result = curl_url_get(handle, part, &value, flags)
        guard result == CURLUE_OK, let value else {
            throw HTTPClientError(.invalidURL, function: "curl_url_get", message: describe(result))
        }
        defer { curl_free(value) }
        return String(cString: value)
    }

    private static func describe(_ code: CURLUcode) -> String {
        guard let text = curl_url_strerror(code) else { return "CURLUcode \(code.rawValue)" }
        return String(cString: text)
    }
}

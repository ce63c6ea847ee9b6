import CCurl

/// Owns a `curl_slist` (request headers, `CURLOPT_RESOLVE` entries) and frees it when released.
final class CurlStringList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init() {}

    deinit { curl_slist_free_all(head) }

    /// - Throws: ``HTTPClientError`` naming `curl_slist_append` when it cannot allocate.
    func append(_ line: String) throws {
        let newHead = line.withCString { curl_slist_append(head, $0) }
        guard let newHead else {
            throw HTTPClientError(.curl, function: "curl_slist_append", message: "out of memory")
        }
        head = newHead
    }
}

import CCurl

/// `curl_global_init`, run exactly once per process before the first handle exists.
///
/// libcurl requires the call before any other thread uses it and forbids calling it concurrently. A Swift
/// global `let` is initialised lazily under `swift_once`, which gives exactly that guarantee without a lock
/// of our own.
enum CurlGlobal {
    private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// - Throws: ``HTTPClientError`` when the one-time initialisation failed (it is not retried).
    static func ensureInitialized() throws {
        let result = initResult
        guard result == CURLE_OK else {
            throw HTTPClientError(curlCode: result, function: "curl_global_init", message: "")
        }
    }
}

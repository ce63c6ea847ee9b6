import CCurl
import CCurlShims

/// Owns one libcurl easy handle and its error buffer.
///
/// The handle keeps its connection cache, DNS cache and TLS session cache across `curl_easy_reset`, which is
/// what makes connection reuse work: the client hands the same handle to sequential requests.
/// `@unchecked Sendable` because libcurl allows a handle on any thread but never on two at once; the
/// ``HTTPClient`` pool guarantees exclusive use by checking a handle out to exactly one transfer.
final class CurlEasyHandle: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// - Throws: ``HTTPClientError`` naming `curl_global_init` or `curl_easy_init`.
    init() throws {
        try CurlGlobal.ensureInitialized()
        guard let raw = curl_easy_init() else {
            throw HTTPClientError(.curl, function: "curl_easy_init", message: "could not create an easy handle")
        }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears every option (and with them the pointers into the last transfer) but keeps the caches.
    /// Re-installs the error buffer, which `curl_easy_reset` also clears.
    func reset() throws {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
    }

    // MARK: - Options

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(ccurl_easy_setopt_off_t(raw, option, curl_off_t(value)), option)
    }

    /// libcurl copies string options (except the few we never use, like POSTFIELDS), so the pointer
    /// does not need to outlive the call.
    func set(_ option: CURLoption, _ value: String) throws {
        try value.withCString { try check(ccurl_easy_setopt_string(raw, option, $0), option) }
    }

    /// The pointer must stay valid until the next ``reset()``.
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws {
        try check(ccurl_easy_setopt_pointer(raw, option, value), option)
    }

    /// The list must stay alive until the transfer ends.
    func set(_ option: CURLoption, list: CurlStringList) throws {
        try check(ccurl_easy_setopt_slist(raw, option, list.head), option)
    }

    func set(_ option: CURLoption, write callback: curl_write_callback) throws {
        try check(ccurl_easy_setopt_write_callback(raw, option, callback), option)
    }

    func set(_ option: CURLoption, header callback: curl_write_callback) throws {
        try check(ccurl_easy_setopt_header_callback(raw, option, callback), option)
    }

    func set(_ option: CURLoption, read callback: curl_read_callback) throws {
        try check(ccurl_easy_setopt_read_callback(raw, option, callback), option)
    }

    func set(_ option: CURLoption, seek callback: curl_seek_callback) throws {
        try check(ccurl_easy_setopt_seek_callback(raw, option, callback), option)
    }

    func set(_ option: CURLoption, openSocket callback: curl_opensocket_callback) throws {
        try check(ccurl_easy_setopt_opensocket_callback(raw, option, callback), option)
    }

    func set(_ option: CURLoption, progress callback: curl_xferinfo_callback) throws {
        try check(ccurl_easy_setopt_xferinfo_callback(raw, option, callback), option)
    }

    // MARK: - Running and results

    /// Runs the configured transfer, blocking the calling thread.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(raw)
    }

    /// The error text libcurl wrote for the last failed call.
    var errorMessage: String { String(cString: errorBuffer) }

    func info(long info: CURLINFO) throws -> Int {
        var value = 0
        let result = ccurl_easy_getinfo_long(raw, info, &value)
        guard result == CURLE_OK else {
            throw HTTPClientError(curlCode: result, function: "curl_easy_getinfo", message: "")
        }
        return value
    }

    private func check(_ result: CURLcode, _ option: CURLoption) throws {
        guard result == CURLE_OK else {
            throw HTTPClientError(
                curlCode: result, function: "curl_easy_setopt",
                message: "option \(option.rawValue): \(HTTPClientError.describe(result))")
        }
    }
}

import CCurl

extension HTTPClientError {
    /// Classifies a libcurl result code.
    ///
    /// The one place that decides which curl failures are transient. A TLS connect error (35) is retryable
    /// because resets during the handshake show up as it; certificate failures are not.
    /// - Parameters:
    ///   - curlCode: the `CURLcode` returned by `function`.
    ///   - message: libcurl's error buffer; `curl_easy_strerror` text is used when it is empty.
    init(curlCode: CURLcode, function: String, message: String) {
        let text = message.isEmpty ? Self.describe(curlCode) : message
        let raw = Int(curlCode.rawValue)
        let code: Code
        var retryable: Bool? = nil
        switch curlCode {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            code = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            code = .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM, CURLE_SEND_FAIL_REWIND, CURLE_HTTP3, CURLE_WEIRD_SERVER_REPLY:
            // A garbled status line comes from a connection cut or mangled on the way (load balancers,
            // proxies); like a reset, the next attempt on a fresh connection usually succeeds.
            code = .connectionLost
        case CURLE_FILESIZE_EXCEEDED:
            code = .tooLarge
        case CURLE_ABORTED_BY_CALLBACK:
            code = .cancelled
        case CURLE_SSL_CONNECT_ERROR:
            code = .tls
            retryable = true
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_USE_SSL_FAILED:
            code = .tls
        case CURLE_UNSUPPORTED_PROTOCOL where Self.isGarbledReply(text):
            // libcurl 7.x reports an answer that is not HTTP ("Received HTTP/0.9 when not allowed",
            // "Unsupported response code in HTTP response") with this code; the scheme itself was checked
            // before the transfer, so here it means a mangled reply, as transient as a reset.
            code = .connectionLost
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            code = .invalidURL
        case CURLE_TOO_MANY_REDIRECTS:
            code = .tooManyRedirects
        case CURLE_READ_ERROR:
            code = .bodyReadFailed
        case CURLE_WRITE_ERROR:
            code = .sinkWriteFailed
        default:
            code = .curl
        }
        self.init(code, function: function, message: text, curlCode: raw, isRetryable: retryable)
    }

    /// Whether libcurl's error text describes a reply that is not valid HTTP rather than a refused scheme.
    static func isGarbledReply(_ text: String) -> Bool {
        text.contains("HTTP/0.9") || text.contains("response code")
    }

    /// libcurl's static description of a code (never NULL per its documentation, checked anyway).
    static func describe(_ curlCode: CURLcode) -> String {
        guard let text = curl_easy_strerror(curlCode) else { return "CURLcode \(curlCode.rawValue)" }
        return String(cString: text)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CCurl

extension CurlEasyHandle {
    /// Configures this handle for `request`, performs it and collects the response. Blocks the calling thread.
    ///
    /// Every option is set from scratch after `curl_easy_reset`, so nothing of a previous request leaks into
    /// this one except libcurl's caches (connections, DNS, TLS sessions).
    /// - Throws: ``HTTPClientError``.
    func run(
        _ request: HTTPRequest, options: HTTPRequestOptions, cancellation: TransferCancellation
    ) throws -> HTTPResponse {
        let url = try CurlURL(parsing: request.url)
        guard url.scheme == "http" || url.scheme == "https" else {
            throw HTTPClientError(.invalidURL, function: "curl_url_get", message: "only http and https are supported")
        }
        let body: RequestBodySource? =
            switch request.body {
            case .none: nil
            case .bytes(let bytes): RequestBodySource(bytes: bytes)
            case .file(let path, let offset, let length): try RequestBodySource(path: path, offset: offset, length: length)
            }
        let plan = try CurlRequestPlan(request: request, bodyLength: body?.length ?? 0)
        let headerList = CurlStringList()
        for line in plan.headerLines { try headerList.append(line) }
        let resolveList = CurlStringList()
        if let address = options.resolvedAddress {
            guard options.maxRedirects == 0 else {
                throw HTTPClientError(
                    .invalidRequest, function: "HTTPRequestOptions",
                    message: "a pinned address cannot be combined with following redirects")
            }
            let pin = try Self.literal(address)
            // An IPv6 literal host is never looked up (and CURLOPT_RESOLVE cannot name one): the
            // socket check alone holds it to the pin.
            if !url.host.hasPrefix("[") { try resolveList.append("\(url.host):\(url.port):\(pin)") }
        }
        let writer = try ResponseBodyWriter(sink: request.responseBody, maxBytes: options.maxResponseBytes)
        let transfer = CurlTransfer(body: body, writer: writer, options: options, cancellation: cancellation)

        try reset()
        // Leave no pointer into this transfer behind in a pooled handle.
        defer { try? reset() }
        try withExtendedLifetime((transfer, headerList, resolveList)) {
            try configureTransport(url: request.url, scheme: url.scheme, options: options)
            if options.resolvedAddress != nil {
                if resolveList.head != nil { try set(CURLOPT_RESOLVE, list: resolveList) }
                // A proxy would resolve the host itself, and a cached connection may lead to an address
                // resolved before: a pinned request goes direct, on a new connection, and its socket is
                // checked against the pin (CurlTransfer.openSocket).
                try set(CURLOPT_PROXY, "")
                try set(CURLOPT_FRESH_CONNECT, 1)
            }
            try set(CURLOPT_HTTPHEADER, list: headerList)
            try configureMethod(plan.method, bodyLength: body?.length ?? 0, options: options)
            try install(transfer)
            let result = perform()
            guard result == CURLE_OK else {
                throw transfer.failure
                    ?? HTTPClientError(curlCode: result, function: "curl_easy_perform", message: errorMessage)
            }
        }
        return HTTPResponse(
            status: try info(long: CURLINFO_RESPONSE_CODE),
            headers: transfer.headers.headers,
            body: writer.memory,
            bodyByteCount: writer.byteCount)
    }

    // MARK: - Option groups

    private func configureTransport(url: String, scheme: String, options: HTTPRequestOptions) throws {
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        // Signals are not safe in a multi-threaded process; libcurl must not use them for DNS timeouts.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let path = options.caCertificatePath { try set(CURLOPT_CAINFO, path) }
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout))
        if let total = options.totalTimeout { try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(total)) }
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_USERAGENT, options.userAgent)
        if options.maxRedirects > 0 {
            try set(CURLOPT_FOLLOWLOCATION, 1)
            try set(CURLOPT_MAXREDIRS, options.maxRedirects)
            try set(CURLOPT_REDIR_PROTOCOLS_STR, scheme == "https" ? "https" : "http,https")
        }
    }

    private func configureMethod(_ method: CurlRequestPlan.Method, bodyLength: Int64, options: HTTPRequestOptions)
        throws
    {
        switch method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .upload:
            try set(CURLOPT_UPLOAD, 1)
            try set(CURLOPT_INFILESIZE_LARGE, offset: bodyLength)
        case .post(let customMethod):
            try set(CURLOPT_POST, 1)
            try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: bodyLength)
            if let customMethod { try set(CURLOPT_CUSTOMREQUEST, customMethod) }
        case .custom(let name):
            try set(CURLOPT_CUSTOMREQUEST, name)
        }
        if let cap = options.maxResponseBytes, method != .head {
            // Fails early on an honest Content-Length; the write callback enforces the cap on the rest.
            try set(CURLOPT_MAXFILESIZE_LARGE, offset: cap)
        }
    }

    private func install(_ transfer: CurlTransfer) throws {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        try set(CURLOPT_WRITEFUNCTION, write: CurlCallbacks.write)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERFUNCTION, header: CurlCallbacks.header)
        try set(CURLOPT_HEADERDATA, pointer: context)
        try set(CURLOPT_READFUNCTION, read: CurlCallbacks.read)
        try set(CURLOPT_READDATA, pointer: context)
        try set(CURLOPT_SEEKFUNCTION, seek: CurlCallbacks.seek)
        try set(CURLOPT_SEEKDATA, pointer: context)
        try set(CURLOPT_OPENSOCKETFUNCTION, openSocket: CurlCallbacks.openSocket)
        try set(CURLOPT_OPENSOCKETDATA, pointer: context)
        try set(CURLOPT_XFERINFOFUNCTION, progress: CurlCallbacks.progress)
        try set(CURLOPT_XFERINFODATA, pointer: context)
        try set(CURLOPT_NOPROGRESS, 0)
    }

    // MARK: - Helpers

    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return max(1, Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000))
    }

    /// The address as `CURLOPT_RESOLVE` wants it (IPv6 in brackets), after checking it is an IP literal:
    /// a host name here would be resolved again, defeating the pin.
    private static func literal(_ address: String) throws -> String {
        var buffer = in6_addr()
        if inet_pton(AF_INET, address, &buffer) == 1 { return address }
        if inet_pton(AF_INET6, address, &buffer) == 1 { return "[\(address)]" }
        throw HTTPClientError(.invalidRequest, function: "inet_pton", message: "resolvedAddress is not an IP address")
    }
}

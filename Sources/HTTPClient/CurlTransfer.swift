#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CCurl

/// The state of one request while libcurl performs it: what to send, where the body goes, the headers read
/// so far, and why a callback stopped the transfer.
///
/// libcurl's callbacks receive a pointer to this object (through `Unmanaged`) and turn its Swift errors into
/// the abort values libcurl understands; the first such error is kept in ``failure`` because it explains the
/// abort far better than the generic `CURLcode` that follows. Used only from the thread running the transfer
/// (the cancellation flag is the one shared, atomic part).
final class CurlTransfer {
    let cancellation: TransferCancellation
    let body: RequestBodySource?
    let writer: ResponseBodyWriter
    private(set) var headers = ResponseHeaderParser()
    private(set) var failure: HTTPClientError?
    /// The only address sockets may be opened to; nil when the request is not pinned.
    let pinned: PinnedAddress?
    private var stall: StallDetector?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(
        body: RequestBodySource?, writer: ResponseBodyWriter, options: HTTPRequestOptions,
        cancellation: TransferCancellation
    ) {
        self.body = body
        self.writer = writer
        self.cancellation = cancellation
        self.pinned = options.resolvedAddress.flatMap(PinnedAddress.init)
        self.stall = options.lowSpeedTime.map { StallDetector(limit: options.lowSpeedLimit, window: $0) }
        self.start = clock.now
    }

    // MARK: - Called from libcurl's callbacks

    /// One complete header line (status lines and the blank end-of-block line included).
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        headers.consume(line: line)
        return line.count
    }

    /// A body chunk; returning less than its size makes libcurl abort with CURLE_WRITE_ERROR.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        do {
            try writer.append(chunk, status: headers.status)
            return chunk.count
        } catch {
            record(error)
            return 0
        }
    }

    /// Fills `buffer` with the next request body bytes, or returns `CURL_READFUNC_ABORT`.
    func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let body else { return 0 }
        do {
            return try body.read(into: buffer)
        } catch {
            record(error)
            return Int(CURL_READFUNC_ABORT)
        }
    }

    /// Rewinds the request body; libcurl only ever asks for absolute positions here, but all origins are
    /// answered correctly.
    func seekBody(offset: Int64, origin: Int32) -> Int32 {
        guard let body, origin == SEEK_SET, body.seek(to: offset) else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
        return Int32(CURL_SEEKFUNC_OK)
    }

    /// Polled by libcurl at least once a second; non-zero aborts with CURLE_ABORTED_BY_CALLBACK.
    func progress(downloaded: Int64, uploaded: Int64) -> Int32 {
        if cancellation.isCancelled {
            record(HTTPClientError(.cancelled, function: "curl_easy_perform", message: "the request was cancelled"))
            return 1
        }
        if stall?.observe(now: clock.now - start, bytes: downloaded + uploaded) == true {
            record(HTTPClientError(
                .stalled, function: "curl_xferinfo_callback",
                message: "transfer slower than the low-speed limit for the low-speed time"))
            return 1
        }
        return 0
    }

    /// Creates the socket for `address` (close-on-exec, so tools spawned meanwhile never inherit it),
    /// or returns `CURL_SOCKET_BAD` (-1), which fails the transfer, when the request is pinned to
    /// another address.
    func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        if let pinned {
            let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
            let bytes = PinnedAddress.addressBytes(
                of: UnsafeRawPointer(address) + offset, family: family, length: Int(address.pointee.addrlen))
            guard let bytes, pinned.matches(family: family, addressBytes: bytes) else {
                record(HTTPClientError(
                    .connectFailed, function: "curl_opensocket_callback",
                    message: "refused to connect to an address other than the pinned, checked one", isRetryable: false))
                return -1
            }
        }
        #if canImport(Glibc)
            let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = address.pointee.socktype
        #endif
        return socket(family, type, address.pointee.protocol)
    }

    private func record(_ error: any Error) {
        guard failure == nil else { return }
        failure = (error as? HTTPClientError)
            ?? HTTPClientError(.curl, function: "callback", message: String(describing: error))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives the response body from libcurl's write callback and enforces the size cap.
///
/// The cap is counted here, on bytes actually received, so a server that omits or lies about
/// Content-Length cannot push more than `maxBytes` into memory or onto disk. Used from the one thread
/// running the transfer.
final class ResponseBodyWriter {
    private let descriptor: Int32?
    private let maxBytes: Int64?
    private(set) var memory: [UInt8] = []
    private(set) var byteCount: Int64 = 0
    /// What is kept of a non-2xx body when the real body was bound for a file.
    static let maxErrorBodyBytes = 64 * 1024

    /// Creates (or truncates) the sink file up front so a download of an empty object still leaves a file.
    /// - Throws: ``HTTPClientError`` `.sinkWriteFailed` naming `open`.
    init(sink: HTTPResponseSink, maxBytes: Int64?) throws {
        self.maxBytes = maxBytes
        switch sink {
        case .memory:
            descriptor = nil
        case .file(let path):
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw HTTPClientError(
                    .sinkWriteFailed, function: "open", message: "response file: \(RequestBodySource.errnoText())")
            }
            descriptor = opened
        }
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Stores one chunk of the final response body.
    /// - Parameter status: the status of the response the chunk belongs to; only 2xx bodies go to the file.
    /// - Throws: ``HTTPClientError`` `.tooLarge` past the cap, `.sinkWriteFailed` naming `write`.
    func append(_ chunk: UnsafeRawBufferPointer, status: Int) throws {
        let newCount = byteCount + Int64(chunk.count)
        if let maxBytes, newCount > maxBytes {
            throw HTTPClientError(
                .tooLarge, function: "curl_write_callback",
                message: "response body exceeds the limit of \(maxBytes) bytes")
        }
        byteCount = newCount
        guard let descriptor, (200..<300).contains(status) else {
            // A file download's error or redirect body is read for its message only: past the first
            // 64 KiB it is counted against the cap and dropped, so a hostile 404 cannot fill memory.
            let room = descriptor == nil ? chunk.count : max(0, Self.maxErrorBodyBytes - memory.count)
            memory.append(contentsOf: chunk.prefix(room))
            return
        }
        var offset = 0
        while offset < chunk.count {
            let written = write(descriptor, chunk.baseAddress.map { $0 + offset }, chunk.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw HTTPClientError(.sinkWriteFailed, function: "write", message: RequestBodySource.errnoText())
            }
            offset += written
        }
    }
}

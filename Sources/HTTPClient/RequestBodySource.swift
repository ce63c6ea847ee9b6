#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Feeds a request body to libcurl's read callback and rewinds it for the seek callback.
///
/// A file body is read with `pread` at an absolute offset, so a part of a large file is sent without copying
/// it and a rewind (libcurl retrying on a reused connection that turned out dead, or a 307/308 redirect) is
/// just a position reset. Used from the one thread running the transfer.
final class RequestBodySource {
    private enum Storage {
        case bytes([UInt8])
        case file(descriptor: Int32, offset: Int64)
    }

    private let storage: Storage
    /// Bytes the body has in total (the request's Content-Length).
    let length: Int64
    private var position: Int64 = 0

    init(bytes: [UInt8]) {
        storage = .bytes(bytes)
        length = Int64(bytes.count)
    }

    /// Opens the file and checks that the range exists.
    /// - Throws: ``HTTPClientError`` `.invalidRequest` naming `open`/`fstat` when the file cannot be used.
    init(path: String, offset: Int64, length requested: Int64?) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw HTTPClientError(.invalidRequest, function: "open", message: "body file: \(Self.errnoText())")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let text = Self.errnoText()
            close(descriptor)
            throw HTTPClientError(.invalidRequest, function: "fstat", message: "body file: \(text)")
        }
        let size = Int64(info.st_size)
        let length = requested ?? (size - offset)
        guard offset >= 0, length >= 0, offset + length <= size else {
            close(descriptor)
            throw HTTPClientError(
                .invalidRequest, function: "fstat",
                message: "body range \(offset)+\(requested.map(String.init) ?? "end") exceeds file size \(size)")
        }
        storage = .file(descriptor: descriptor, offset: offset)
        self.length = length
    }

    deinit {
        if case .file(let descriptor, _) = storage { close(descriptor) }
    }

    /// Copies the next bytes into `buffer`; 0 means the body is complete.
    /// - Throws: ``HTTPClientError`` `.bodyReadFailed` when the file cannot be read or ends early.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = Int(min(Int64(buffer.count), length - position))
        guard wanted > 0 else { return 0 }
        switch storage {
        case .bytes(let bytes):
            let start = Int(position)
            bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + wanted)]))
            }
            position += Int64(wanted)
            return wanted
        case .file(let descriptor, let offset):
            while true {
                let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset + position))
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else {
                    throw HTTPClientError(.bodyReadFailed, function: "pread", message: Self.errnoText())
                }
                guard count > 0 else {
                    throw HTTPClientError(
                        .bodyReadFailed, function: "pread",
                        message: "body file ended \(length - position) bytes early (changed while sending?)")
                }
                position += Int64(count)
                return count
            }
        }
    }

    /// Moves to an absolute position within the body; false if it is out of range.
    func seek(to newPosition: Int64) -> Bool {
        guard newPosition >= 0, newPosition <= length else { return false }
        position = newPosition
        return true
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streaming file hashing: uploads need the SHA-256 of files far larger than memory, and of each
/// multipart part, so the file is read with `read(2)`/`pread(2)` into one reused buffer of `bufferSize` bytes.
extension SHA256 {
    /// Default read size: large blocks keep syscall overhead negligible next to the hash itself.
    public static let defaultFileBufferSize = 1 << 20

    /// SHA-256 of a whole file, read sequentially in `bufferSize` blocks.
    /// - Throws: ``SigV4Error`` naming `open` or `read` (with errno), or a libcrypto function.
    public static func hash(fileAt path: String, bufferSize: Int = defaultFileBufferSize) throws -> SHA256Digest {
        let hasher = try SHA256()
        try FileReader.withOpenFile(path) { descriptor in
            try FileReader.readBlocks(descriptor, path: path, offset: nil, length: nil, bufferSize: bufferSize) {
                try hasher.update($0)
            }
        }
        return try hasher.finalize()
    }

    /// SHA-256 of `length` bytes starting at `offset`: one multipart part, read with `pread(2)` so several
    /// parts of the same file can be hashed concurrently without sharing a file position.
    /// - Throws: ``SigV4Error`` if the range runs past the end of the file, or a system or libcrypto failure.
    public static func hash(
        fileAt path: String, offset: Int64, length: Int64, bufferSize: Int = defaultFileBufferSize
    ) throws -> SHA256Digest {
        guard offset >= 0, length >= 0 else {
            throw SigV4Error.invalidArgument("file range must be non-negative (offset \(offset), length \(length))")
        }
        let hasher = try SHA256()
        try FileReader.withOpenFile(path) { descriptor in
            try FileReader.readBlocks(descriptor, path: path, offset: offset, length: length, bufferSize: bufferSize) {
                try hasher.update($0)
            }
        }
        return try hasher.finalize()
    }

    /// Digests of every `partSize` slice of a file plus of the whole file, from a single pass over it.
    ///
    /// A multipart upload needs each part's checksum and the whole object's hash; reading the file once
    /// instead of twice halves the I/O for big outputs.
    public static func hashParts(
        fileAt path: String, partSize: Int, bufferSize: Int = defaultFileBufferSize
    ) throws -> (whole: SHA256Digest, parts: [SHA256Digest]) {
        guard partSize > 0 else { throw SigV4Error.invalidArgument("partSize must be positive") }
        let whole = try SHA256()
        var part = try SHA256()
        var parts: [SHA256Digest] = []
        var inPart = 0
        try FileReader.withOpenFile(path) { descriptor in
            try FileReader.readBlocks(descriptor, path: path, offset: nil, length: nil, bufferSize: bufferSize) {
                block in
                try whole.update(block)
                var rest = block
                while !rest.isEmpty {
                    let take = min(rest.count, partSize - inPart)
                    try part.update(UnsafeRawBufferPointer(rebasing: rest[..<take]))
                    inPart += take
                    rest = UnsafeRawBufferPointer(rebasing: rest[take...])
                    if inPart == partSize {
                        parts.append(try part.finalize())
                        part = try SHA256()
                        inPart = 0
                    }
                }
            }
        }
        if inPart > 0 || parts.isEmpty {
            parts.append(try part.finalize())
        }
        return (try whole.finalize(), parts)
    }
}

/// The `open`/`read`/`pread`/`close` loop behind file hashing, kept apart so the libc surface is in one place.
enum FileReader {
    static func withOpenFile<T>(_ path: String, _ body: (Int32) throws -> T) throws -> T {
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SigV4Error.fileIO("open", path: path, errno: errno) }
        // Read-only descriptor: close(2) cannot lose data, so its result carries nothing to act on.
        defer { close(descriptor) }
        #if canImport(Glibc)
            // Advisory only: a failure changes nothing but read-ahead, so its result is deliberately ignored.
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        return try body(descriptor)
    }

    /// Calls `body` with each block read. With `offset`, reads exactly `length` bytes from there with `pread`
    /// (a short file is an error); without, reads to end of file.
    static func readBlocks(
        _ descriptor: Int32, path: String, offset: Int64?, length: Int64?, bufferSize: Int,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard bufferSize > 0 else { throw SigV4Error.invalidArgument("bufferSize must be positive") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096)
        defer { buffer.deallocate() }
        var position = offset ?? 0
        var remaining = length ?? Int64.max
        while remaining > 0 {
            let want = Int(min(Int64(bufferSize), remaining))
            let got: Int
            if offset != nil {
                got = pread(descriptor, buffer.baseAddress, want, off_t(position))
            } else {
                got = read(descriptor, buffer.baseAddress, want)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw SigV4Error.fileIO(offset != nil ? "pread" : "read", path: path, errno: errno)
            }
            if got == 0 {
                guard length == nil else {
                    throw SigV4Error.fileIO("pread", path: path + " (range past end of file)", errno: 0)
                }
                return
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
            position += Int64(got)
            remaining -= Int64(got)
        }
    }
}

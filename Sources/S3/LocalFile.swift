#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one libc call the client makes itself: the size of the file to upload, to choose single or multipart.
enum LocalFile {
    /// - Throws: ``S3Error`` `.localFile` naming `stat` with the errno text.
    static func size(_ path: String, operation: String, bucket: String, key: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let text = String(cString: strerror(errno))
            throw S3Error(.localFile, classification: .localIO, operation: operation, bucket: bucket, key: key,
                message: "stat \(path): \(text)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw S3Error(.localFile, classification: .localIO, operation: operation, bucket: bucket, key: key,
                message: "\(path) is not a regular file")
        }
        return Int64(info.st_size)
    }
}

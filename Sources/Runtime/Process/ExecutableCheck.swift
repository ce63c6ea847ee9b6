#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a tool path before spawning, so a missing tool is reported as `.toolMissing` (exit 69,
/// not retried) with the path in the message, instead of a generic spawn failure.
enum ExecutableCheck {
    /// - Throws: ``JobError`` `.toolMissing` when `path` is relative, absent, a directory or not
    ///   executable.
    static func verify(_ path: String) throws {
        guard path.hasPrefix("/") else {
            throw JobError.toolMissing("\(path) is not an absolute path; tools are run by absolute path only")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw JobError.toolMissing("\(path) does not exist (stat: \(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw JobError.toolMissing("\(path) is not a regular file")
        }
        guard access(path, X_OK) == 0 else {
            throw JobError.toolMissing("\(path) is not executable (access: \(String(cString: strerror(errno))))")
        }
    }
}

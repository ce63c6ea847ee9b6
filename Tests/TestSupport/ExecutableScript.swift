import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a script the tests will execute, through a close-on-exec descriptor.
///
/// Test processes spawn children from many threads at once; a child forked while the script is open
/// for writing would inherit that descriptor, and exec'ing the script then fails with ETXTBSY ("Text
/// file busy") until the child execs or exits. `Data.write` does not set `O_CLOEXEC`.
public enum ExecutableScript {
    public static func write(_ contents: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw TestFailure("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TestFailure("write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fchmod(descriptor, 0o755) == 0 else { throw TestFailure("fchmod \(path)") }
    }
}

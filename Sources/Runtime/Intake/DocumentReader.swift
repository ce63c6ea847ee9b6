import Foundation

/// Bounded reads of a job document from a file descriptor (stdin or a file).
public enum DocumentReader {
    /// Reads until end of file, stopping once `limit` bytes are in: the decoder then reports the size.
    public static func read(fileDescriptor: Int32, limit: Int, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw JobError.invalidJob("cannot read the job from \(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += buffer[..<min(count, limit - bytes.count)]
        }
        return bytes
    }
}

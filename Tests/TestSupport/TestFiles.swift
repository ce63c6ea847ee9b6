import Foundation
import SigV4

/// Scratch files for the tests: random contents (so a swapped or repeated part changes the hash).
public enum TestFiles {
    public static let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("onejob-s3-files-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A new file of `size` random bytes; returns its path and hex SHA-256.
    public static func random(size: Int, name: String = UUID().uuidString) throws -> (path: String, sha256: String) {
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let output = FileHandle(forWritingAtPath: path),
            let source = FileHandle(forReadingAtPath: "/dev/urandom")
        else { throw TestFailure("cannot create \(path)") }
        defer {
            try? output.close()
            try? source.close()
        }
        var remaining = size
        while remaining > 0 {
            let chunk = try source.read(upToCount: min(remaining, 1 << 20)) ?? Data()
            guard !chunk.isEmpty else { throw TestFailure("/dev/urandom ended") }
            try output.write(contentsOf: chunk)
            remaining -= chunk.count
        }
        return (path, try SHA256.hash(fileAt: path).hex)
    }

    public static func uniquePrefix() -> String { "t-\(UUID().uuidString.prefix(8).lowercased())/" }
}

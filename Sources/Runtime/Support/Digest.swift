import Foundation
import SigV4

/// SHA-256 for Runtime, over the SigV4 module's OpenSSL hashing.
enum Digest {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        // OpenSSL fails here only if its SHA-256 provider is missing, which breaks every signature
        // too; a constant keeps ids deterministic while the signing path reports the real error.
        (try? SHA256.hash(bytes).hex) ?? String(repeating: "0", count: 64)
    }

    /// Hashes a file in large reads, never holding it whole.
    static func sha256Hex(fileAt path: String) throws -> (hex: String, bytes: Int64) {
        do {
            let digest = try SHA256.hash(fileAt: path)
            var info = stat()
            guard stat(path, &info) == 0 else { throw JobError(.ioFailed, "stat \(path) failed") }
            return (digest.hex, Int64(info.st_size))
        } catch let error as JobError {
            throw error
        } catch {
            throw JobError(.ioFailed, "cannot hash \(path): \(error)")
        }
    }
}

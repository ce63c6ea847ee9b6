/// The one error type of the SigV4 module.
///
/// A struct over a private code enum (rather than a public enum) so new cases can be added without breaking
/// callers that switch on it. Messages name the failing C function so a failure in the field points at the
/// exact call; they never contain key material.
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: String, Sendable {
        case crypto
        case fileIO
        case invalidArgument
    }

    let code: Code
    /// Human-readable detail: the C function and what went wrong.
    public let message: String
    /// `errno` for file errors, 0 otherwise.
    public let errno: Int32

    init(_ code: Code, _ message: String, errno: Int32 = 0) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// A libcrypto call returned failure.
    public static func crypto(_ function: String) -> SigV4Error {
        SigV4Error(.crypto, "\(function) failed")
    }

    /// A file system call failed; `errno` is kept for the caller to classify (ENOENT vs EIO).
    public static func fileIO(_ function: String, path: String, errno: Int32) -> SigV4Error {
        SigV4Error(.fileIO, "\(function)(\(path)) failed with errno \(errno)", errno: errno)
    }

    /// A caller-supplied value is outside what the protocol allows (e.g. presign expiry over 7 days).
    public static func invalidArgument(_ message: String) -> SigV4Error {
        SigV4Error(.invalidArgument, message)
    }

    public var isCryptoFailure: Bool { code == .crypto }
    public var isFileIOFailure: Bool { code == .fileIO }
    public var isInvalidArgument: Bool { code == .invalidArgument }

    public var description: String { "SigV4 \(code.rawValue) error: \(message)" }
}

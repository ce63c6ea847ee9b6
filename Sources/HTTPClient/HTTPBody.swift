/// What a request sends.
///
/// A file body is streamed from disk by libcurl's read callback, so uploads of any size use a fixed, small
/// amount of memory; the byte range lets multipart uploads send one part of a large file without copying it.
public enum HTTPBody: Sendable, Equatable {
    case none
    case bytes([UInt8])
    /// `length` nil means "from `offset` to the end of the file" (measured when the request starts).
    case file(path: String, offset: Int64 = 0, length: Int64? = nil)

    /// Whether the request carries a body at all (an empty `.bytes` still sends `Content-Length: 0`).
    var isPresent: Bool {
        if case .none = self { return false }
        return true
    }
}

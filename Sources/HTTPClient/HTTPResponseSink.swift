/// Where the body of a successful (2xx) response goes.
///
/// Downloads stream straight to disk so a large object never sits in memory. Bodies of non-2xx responses
/// always go to memory (within the same cap) and the file is left empty: the caller needs the error
/// document, and a half-written error page must never be mistaken for the object.
public enum HTTPResponseSink: Sendable, Equatable {
    case memory
    /// Created or truncated when the request starts.
    case file(path: String)
}

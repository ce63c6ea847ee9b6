/// The final response of a request (after any redirects the options allowed).
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Names lower-cased, in the order received, duplicates kept (e.g. several `set-cookie`).
    public var headers: [(String, String)]
    /// The body when it went to memory; empty when a 2xx body was streamed to a file sink.
    public var body: [UInt8]
    /// Bytes of the final body received, wherever they went.
    public var bodyByteCount: Int64

    public init(status: Int, headers: [(String, String)], body: [UInt8], bodyByteCount: Int64) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyByteCount = bodyByteCount
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0 == wanted }?.1
    }

    /// Every value of a header, in order, by case-insensitive name.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.0 == wanted }.map(\.1)
    }
}

/// One HTTP request, described as plain values so it can be signed, logged (without its headers) and retried.
public struct HTTPRequest: Sendable {
    /// An upper-case token such as `GET`, `PUT`, `POST`, `HEAD`, `DELETE`.
    public var method: String
    public var url: String
    /// Sent in order, duplicates kept. An empty value is sent as an empty header (not dropped).
    public var headers: [(String, String)]
    public var body: HTTPBody
    public var responseBody: HTTPResponseSink

    public init(
        method: String,
        url: String,
        headers: [(String, String)] = [],
        body: HTTPBody = .none,
        responseBody: HTTPResponseSink = .memory
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.responseBody = responseBody
    }
}

/// The one capability the rest of onejob needs from HTTP, so callers can be tested with an in-memory fake.
public protocol HTTPTransport: Sendable {
    /// - Throws: ``HTTPClientError`` for transport failures. Any HTTP status, 4xx and 5xx included, is a
    ///   response, not an error: the caller decides what a status means.
    func execute(_ request: HTTPRequest, options: HTTPRequestOptions) async throws -> HTTPResponse
}

import HTTPClient
import Synchronization

/// Wraps a real transport (or a scripted one) to record requests and inject faults at chosen points.
final class RecordingTransport: HTTPTransport, Sendable {
    private let inner: any HTTPTransport
    private let hook: @Sendable (HTTPRequest, Int) async throws -> Void
    let requests = Mutex<[HTTPRequest]>([])

    /// - Parameter hook: runs before each request is forwarded, with its 0-based index; may throw to fail it.
    init(_ inner: any HTTPTransport, hook: @escaping @Sendable (HTTPRequest, Int) async throws -> Void = { _, _ in }) {
        self.inner = inner
        self.hook = hook
    }

    func execute(_ request: HTTPRequest, options: HTTPRequestOptions) async throws -> HTTPResponse {
        let index = requests.withLock { list in
            list.append(request)
            return list.count - 1
        }
        try await hook(request, index)
        return try await inner.execute(request, options: options)
    }

    var methodsAndQueries: [String] {
        requests.withLock { $0.map { "\($0.method) \(Self.queryNames($0.url))" } }
    }

    /// The query's parameter names, e.g. `partNumber&uploadId`, without values (or signatures).
    static func queryNames(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return "" }
        return url[url.index(after: question)...].split(separator: "&").map { $0.split(separator: "=").first ?? "" }
            .joined(separator: "&")
    }
}

/// Answers from a script instead of the network: for the retry loop's pure logic.
final class ScriptedTransport: HTTPTransport, Sendable {
    private let answers: Mutex<[Result<HTTPResponse, HTTPClientError>]>

    init(_ answers: [Result<HTTPResponse, HTTPClientError>]) {
        self.answers = Mutex(answers)
    }

    func execute(_ request: HTTPRequest, options: HTTPRequestOptions) async throws -> HTTPResponse {
        let next = answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let next else { throw HTTPClientError(.connectFailed, function: "script", message: "no more answers") }
        return try next.get()
    }

    static func status(_ status: Int, code: String? = nil, headers: [(String, String)] = []) -> HTTPResponse {
        let body = code.map { "<?xml version=\"1.0\"?><Error><Code>\($0)</Code><Message>m</Message></Error>" } ?? ""
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8), bodyByteCount: Int64(body.utf8.count))
    }
}

import HTTPClient

/// ``LambdaRuntimeClient`` over HTTP to `AWS_LAMBDA_RUNTIME_API` (the 2018-06-01 API).
public struct LambdaRuntimeAPI: LambdaRuntimeClient {
    public var transport: any HTTPTransport
    /// `http://host:port/2018-06-01/runtime`
    public var base: String

    /// - Parameter endpoint: the value of `AWS_LAMBDA_RUNTIME_API` (`host:port`).
    public init(endpoint: String, transport: any HTTPTransport) {
        self.transport = transport
        self.base = "http://\(endpoint)/2018-06-01/runtime"
    }

    public func nextInvocation() async throws -> LambdaInvocation {
        // A long poll: no total timeout and no stall detection, the call waits as long as Lambda likes.
        let options = HTTPRequestOptions(maxResponseBytes: 6 * 1024 * 1024 + 1024, totalTimeout: nil, lowSpeedTime: nil)
        let response = try await transport.execute(HTTPRequest(method: "GET", url: base + "/invocation/next"), options: options)
        guard response.status == 200, let requestID = response.header("lambda-runtime-aws-request-id") else {
            throw JobError(.temporary, "Lambda Runtime API: invocation/next answered HTTP \(response.status)")
        }
        return LambdaInvocation(
            requestID: requestID, deadlineMilliseconds: response.header("lambda-runtime-deadline-ms").flatMap { Int64($0) },
            traceID: response.header("lambda-runtime-trace-id"),
            functionARN: response.header("lambda-runtime-invoked-function-arn"), body: response.body)
    }

    public func respond(requestID: String, body: [UInt8]) async throws {
        try await post("/invocation/\(requestID)/response", body: body, headers: [("Content-Type", "application/json")])
    }

    public func fail(requestID: String, error: LambdaErrorReport) async throws {
        try await post(
            "/invocation/\(requestID)/error", body: Array(error.json.compactText.utf8),
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", error.errorType)])
    }

    public func failInit(_ error: LambdaErrorReport) async throws {
        try await post(
            "/init/error", body: Array(error.json.compactText.utf8),
            headers: [("Content-Type", "application/json"), ("Lambda-Runtime-Function-Error-Type", error.errorType)])
    }

    private func post(_ path: String, body: [UInt8], headers: [(String, String)]) async throws {
        let options = HTTPRequestOptions(maxResponseBytes: 64 * 1024, totalTimeout: .seconds(30))
        let response = try await transport.execute(
            HTTPRequest(method: "POST", url: base + path, headers: headers, body: .bytes(body)), options: options)
        guard (200..<300).contains(response.status) else {
            throw JobError(.temporary, "Lambda Runtime API: \(path) answered HTTP \(response.status)")
        }
    }
}

import HTTPClient

/// Sends one request for a credential provider, retrying transient failures a bounded number of times.
///
/// Metadata endpoints are link-local and answer in milliseconds or not at all, so a retry is cheap and a
/// longer backoff would only delay the chain's fall-through on machines where the endpoint does not exist.
enum CredentialsHTTP {
    /// - Returns: the last response, whatever its status: a 4xx is an answer for the provider to explain.
    /// - Throws: ``CredentialsError/Code/requestFailed`` when every attempt failed in transport.
    static func send(
        _ request: HTTPRequest,
        options: HTTPRequestOptions,
        attempts: Int,
        transport: any HTTPTransport,
        provider: String,
        what: String
    ) async throws -> HTTPResponse {
        var lastError: HTTPClientError?
        var lastResponse: HTTPResponse?
        for _ in 0..<max(1, attempts) {
            try Task.checkCancellation()
            do {
                let response = try await transport.execute(request, options: options)
                lastResponse = response
                guard response.status >= 500 else { return response }
            } catch let error as HTTPClientError {
                if error.code == .cancelled { throw CancellationError() }
                lastError = error
                lastResponse = nil
                guard error.isRetryable else { break }
            }
        }
        if let lastResponse { return lastResponse }
        let detail = lastError.map { "\($0.code): \($0.message)" } ?? "no response"
        throw CredentialsError(
            .requestFailed, provider: provider, message: "\(what) failed (\(detail))",
            isRetryable: lastError?.isRetryable ?? true)
    }

    /// The error for a non-2xx answer; the body is not quoted because credential endpoints may echo secrets.
    static func statusError(_ response: HTTPResponse, provider: String, what: String) -> CredentialsError {
        CredentialsError(
            .httpStatus, provider: provider, message: "\(what) returned HTTP \(response.status)",
            status: response.status, isRetryable: response.status >= 500 || response.status == 429)
    }

    static func isSuccess(_ response: HTTPResponse) -> Bool { (200..<300).contains(response.status) }
}

import Foundation
import Synchronization

/// An HTTP/1.1 client over libcurl for the requests of one job.
///
/// It keeps a small pool of easy handles: a request takes an idle handle (the most recently used first, so
/// sequential requests to one host reuse its open TCP/TLS connection) or creates one, and returns it when
/// done, so parallel requests (multipart parts) each get their own. `curl_easy_perform` blocks, so each
/// transfer runs on its own thread and never ties up a thread of Swift's cooperative pool.
public final class HTTPClient: HTTPTransport, Sendable {
    private let idleHandles = Mutex<[CurlEasyHandle]>([])
    private let maxIdleHandles: Int

    /// - Parameter maxIdleHandles: handles (each with its open connections) kept between requests.
    public init(maxIdleHandles: Int = 8) {
        self.maxIdleHandles = maxIdleHandles
    }

    /// Performs `request` and returns its final response.
    ///
    /// Cancelling the calling task aborts the transfer within about a second (libcurl polls the progress
    /// callback at least that often) and throws ``HTTPClientError/Code/cancelled``.
    /// - Throws: ``HTTPClientError``; HTTP error statuses are responses, not errors.
    public func execute(_ request: HTTPRequest, options: HTTPRequestOptions = HTTPRequestOptions()) async throws
        -> HTTPResponse
    {
        guard !Task.isCancelled else {
            throw HTTPClientError(.cancelled, function: "HTTPClient.execute", message: "the request was cancelled")
        }
        let cancellation = TransferCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread { [self] in
                    continuation.resume(with: Result { try self.perform(request, options, cancellation) })
                }
                thread.name = "onejob-http"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Runs on the transfer thread.
    private func perform(
        _ request: HTTPRequest, _ options: HTTPRequestOptions, _ cancellation: TransferCancellation
    ) throws -> HTTPResponse {
        // A pinned address lives in the handle's DNS cache and its connections; such a handle is used once and
        // never pooled, so the pin cannot leak into a later request for the same host.
        guard options.resolvedAddress == nil else {
            return try CurlEasyHandle().run(request, options: options, cancellation: cancellation)
        }
        let handle = try checkOut()
        defer { checkIn(handle) }
        return try handle.run(request, options: options, cancellation: cancellation)
    }

    private func checkOut() throws -> CurlEasyHandle {
        if let handle = idleHandles.withLock({ $0.popLast() }) { return handle }
        return try CurlEasyHandle()
    }

    private func checkIn(_ handle: CurlEasyHandle) {
        idleHandles.withLock { handles in
            if handles.count < maxIdleHandles { handles.append(handle) }
        }
    }
}

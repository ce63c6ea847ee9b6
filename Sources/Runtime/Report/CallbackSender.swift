import Foundation
import HTTPClient
import Logging

/// POSTs a CloudEvent to a job's callback URL with retries; never throws, because a dead callback
/// must not fail the job it reports on.
public struct CallbackSender: Sendable {
    public var transport: any HTTPTransport
    /// Nil for trusted URLs; otherwise the callback host is checked and pinned like any job URL.
    public var addressPolicy: AddressPolicy?
    public var maxAttempts: Int
    /// First retry delay; doubles each attempt, with full jitter.
    public var baseDelay: Duration
    public var requestTimeout: Duration
    public var logger: Logger

    public init(
        transport: any HTTPTransport, addressPolicy: AddressPolicy?, maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250), requestTimeout: Duration = .seconds(10), logger: Logger
    ) {
        self.transport = transport
        self.addressPolicy = addressPolicy
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    /// - Returns: whether the receiver accepted the event (2xx) within the attempts.
    @discardableResult
    public func send(_ event: CloudEvent, to url: String) async -> Bool {
        guard let parsed = ParsedURL(url), !parsed.host.isEmpty else {
            logger.warning("callback URL is not a URL", metadata: ["callback": "\(url)"])
            return false
        }
        let port = parsed.port ?? (parsed.scheme == "https" ? 443 : 80)
        var lastProblem = ""
        for attempt in 1...max(1, maxAttempts) {
            do {
                let pinned = try addressPolicy?.resolve(host: parsed.host, port: port)
                let options = HTTPRequestOptions(
                    maxResponseBytes: 64 * 1024, connectTimeout: .seconds(5), totalTimeout: requestTimeout,
                    resolvedAddress: pinned)
                let request = HTTPRequest(method: "POST", url: url, headers: event.binaryHeaders, body: .bytes(event.data))
                let response = try await transport.execute(request, options: options)
                if (200..<300).contains(response.status) { return true }
                lastProblem = "HTTP \(response.status)"
                // 4xx other than 408/429 will not get better by asking again.
                if (400..<500).contains(response.status) && response.status != 408 && response.status != 429 { break }
            } catch let error as JobError {
                lastProblem = error.message
                break
            } catch {
                lastProblem = "\(error)"
            }
            if attempt < maxAttempts {
                let ceiling = baseDelay * (1 << (attempt - 1))
                let jittered = ceiling * Double.random(in: 0.5...1)
                do { try await Task.sleep(for: jittered) } catch { break }
            }
        }
        logger.warning(
            "callback not delivered", metadata: ["callback": "\(url)", "event": "\(event.type)", "error": "\(lastProblem)"])
        return false
    }
}

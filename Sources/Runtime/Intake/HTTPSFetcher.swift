import Foundation
import HTTPClient
import S3

/// Downloads `https://` (and, when allowed, `http://`) URLs to a file through libcurl.
///
/// For job-supplied URLs every hop is checked by ``AddressPolicy`` and the connection pinned to the
/// checked address; redirects are followed here, hop by hop, so each new host is checked too and an
/// https URL can never be redirected to http.
public struct HTTPSFetcher: InputFetching {
    public var transport: any HTTPTransport
    public var addressPolicy: AddressPolicy?
    public var allowHTTP: Bool
    public var maxRedirects: Int
    public var maxAttempts: Int

    /// - Parameter addressPolicy: `nil` for URLs the operator configured (trusted), a policy for job URLs.
    public init(transport: any HTTPTransport, addressPolicy: AddressPolicy?, allowHTTP: Bool, maxRedirects: Int = 5, maxAttempts: Int = 3) {
        self.transport = transport
        self.addressPolicy = addressPolicy
        self.allowHTTP = allowHTTP
        self.maxRedirects = maxRedirects
        self.maxAttempts = maxAttempts
    }

    public func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        var current = url
        for _ in 0...maxRedirects {
            let response = try await get(current, to: destination, maxBytes: maxBytes)
            switch response.status {
            case 200..<300:
                return response.bodyByteCount
            case 301, 302, 303, 307, 308:
                guard let location = response.header("location") else {
                    throw JobError.badInput("\(Self.display(current)) redirected without a Location")
                }
                current = Self.resolve(location, against: current)
            case 404, 410:
                throw JobError.badInput("\(Self.display(current)) was not found (HTTP \(response.status))")
            case 401, 403:
                throw JobError(.accessDenied, "\(Self.display(current)) refused access (HTTP \(response.status))")
            default:
                throw JobError(.ioFailed, "\(Self.display(current)) answered HTTP \(response.status)")
            }
        }
        throw JobError.badInput("\(Self.display(url)) redirected more than \(maxRedirects) times")
    }

    /// One GET with retries on transient failures (5xx, connection errors), backoff with full jitter.
    private func get(_ url: String, to destination: String, maxBytes: Int64) async throws -> HTTPResponse {
        guard let parsed = ParsedURL(url), !parsed.host.isEmpty else { throw JobError.invalidJob("\(Self.display(url)) is not a URL") }
        guard parsed.scheme == "https" || (parsed.scheme == "http" && allowHTTP) else {
            throw JobError.invalidJob("\(Self.display(url)): only https:// is allowed (set ONEJOB_ALLOW_HTTP_URLS=1 to permit http)")
        }
        let port = parsed.port ?? (parsed.scheme == "https" ? 443 : 80)
        let pinned = try addressPolicy?.resolve(host: parsed.host, port: port)
        let options = HTTPRequestOptions(maxResponseBytes: maxBytes, resolvedAddress: pinned)
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await transport.execute(
                    HTTPRequest(method: "GET", url: url, responseBody: .file(path: destination)), options: options)
                if (500...599).contains(response.status) && attempt < maxAttempts {
                    try await backoff(attempt)
                    continue
                }
                return response
            } catch let error as HTTPClientError {
                if error.code == .tooLarge {
                    throw JobError.badInput("\(Self.display(url)) is larger than the \(maxBytes)-byte limit")
                }
                if error.code == .cancelled { throw CancellationError() }
                if error.isRetryable && attempt < maxAttempts {
                    try await backoff(attempt)
                    continue
                }
                throw JobError(.ioFailed, "downloading \(Self.display(url)) failed: \(error.code) (\(error.message))")
            }
        }
    }

    /// Full jitter from 100 ms, doubling, capped at 20 s: the storage client's policy.
    private func backoff(_ attempt: Int) async throws {
        let policy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(100))
        try await Task.sleep(for: policy.backoff(afterAttempt: attempt, throttled: false, random: Double.random(in: 0..<1)))
    }

    /// The URL without its query string, which may hold a signature.
    static func display(_ url: String) -> String {
        String(url.prefix(while: { $0 != "?" }))
    }

    /// Resolves a Location header (absolute, scheme-relative or path) against the request URL.
    static func resolve(_ location: String, against base: String) -> String {
        if location.contains("://") { return location }
        guard let parsed = ParsedURL(base) else { return location }
        let authority = parsed.port.map { "\(parsed.host):\($0)" } ?? parsed.host
        if location.hasPrefix("//") { return "\(parsed.scheme):\(location)" }
        if location.hasPrefix("/") { return "\(parsed.scheme)://\(authority)\(location)" }
        let directory = parsed.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return "\(parsed.scheme)://\(authority)\(directory)/\(location)"
    }
}

import Foundation
import HTTPClient
import SigV4

/// An S3 client over any ``HTTPTransport``: signs every attempt with SigV4, retries like the AWS SDKs'
/// standard mode and turns every failure into one ``S3Error``.
///
/// Time, randomness and sleeping are injected so the retry loop is deterministic under test; the transport
/// and credentials are protocols so the Runtime picks libcurl and its credential chain while tests can wrap
/// the real client to inject faults.
public final class S3Client: Sendable {
    public let configuration: S3Configuration
    public let endpoint: S3Endpoint
    public let retryPolicy: RetryPolicy
    let transport: any HTTPTransport
    let credentialsProvider: any CredentialsProviding
    let requestOptions: HTTPRequestOptions
    let now: @Sendable () -> Date
    let random: @Sendable () -> Double
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - requestOptions: transport limits for every request; signed requests must not follow redirects,
    ///     so `maxRedirects` is forced to 0, and the stall window is the configuration's `lowSpeedTime`.
    ///   - now: the signing clock.
    ///   - random: uniform in `[0, 1)`, for backoff jitter.
    ///   - sleep: waits between attempts; must throw when the task is cancelled.
    /// - Throws: ``S3Error`` `.invalidConfiguration` when the endpoint or region is unusable.
    public init(
        configuration: S3Configuration,
        transport: any HTTPTransport,
        credentials: any CredentialsProviding,
        requestOptions: HTTPRequestOptions = HTTPRequestOptions(),
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws {
        self.configuration = configuration
        self.endpoint = try S3Endpoint(configuration)
        self.retryPolicy = RetryPolicy(maxAttempts: configuration.maxAttempts)
        self.transport = transport
        self.credentialsProvider = credentials
        var options = requestOptions
        options.maxRedirects = 0
        options.lowSpeedTime = configuration.lowSpeedTime
        self.requestOptions = options
        self.now = now
        self.random = random
        self.sleep = sleep
    }

    // MARK: - Requests

    /// One S3 call, before signing.
    struct Request: Sendable {
        var operation: String
        var method: String
        var bucket: String
        var key: String = ""
        var query: [SigV4Request.QueryItem] = []
        var headers: [(String, String)] = []
        var body: HTTPBody = .none
        var payload: PayloadHash = .empty
        var sink: HTTPResponseSink = .memory
        var maxResponseBytes: Int64??
        /// CompleteMultipartUpload (and copies) may answer 200 and put an `<Error>` in the body.
        var errorMayHide200 = false
    }

    /// Sends `request` with retries and returns its 2xx answer.
    /// - Throws: ``S3Error`` only.
    func send(_ request: Request) async throws -> HTTPResponse {
        try await sendCountingAttempts(request).response
    }

    /// ``send(_:)``, also saying how many attempts the answer took: a request that is not idempotent in
    /// effect (CreateMultipartUpload) may have been carried out by an attempt whose answer was lost.
    /// - Throws: ``S3Error`` only; its ``S3Error/attempts`` says how many were made.
    func sendCountingAttempts(_ request: Request) async throws -> (response: HTTPResponse, attempts: Int) {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            attempt += 1
            if Task.isCancelled { throw cancelled(request, attempts: attempt - 1) }
            let failure: S3Error
            let decision: RetryPolicy.Decision
            do {
                let response = try await sendOnce(request)
                let hidden = request.errorMayHide200 ? S3ErrorDocument(body: response.body) : nil
                if (200..<300).contains(response.status), hidden == nil { return (response, attempt) }
                let document = hidden ?? S3ErrorDocument(body: response.body)
                decision = RetryPolicy.decide(status: response.status, s3Code: document?.code)
                failure = responseError(request, response: response, document: document, decision: decision)
            } catch let error as HTTPClientError {
                if error.code == .cancelled { throw cancelled(request, attempts: attempt) }
                decision = error.isRetryable ? .retry(throttled: false) : .fail
                failure = transportError(request, error)
            }
            switch decision {
            case .fail:
                throw failure.with(attempts: attempt)
            case .refreshCredentials:
                guard !refreshedCredentials else { throw failure.with(attempts: attempt) }
                refreshedCredentials = true
                await credentialsProvider.invalidate()
                // A refresh is not a failed try of the request: it gets its attempt back.
                attempt -= 1
            case .retry(let throttled):
                guard attempt < retryPolicy.maxAttempts else { throw failure.with(attempts: attempt) }
                let delay = retryPolicy.backoff(afterAttempt: attempt, throttled: throttled, random: random())
                do {
                    try await sleep(delay)
                } catch {
                    throw cancelled(request, attempts: attempt)
                }
            }
        }
    }

    /// Signs (fresh credentials, fresh date) and sends one attempt. The body is re-read from its file each time.
    private func sendOnce(_ request: Request) async throws -> HTTPResponse {
        let credentials = try await currentCredentials(request)
        let location = endpoint.location(bucket: request.bucket, key: request.key)
        let signable = SigV4Request(
            method: request.method, path: location.path, pathIsEncoded: false, query: request.query,
            headers: [SigV4Request.Header("Host", location.hostHeader)]
                + request.headers.map { SigV4Request.Header($0.0, $0.1) },
            payload: request.payload)
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: "s3", rules: .s3)
        let signed: SignedRequest
        do {
            signed = try signer.signHeaders(signable, time: SigningTime(now()))
        } catch {
            throw S3Error(
                .credentials, classification: .credentialsUnavailable, operation: request.operation,
                bucket: request.bucket, key: request.key, message: "signing failed: \(error)")
        }
        let url = location.url(wirePath: signable.wirePath, encodedQuery: signer.canonicalQuery(request.query))
        var options = requestOptions
        if let limit = request.maxResponseBytes { options.maxResponseBytes = limit }
        let http = HTTPRequest(
            method: request.method, url: url, headers: signed.headers.map { ($0.name, $0.value) },
            body: request.body, responseBody: request.sink)
        return try await transport.execute(http, options: options)
    }

    func currentCredentials(_ request: Request) async throws -> Credentials {
        do {
            return try await credentialsProvider.credentials()
        } catch let error as S3Error {
            throw error
        } catch let error as CredentialsError where error.code == .invalidConfiguration {
            // A half-set environment will not fix itself on a retry: say it is the operator's to fix.
            throw S3Error(
                .credentials, classification: .invalidConfiguration, operation: request.operation,
                bucket: request.bucket, key: request.key, message: "credentials misconfigured: \(error)")
        } catch is CancellationError {
            throw cancelled(request, attempts: 1)
        } catch {
            throw S3Error(
                .credentials, classification: .credentialsUnavailable, operation: request.operation,
                bucket: request.bucket, key: request.key, message: "no credentials: \(error)")
        }
    }

    // MARK: - Error mapping

    static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "AllAccessDisabled", "AccountProblem",
        "InvalidSecurity", "InvalidToken",
    ]
    static let notFoundCodes: Set<String> = ["NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound"]

    /// The classification of an error answer, given what the retry policy made of it.
    static func classify(status: Int, s3Code: String?, decision: RetryPolicy.Decision) -> S3Error.Classification {
        if let s3Code, accessDeniedCodes.contains(s3Code) { return .accessDenied }
        if let s3Code, notFoundCodes.contains(s3Code) { return .notFound }
        switch decision {
        case .retry(let throttled): return throttled ? .throttled : .transient
        case .refreshCredentials: return .credentialsUnavailable
        case .fail: break
        }
        switch status {
        case 403: return .accessDenied
        case 404: return .notFound
        case 300..<400: return .invalidConfiguration
        default: return .invalidRequest
        }
    }

    private func responseError(
        _ request: Request, response: HTTPResponse, document: S3ErrorDocument?, decision: RetryPolicy.Decision
    ) -> S3Error {
        // HEAD answers carry no body: name the usual code so callers see NoSuchKey rather than nothing.
        let code = document?.code ?? (response.status == 404 ? "NotFound" : nil)
        return S3Error(
            .response, classification: Self.classify(status: response.status, s3Code: code, decision: decision),
            operation: request.operation, bucket: request.bucket, key: request.key, status: response.status,
            s3Code: code, message: document?.message ?? "HTTP \(response.status)",
            requestId: response.header("x-amz-request-id") ?? document?.requestId)
    }

    private func transportError(_ request: Request, _ error: HTTPClientError) -> S3Error {
        let (code, classification): (S3Error.Code, S3Error.Classification)
        switch error.code {
        case .bodyReadFailed, .sinkWriteFailed: (code, classification) = (.localFile, .localIO)
        case .invalidRequest where error.function == "open" || error.function == "fstat":
            (code, classification) = (.localFile, .localIO)
        case .invalidRequest, .invalidURL: (code, classification) = (.invalidArgument, .invalidRequest)
        case .tooLarge: (code, classification) = (.tooLarge, .invalidRequest)
        default: (code, classification) = (.transport, .transient)
        }
        return S3Error(
            code, classification: classification, operation: request.operation, bucket: request.bucket,
            key: request.key, message: error.description)
    }

    func cancelled(_ request: Request, attempts: Int) -> S3Error {
        S3Error(
            .cancelled, classification: .cancelled, operation: request.operation, bucket: request.bucket,
            key: request.key, message: "cancelled", attempts: max(attempts, 1))
    }
}

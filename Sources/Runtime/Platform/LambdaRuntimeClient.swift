/// The Lambda Runtime API as the loop needs it, so ``LambdaLoop`` never sees HTTP.
public protocol LambdaRuntimeClient: Sendable {
    /// Blocks until Lambda has an invocation for this container.
    func nextInvocation() async throws -> LambdaInvocation
    func respond(requestID: String, body: [UInt8]) async throws
    func fail(requestID: String, error: LambdaErrorReport) async throws
    /// Start-up failed: Lambda records the error and does not send invocations to this container.
    func failInit(_ error: LambdaErrorReport) async throws
}

/// One invocation from `GET /runtime/invocation/next`.
public struct LambdaInvocation: Sendable, Equatable {
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: Unix time in milliseconds when Lambda stops the invocation.
    public var deadlineMilliseconds: Int64?
    /// `Lambda-Runtime-Trace-Id`, the X-Ray header to export as `_X_AMZN_TRACE_ID`.
    public var traceID: String?
    public var functionARN: String?
    public var body: [UInt8]

    public init(requestID: String, deadlineMilliseconds: Int64? = nil, traceID: String? = nil, functionARN: String? = nil, body: [UInt8]) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.traceID = traceID
        self.functionARN = functionARN
        self.body = body
    }
}

/// The error document Lambda expects: `{"errorMessage": …, "errorType": …}`.
public struct LambdaErrorReport: Sendable, Equatable {
    public var errorMessage: String
    public var errorType: String

    public init(errorMessage: String, errorType: String) {
        self.errorMessage = errorMessage
        self.errorType = errorType
    }

    /// `onejob.<class>` so a Step Functions `Retry`/`Catch` can match on the class.
    public init(_ error: JobError) {
        self.init(errorMessage: error.message, errorType: "onejob.\(error.code.className)")
    }

    public var json: JSONValue {
        .object([("errorMessage", .string(errorMessage)), ("errorType", .string(errorType))])
    }
}

import Foundation
import Logging

/// The Lambda container's life: take the next invocation, run its job, answer, repeat — for as long
/// as Lambda keeps the container.
public struct LambdaLoop: Sendable {
    public var client: any LambdaRuntimeClient
    public var runner: JobRunner
    public var payload: JobPayload
    /// Exports `_X_AMZN_TRACE_ID` to the process (Lambda's own runtimes do, so SDKs pick it up).
    public var exportTrace: @Sendable (String?) -> Void
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        client: any LambdaRuntimeClient, runner: JobRunner, payload: JobPayload,
        exportTrace: @escaping @Sendable (String?) -> Void, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.client = client
        self.runner = runner
        self.payload = payload
        self.exportTrace = exportTrace
        self.now = now
        self.logger = logger
    }

    /// Runs invocations until the Runtime API stops answering, a SIGTERM/SIGINT arrives (or `limit`
    /// invocations, for tests).
    ///
    /// Most of a Lambda container's life is spent parked in `GET /next`, so that wait is what a signal
    /// usually interrupts: it is cancelled at once and the process leaves with 143 instead of sitting
    /// out the platform's grace period. A signal during an invocation cancels that job (the runner
    /// watches the same signals), its failure is still reported, and then the loop ends.
    /// - Returns: the exit code for the process once the loop ends.
    public func run(limit: Int? = nil) async -> ExitCode {
        var handled = 0
        while limit.map({ handled < $0 }) ?? true {
            if let signo = runner.signals?.receivedSignal {
                logger.info("leaving the Lambda loop", metadata: ["signal": "\(signo)"])
                return .cancelled
            }
            let invocation: LambdaInvocation
            do {
                invocation = try await waitForNext()
            } catch let error as JobError where error.code == .cancelled {
                logger.info("leaving the Lambda loop while waiting for an invocation", metadata: ["reason": "\(error.message)"])
                return .cancelled
            } catch {
                logger.error("Lambda Runtime API unavailable; leaving the loop", metadata: ["error": "\(error)"])
                return .temporary
            }
            await handle(invocation)
            handled += 1
        }
        return .success
    }

    /// `GET /next`, abandoned when a watched signal arrives (a ``JobError`` `.cancelled`).
    private func waitForNext() async throws -> LambdaInvocation {
        let client = self.client
        guard let signals = runner.signals else { return try await client.nextInvocation() }
        return try await signals.run { try await client.nextInvocation() }
    }

    /// One invocation: the job's `result.json` on success, `{errorMessage, errorType}` on failure.
    public func handle(_ invocation: LambdaInvocation) async {
        exportTrace(invocation.traceID)
        var runner = self.runner
        runner.logger[metadataKey: "awsRequestId"] = "\(invocation.requestID)"
        if let trace = invocation.traceID { runner.logger[metadataKey: "awsTraceId"] = "\(trace)" }
        if let deadline = invocation.deadlineMilliseconds {
            let seconds = Self.timeoutSeconds(deadlineMilliseconds: deadline, now: now())
            runner.timeoutOverride = min(seconds, runner.timeoutOverride ?? Int.max)
        }
        runner.logger.info("invocation received", metadata: ["timeoutSeconds": "\(runner.timeoutOverride.map(String.init) ?? "-")"])
        let payload = self.payload
        let body = invocation.body
        let report = await runner.run { try await payload.document(from: body) }
        do {
            if report.exitCode == .success {
                try await client.respond(requestID: invocation.requestID, body: report.result.bytes)
            } else {
                let error = report.result.error ?? JobError(report.exitCode, "job failed")
                try await client.fail(requestID: invocation.requestID, error: LambdaErrorReport(error))
            }
        } catch {
            runner.logger.error("cannot report the invocation to Lambda", metadata: ["error": "\(error)"])
        }
    }

    /// Whole seconds left before Lambda's deadline, less a second for `result.json` and the answer; at least 1.
    public static func timeoutSeconds(deadlineMilliseconds: Int64, now: Date) -> Int {
        let remaining = Double(deadlineMilliseconds) / 1000 - now.timeIntervalSince1970 - 1
        guard remaining.isFinite else { return 1 }
        return max(1, Int(remaining.rounded(.down)))
    }
}

import Foundation
import Logging
import Runtime

/// What `POST /` does with an event, apart from HTTP plumbing: admit it, run its job, and pick the
/// status that tells the platform whether to redeliver.
struct EventEndpoint: Sendable {
    var runner: JobRunner
    var payload: JobPayload
    var gate: JobGate
    var metrics: ServeMetrics
    var logger: Logger
    /// The `source` of reply events: the same platform-derived URI the callbacks use, so a consumer
    /// can tell which service (Cloud Run revision, Knative service, task) answered.
    var eventSource: String = "onejob"
    /// Called once `maxJobs` jobs have finished (0 = never): the server then shuts down gracefully.
    var maxJobs: Int
    var onLimitReached: @Sendable () async -> Void

    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
    }

    /// Seconds a refused client should wait before redelivering while a job runs.
    static let retryAfterSeconds = 10

    func handle(headers: [(name: String, value: [UInt8])], body: [UInt8], prefersReply: Bool) async -> Answer {
        let event: IncomingEvent
        do {
            event = try IncomingEvent.parse(headers: headers, body: body)
        } catch {
            metrics.reject(status: error.status)
            logger.warning("event refused", metadata: ["status": "\(error.status)", "error": "\(error.message)"])
            return Self.problem(error.status, error.message)
        }
        var log = logger
        log[metadataKey: "eventSource"] = "\(event.source)"
        log[metadataKey: "eventId"] = "\(event.id)"
        if let traceparent = event.traceparent { log[metadataKey: "traceparent"] = "\(traceparent)" }

        let key = JobGate.key(source: event.source, id: event.id)
        switch gate.admit(key) {
        case .busy:
            metrics.reject(status: 429)
            log.info("event refused while a job runs")
            var answer = Self.problem(429, "a job is running; retry later")
            answer.headers.append(("Retry-After", String(Self.retryAfterSeconds)))
            return answer
        case .duplicate(let previous):
            log.info("duplicate event answered from its first run")
            return Answer(status: previous.status, headers: previous.headers.map { ($0.key, $0.value) }, body: previous.body)
        case .run:
            break
        }

        var runner = self.runner
        runner.logger = log
        let payload = self.payload
        let data = event.data
        let clock = ContinuousClock()
        let started = clock.now
        let report = await runner.run { try await payload.document(from: data) }
        let elapsed = clock.now - started
        metrics.record(report, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)

        let status = Self.status(for: report.exitCode)
        var replyHeaders: [(String, String)] = [("Content-Type", "application/json")]
        if prefersReply {
            let reply = CloudEvent(
                id: UUID().uuidString.lowercased(), source: eventSource,
                type: CallbackReporter.typePrefix + (report.exitCode == .success ? "succeeded" : "failed"),
                subject: report.result.id, time: ResultDocument.timestamp(Date()),
                extensions: event.traceparent.map { ["traceparent": $0] } ?? [:])
            replyHeaders = reply.binaryHeaders
        }
        let body = report.result.bytes
        let finished = gate.finish(
            key, answer: JobGate.Answer(status: status, headers: Dictionary(replyHeaders, uniquingKeysWith: { a, _ in a }), body: body))
        if maxJobs > 0 && finished >= maxJobs {
            log.info("job limit reached; shutting down", metadata: ["maxJobs": "\(maxJobs)"])
            await onLimitReached()
        }
        return Answer(status: status, headers: replyHeaders, body: body)
    }

    /// 200 done; 400 will never work (Knative and Eventarc do not redeliver 4xx); 422 failed for good
    /// (a missing tool, denied storage); 500 may work on a retry; 503 when stopped or throttled.
    static func status(for code: Runtime.ExitCode) -> Int {
        switch code {
        case .success: 200
        case .invalidJob, .badInput: 400
        case .toolMissing, .accessDenied: 422
        case .toolFailed, .ioFailed, .deadlineExceeded: 500
        case .temporary, .cancelled: 503
        }
    }

    static func problem(_ status: Int, _ message: String) -> Answer {
        let body = JSONValue.object([("status", .number(Double(status))), ("error", .string(message))]).compactText + "\n"
        return Answer(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }
}

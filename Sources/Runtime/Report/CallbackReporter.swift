import Foundation
import Synchronization

/// Sends a job's life to its `callback` URL as binary-mode CloudEvents: `dev.onejob.job.started`,
/// `.progress` (at most one a second, percent never going back) and `.succeeded` / `.failed` with
/// `result.json` as data.
///
/// Events are delivered one at a time, in order, by a single sender task, so a slow receiver delays
/// later events rather than reordering them; progress readings that arrive meanwhile are throttled,
/// not queued without bound. The run waits for the final event (bounded by the sender's retries).
public final class CallbackReporter: RunObserver {
    public static let typePrefix = "dev.onejob.job."

    private struct Delivery {
        var jobID: String
        var continuation: AsyncStream<CloudEvent>.Continuation
        var task: Task<Void, Never>
        var throttle: ProgressThrottle
    }

    private let sender: CallbackSender
    private let source: String
    private let makeID: @Sendable () -> String
    private let now: @Sendable () -> Date
    private let clock: @Sendable () -> Duration
    private let delivery = Mutex<Delivery?>(nil)

    /// - Parameters:
    ///   - source: the CloudEvent `source` of what this process sends (its platform identity).
    ///   - clock: a monotonic reading for the progress throttle.
    public init(
        sender: CallbackSender, source: String = "onejob", progressInterval: Duration = .seconds(1),
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        now: @escaping @Sendable () -> Date = { Date() },
        clock: (@Sendable () -> Duration)? = nil
    ) {
        self.sender = sender
        self.source = source
        self.makeID = makeID
        self.now = now
        let origin = ContinuousClock.now
        self.clock = clock ?? { ContinuousClock.now - origin }
        self.interval = progressInterval
    }

    private let interval: Duration

    public func jobStarted(_ job: Job) async {
        guard let url = job.callback else { return }
        let (stream, continuation) = AsyncStream<CloudEvent>.makeStream(bufferingPolicy: .unbounded)
        let sender = self.sender
        let task = Task {
            for await event in stream { await sender.send(event, to: url) }
        }
        let previous = delivery.withLock { current in
            defer { current = Delivery(jobID: job.id, continuation: continuation, task: task, throttle: ProgressThrottle(interval: interval)) }
            return current
        }
        previous?.continuation.finish()
        let data = JSONValue.object([("id", .string(job.id)), ("kind", .string(job.kind))])
        continuation.yield(event("started", job: job.id, data: data.compactText))
    }

    public func jobProgressed(_ job: Job, percent: Double) {
        let reading = clock()
        delivery.withLock { current in
            guard current?.jobID == job.id, let whole = current?.throttle.admit(percent, at: reading) else { return }
            let data = JSONValue.object([("id", .string(job.id)), ("percent", .number(Double(whole)))])
            current?.continuation.yield(event("progress", job: job.id, data: data.compactText))
        }
    }

    public func jobFinished(_ report: RunReport) async {
        guard let id = report.job?.id else { return }
        let finishing = delivery.withLock { current -> Delivery? in
            guard let active = current, active.jobID == id else { return nil }
            current = nil
            return active
        }
        guard let finishing else { return }
        let type = report.exitCode == .success ? "succeeded" : "failed"
        finishing.continuation.yield(event(type, job: id, data: String(decoding: report.result.bytes, as: UTF8.self)))
        finishing.continuation.finish()
        await finishing.task.value
    }

    private func event(_ name: String, job: String, data: String) -> CloudEvent {
        CloudEvent(
            id: makeID(), source: source, type: Self.typePrefix + name, subject: job,
            time: ResultDocument.timestamp(now()), data: Array(data.utf8))
    }
}

/// Runs `operation` and cancels it when `duration` has passed on `clock`.
///
/// The job deadline is delivered as task cancellation, like SIGTERM, so every phase (the process
/// supervisor, downloads, uploads) needs only one way to stop. What distinguishes the two is who
/// cancelled: only when this function's own timer fired is the outcome `.deadlineExceeded`
/// (exit 124); cancellation from outside is rethrown as it came.
///
/// The function returns only after `operation` has returned: an operation that honours
/// cancellation (the supervisor does, after its SIGTERM → grace → SIGKILL teardown) ends soon after
/// the deadline.
/// - Throws: ``JobError`` `.deadlineExceeded` when the deadline passed before `operation` finished,
///   whatever the operation then returned or threw; otherwise what `operation` throws.
public func withDeadline<T: Sendable, C: Clock>(
    _ duration: Duration,
    clock: C = ContinuousClock(),
    operation: @escaping @Sendable () async throws -> T
) async throws -> T where C.Duration == Duration {
    try await withThrowingTaskGroup(of: DeadlineRace<T>.self) { group in
        group.addTask { .finished(try await operation()) }
        group.addTask {
            do {
                try await clock.sleep(for: duration)
                return .deadlinePassed
            } catch {
                return .timerCancelled
            }
        }
        let exceeded = JobError(
            .deadlineExceeded, "the job did not finish within \(duration)", detail: ["deadline": "\(duration)"])
        var deadlinePassed = false
        while true {
            let next: DeadlineRace<T>?
            do {
                next = try await group.next()
            } catch {
                group.cancelAll()
                throw deadlinePassed ? exceeded : error
            }
            switch next {
            case .finished(let value):
                group.cancelAll()
                if deadlinePassed { throw exceeded }
                return value
            case .deadlinePassed:
                deadlinePassed = true
                group.cancelAll()
            case .timerCancelled:
                continue
            case nil:
                // Both children are gone without a result; only possible if the operation's
                // outcome was already handled above.
                throw deadlinePassed ? exceeded : CancellationError()
            }
        }
    }
}

/// Which side of ``withDeadline(_:clock:operation:)`` finished first.
private enum DeadlineRace<T: Sendable>: Sendable {
    case finished(T)
    case deadlinePassed
    case timerCancelled
}

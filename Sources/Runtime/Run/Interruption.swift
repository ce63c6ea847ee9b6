import Synchronization

/// Why a running job was stopped from outside.
public enum Interruption: Sendable, Equatable {
    case deadline(seconds: Int)
    case signal(Int32)

    var error: JobError {
        switch self {
        case .deadline(let seconds): JobError(.deadlineExceeded, "the job did not finish within its \(seconds) s deadline")
        case .signal(let number): JobError(.cancelled, "cancelled by \(number == 2 ? "SIGINT" : "SIGTERM")")
        }
    }

    /// Runs `operation`, cancelling it when `deadline` passes or `signals` yields, whichever is first.
    ///
    /// Returns only after `operation` has finished unwinding: cancellation makes the supervisor stop
    /// the tool's process group, so when this throws, no tool process of this job is left.
    /// - Throws: the operation's error, or ``JobError`` `.deadlineExceeded` / `.cancelled`.
    static func race<T: Sendable>(
        deadline: ContinuousClock.Instant, deadlineSeconds: Int, signals: SignalWatch?,
        operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask { .finished(try await operation()) }
            group.addTask {
                do {
                    try await ContinuousClock().sleep(until: deadline)
                    return .interrupted(.deadline(seconds: deadlineSeconds))
                } catch {
                    return .idle
                }
            }
            if let signals {
                group.addTask {
                    guard let number = await signals.next() else { return .idle }
                    return .interrupted(.signal(number))
                }
            }
            defer { group.cancelAll() }
            do {
                while let next = try await group.next() {
                    switch next {
                    case .idle:
                        continue
                    case .finished(let value):
                        return value
                    case .interrupted(let interruption):
                        group.cancelAll()
                        // Let the operation unwind (the tool is torn down) before reporting.
                        while (try? await group.next()) != nil {}
                        throw interruption.error
                    }
                }
                throw CancellationError()
            } catch let error as JobError {
                throw error
            } catch is CancellationError {
                throw Interruption.signal(15).error
            }
        }
    }

    enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case interrupted(Interruption)
        /// A watcher that ended without firing (cancelled, or its stream finished).
        case idle
    }
}

/// A latch that records the first cancelling signal (SIGTERM, SIGINT) and wakes everyone waiting.
///
/// Not an `AsyncStream`: a stream finishes when a waiting consumer is cancelled, and every job phase
/// waits on its own and is cancelled when the phase ends; a latch can be waited on any number of times.
public final class SignalWatch: Sendable {
    private struct State {
        var received: Int32?
        var waiters: [UInt64: CheckedContinuation<Int32?, Never>] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The first signal delivered, if any.
    public var received: Int32? { state.withLock { $0.received } }

    /// Records `signal` (the first one wins) and wakes all waiters.
    public func deliver(_ signal: Int32) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32?, Never>] in
            if state.received == nil { state.received = signal }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        let value = received
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// Waits for a signal; returns `nil` when the waiting task is cancelled first.
    func next() async -> Int32? {
        let token = state.withLock { state -> UInt64 in
            state.nextToken += 1
            return state.nextToken
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: Int32?? = state.withLock { state in
                    if let received = state.received { return .some(received) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[token] = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.resume(returning: nil)
        }
    }
}

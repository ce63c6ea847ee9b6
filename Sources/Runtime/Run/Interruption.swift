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
        deadline: ContinuousClock.Instant, deadlineSeconds: Int, signals: SignalStream?,
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

/// Signals that should cancel the job, delivered as an async sequence of signal numbers.
public struct SignalStream: Sendable {
    private let stream: AsyncStream<Int32>

    public init(_ stream: AsyncStream<Int32>) {
        self.stream = stream
    }

    func next() async -> Int32? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGTERM/SIGINT into cancellation of the running job.
///
/// Platforms stop a container with SIGTERM and a grace period (Kubernetes, ECS, Cloud Run: 10 s
/// by default). The job must then stop its tool, abort uploads and exit 143 — all of which the
/// job code already does on task cancellation, so a signal simply cancels the job's task.
/// The signals are caught by ``SignalHub`` (a `sigaction` handler and a self-pipe), so the default
/// action (immediate death, skipping cleanup) never runs; they stay caught after ``stop()``:
/// restoring the default could kill the process on a late signal mid-cleanup.
///
/// The signal set is a parameter so tests can use SIGUSR1/SIGUSR2 without signalling the test
/// runner's own SIGTERM/SIGINT handling.
public final class SignalCancellation: Sendable {
    public static let defaultSignals: [Int32] = [SIGTERM, SIGINT]

    private struct State {
        var received: Int32?
        var nextWaiter = 0
        var waiters: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())
    private let token = Mutex<UInt64?>(nil)

    /// Starts catching `signals` at once: when this returns, a signal is no longer lost or fatal.
    public init(signals: [Int32] = SignalCancellation.defaultSignals) {
        let hubToken = SignalHub.shared.add(signals: Set(signals)) { [weak self] signo in self?.deliver(signo) }
        token.withLock { $0 = hubToken }
    }

    deinit {
        stop()
    }

    /// The first signal received, if any.
    public var receivedSignal: Int32? { state.withLock { $0.received } }

    /// Stops observing the signals (they stay caught, and are dropped while nobody listens).
    public func stop() {
        if let hubToken = token.withLock({ value -> UInt64? in defer { value = nil }; return value }) {
            SignalHub.shared.remove(hubToken)
        }
    }

    /// Runs `body` in a child task that is cancelled as soon as a signal arrives (or at once if
    /// one already has).
    ///
    /// A body that still completes successfully returns its value: finished work is not thrown
    /// away, and ``receivedSignal`` tells the caller to exit afterwards.
    /// - Throws: ``JobError`` `.cancelled` ("cancelled by SIGTERM") when a signal arrived and the
    ///   body failed (typically with `CancellationError`); otherwise whatever the body throws.
    public func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let waiter = addWaiter { task.cancel() }
        defer { removeWaiter(waiter) }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        if case .failure = result, let signo = receivedSignal {
            throw JobError(.cancelled, "cancelled by \(Self.name(of: signo))", detail: ["signal": "\(signo)"])
        }
        return try result.get()
    }

    // MARK: - Internals

    private func deliver(_ signo: Int32) {
        let waiters = state.withLock { state in
            state.received = state.received ?? signo
            return Array(state.waiters.values)
        }
        for cancel in waiters { cancel() }
    }

    private func addWaiter(_ cancel: @escaping @Sendable () -> Void) -> Int {
        let (id, alreadySignalled) = state.withLock { state in
            defer { state.nextWaiter += 1 }
            state.waiters[state.nextWaiter] = cancel
            return (state.nextWaiter, state.received != nil)
        }
        if alreadySignalled { cancel() }
        return id
    }

    private func removeWaiter(_ id: Int) {
        _ = state.withLock { $0.waiters.removeValue(forKey: id) }
    }

    static func name(of signo: Int32) -> String {
        switch signo {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        default: "signal \(signo)"
        }
    }
}

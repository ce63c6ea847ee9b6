import Synchronization

/// What one supervised run has learned so far, shared between the run, the spawn body and the
/// cancellation handler (which runs on another thread).
final class RunState: Sendable {
    struct Snapshot {
        var pid: Int32?
        var cancelledAt: ContinuousClock.Instant?
    }

    private let state = Mutex(Snapshot())

    func spawned(pid: Int32) {
        state.withLock { $0.pid = pid }
    }

    /// Keeps the first cancellation: the grace period counts from when teardown began.
    func markCancelled(at instant: ContinuousClock.Instant) {
        state.withLock { $0.cancelledAt = $0.cancelledAt ?? instant }
    }

    var snapshot: Snapshot { state.withLock { $0 } }
}

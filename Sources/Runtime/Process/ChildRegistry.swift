import Synchronization

/// The children this process is supervising, so an orphan reaper never steals their exit status.
///
/// swift-subprocess waits for its children through a pidfd (`waitid(P_PIDFD)`); if anyone else
/// reaped one of them first, its monitor would fail and the status would be lost. The supervisor
/// therefore announces a spawn before it starts (a pid is not known until `posix_spawn` returns)
/// and registers the pid as soon as it has it; the reaper leaves every zombie alone while a spawn
/// is in flight and never touches a registered pid.
public final class ChildRegistry: Sendable {
    /// The registry every ``ProcessSupervisor`` uses unless given another: there is one set of
    /// children per process, whoever spawned them.
    public static let shared = ChildRegistry()

    private struct State {
        var spawnsInFlight = 0
        var pids: Set<Int32> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Marks a spawn as started; it ends with ``spawned(pid:)`` or, if it failed,
    /// ``finished(pid:spawnPending:)``.
    func beginSpawn() {
        state.withLock { $0.spawnsInFlight += 1 }
    }

    /// Records the pid of a child whose spawn began with ``beginSpawn()``.
    func spawned(pid: Int32) {
        state.withLock {
            $0.pids.insert(pid)
            $0.spawnsInFlight -= 1
        }
    }

    /// Forgets a child once it has been reaped, or ends a spawn that failed before a pid existed.
    func finished(pid: Int32?, spawnPending: Bool) {
        state.withLock {
            if let pid { $0.pids.remove(pid) }
            if spawnPending { $0.spawnsInFlight -= 1 }
        }
    }

    /// Whether a reaper may collect `pid`: nobody is mid-spawn and the pid is not ours.
    public func mayReap(_ pid: Int32) -> Bool {
        state.withLock { $0.spawnsInFlight == 0 && !$0.pids.contains(pid) }
    }

    /// The pids currently registered (for diagnostics and tests).
    public var trackedPids: Set<Int32> { state.withLock { $0.pids } }
}

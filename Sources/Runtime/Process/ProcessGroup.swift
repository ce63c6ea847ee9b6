#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A tool's process group, addressed by the id of its leader (the tool was spawned with
/// `processGroupID = 0`, so the group id is the tool's pid).
///
/// Signalling the group after the leader has been reaped is safe from pid reuse while the group
/// has members: Linux does not hand out a number that is still some process's group id. When the
/// group is empty, `kill` answers `ESRCH` — the only way to hit a stranger is for a brand-new
/// process to receive the same pid and make itself a group leader in the microseconds between
/// the reap and our signal, which needs a full pid wrap-around.
struct ProcessGroup: Sendable {
    let id: pid_t

    /// Whether any process (a zombie included) is still in the group.
    var hasMembers: Bool {
        kill(-id, 0) == 0 || errno == EPERM
    }

    /// Sends `signal` to every member; a group that is already empty is not an error.
    func signal(_ signal: Int32) {
        // ESRCH (no member left) is the expected outcome after a clean exit; nothing else can
        // fail for a group we created ourselves.
        _ = kill(-id, signal)
    }

    /// SIGTERM, up to `grace` for the members to leave, then SIGKILL to whatever remains.
    ///
    /// - Parameter deadline: when SIGKILL becomes due (the grace period may have started earlier,
    ///   when the leader was asked to stop).
    /// Call it from a task that is not cancelled (the caller usually runs because its own task
    /// was): a cancelled task's sleeps return at once, which would skip the grace period.
    func terminate<C: Clock>(killAt deadline: C.Instant, clock: C) async where C.Duration == Duration {
        guard hasMembers else { return }
        signal(SIGTERM)
        while hasMembers, clock.now < deadline {
            do {
                try await clock.sleep(for: .milliseconds(20))
            } catch {
                break
            }
        }
        signal(SIGKILL)
    }
}

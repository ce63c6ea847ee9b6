import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reaps orphaned processes when onejob is PID 1 of its container.
///
/// Any process whose parent dies is re-parented to PID 1; if PID 1 never waits for it, it stays a
/// zombie forever (a tool's leftover helpers would pile up over a `serve` session). The obvious
/// `waitpid(-1, WNOHANG)` would also steal the exit status of children swift-subprocess is
/// waiting for through their pidfd, so instead the reaper looks for zombies among its children
/// in `/proc` and reaps only those the ``ChildRegistry`` says are not ours — and none at all while
/// a spawn is in flight (its pid is not known yet).
///
/// Children spawned outside ``ProcessSupervisor`` (e.g. with Foundation's `Process`) are not in the
/// registry and would be reaped too: in PID 1 mode every child must go through the supervisor.
public final class OrphanReaper: Sendable {
    private let scanner: ZombieScanner
    /// Thread-safe dispatch objects, set up in `init` and only cancelled afterwards.
    private nonisolated(unsafe) let sources: [any DispatchSourceProtocol]

    /// Starts a reaper when this process is PID 1, and returns nil otherwise (a normal parent, the
    /// container runtime's init or a shell, reaps orphans already).
    public static func startIfInit(registry: ChildRegistry = .shared) -> OrphanReaper? {
        getpid() == 1 ? OrphanReaper(registry: registry) : nil
    }

    /// Sweeps on every SIGCHLD and, because a zombie skipped during a spawn gets no second signal,
    /// also every `interval`.
    public init(registry: ChildRegistry = .shared, interval: Duration = .seconds(2), queue: DispatchQueue = .global()) {
        scanner = ZombieScanner(registry: registry)
        // SIGCHLD is ignored by default, but *setting* SIG_IGN would make the kernel auto-reap every
        // child and break swift-subprocess's waits; the dispatch source observes it as it is.
        let signalSource = DispatchSource.makeSignalSource(signal: SIGCHLD, queue: queue)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let (seconds, attoseconds) = interval.components
        let milliseconds = max(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 10)
        timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
        sources = [signalSource, timer]
        for source in sources {
            source.setEventHandler { [weak self] in _ = self?.sweep() }
            source.resume()
        }
    }

    deinit {
        stop()
    }

    public func stop() {
        for source in sources where !source.isCancelled { source.cancel() }
    }

    /// Reaps every zombie child that is not ours; returns their pids.
    @discardableResult
    public func sweep() -> [pid_t] {
        scanner.reapableZombies().filter { scanner.reap($0) }
    }
}

/// Finds and collects zombie children, without listening for anything: the part of
/// ``OrphanReaper`` that tests can drive one step at a time.
struct ZombieScanner: Sendable {
    let registry: ChildRegistry

    /// Zombie children of this process that the registry allows reaping.
    func reapableZombies() -> [pid_t] {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let parsed = ProcStat(stat), parsed.state == "Z", parsed.parent == me,
                registry.mayReap(pid)
            else { return nil }
            return pid
        }
    }

    /// Collects one zombie; false when it was already gone (someone else reaped it).
    func reap(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }
}

/// The fields of `/proc/<pid>/stat` the reaper needs.
///
/// The command name (field 2) is in parentheses and may itself contain spaces and `)`, so fields
/// are counted from the *last* `)`.
struct ProcStat: Equatable {
    var state: Character
    var parent: pid_t

    init(state: Character, parent: pid_t) {
        self.state = state
        self.parent = parent
    }

    init?(_ line: String) {
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        guard fields.count >= 2, let state = fields[0].first, let parent = pid_t(fields[1]) else { return nil }
        self.state = state
        self.parent = parent
    }
}

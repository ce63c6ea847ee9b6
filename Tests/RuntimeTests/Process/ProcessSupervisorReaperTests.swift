import Foundation
import Testing
@testable import Runtime

@Suite("OrphanReaper and ChildRegistry")
struct ProcessSupervisorReaperTests {
    @Test func parsesProcStatWithAwkwardCommandNames() {
        #expect(ProcStat("1234 (sleep) S 1 1234 1234 0") == ProcStat(state: "S", parent: 1))
        #expect(ProcStat("99 (a) b) Z 42 99 99 0") == ProcStat(state: "Z", parent: 42))
        #expect(ProcStat("garbage") == nil)
    }

    @Test func registryProtectsTrackedChildrenAndSpawnsInFlight() {
        let registry = ChildRegistry()
        #expect(registry.mayReap(500))
        registry.beginSpawn()
        #expect(!registry.mayReap(500))
        registry.spawned(pid: 500)
        #expect(!registry.mayReap(500))
        #expect(registry.mayReap(501))
        registry.finished(pid: 500, spawnPending: false)
        #expect(registry.mayReap(500))
        registry.beginSpawn()
        registry.finished(pid: nil, spawnPending: true)
        #expect(registry.mayReap(500))
    }

    @Test func notStartedUnlessPID1() {
        #expect(getpid() == 1 || OrphanReaper.startIfInit() == nil)
    }

    /// A child spawned behind the registry's back (as an orphan re-parented to PID 1 would be)
    /// is found as a zombie and reaped; one the registry tracks is left alone.
    ///
    /// Driven through ``ZombieScanner`` and reaping only `child`: a running ``OrphanReaper`` in the
    /// test process would collect the other suites' children, which its registry does not know.
    @Test func findsAndReapsAnUntrackedZombieOnly() async throws {
        let child = try spawnTrue()
        let tracking = ChildRegistry()
        tracking.beginSpawn()
        tracking.spawned(pid: child)
        let protective = ZombieScanner(registry: tracking)
        let reaper = ZombieScanner(registry: ChildRegistry())
        let deadline = ContinuousClock.now + .seconds(5)
        while !reaper.reapableZombies().contains(child), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(reaper.reapableZombies().contains(child))
        #expect(!protective.reapableZombies().contains(child))
        #expect(reaper.reap(child))
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(child)"))
        #expect(!reaper.reap(child))
    }

    private func spawnTrue() throws -> pid_t {
        var pid: pid_t = 0
        let path = "/bin/true"
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { argv.forEach { free($0) } }
        let rc = posix_spawn(&pid, path, nil, nil, argv, nil)
        try #require(rc == 0, "posix_spawn: \(rc)")
        return pid
    }
}

import Foundation
import Synchronization
import Testing
@testable import Runtime

@Suite("ProcessSupervisor with real processes")
struct ProcessSupervisorTests {
    let supervisor = ProcessSupervisor()

    @Test func exitCodeAndLinesInOrder() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command(
            "ordered",
            """
            echo one
            echo two
            echo oops >&2
            printf 'no newline'
            exit 3
            """, onLine: collector.onLine)
        let result = try await supervisor.run(command)
        #expect(result.termination == .exited(3))
        #expect(!result.succeeded)
        #expect(collector.lines(.stdout) == ["one", "two", "no newline"])
        #expect(collector.lines(.stderr) == ["oops"])
        #expect(result.stdout == "one\ntwo\nno newline")
        #expect(result.stderr == "oops\n")
        #expect(result.duration > .zero)
    }

    @Test func successfulExit() async throws {
        let scripts = try ScriptDirectory()
        let result = try await supervisor.run(try scripts.command("ok", "echo fine"))
        #expect(result.succeeded)
        #expect(result.stdout == "fine\n")
    }

    @Test func killedBySignalIsRecorded() async throws {
        let scripts = try ScriptDirectory()
        let result = try await supervisor.run(try scripts.command("suicide", "kill -KILL $$"))
        #expect(result.termination == .signaled(SIGKILL))
    }

    /// onejob ignores SIGTERM/SIGINT itself (it observes them through dispatch sources), and ignored
    /// dispositions survive exec: a tool must start with defaults, or the graceful SIGTERM of a teardown
    /// would do nothing and every cancellation would wait out the whole grace period.
    @Test func toolsStartWithDefaultSignalDispositions() async throws {
        // SIGURG stands in for SIGTERM (ignoring the real one would change the test runner); it is
        // used by no other test, so this one cannot swallow another test's signal.
        let signals = SignalCancellation(signals: [SIGURG])
        defer { signals.stop() }
        let result = try await supervisor.run(
            ToolCommand(executable: "/bin/grep", arguments: ["SigIgn", "/proc/self/status"], environment: [:]))
        let mask = try #require(UInt64(result.stdout.split(separator: "\t").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "", radix: 16))
        #expect(mask & (1 << UInt64(SIGURG - 1)) == 0, "SIGURG is ignored in the tool")
    }

    @Test func environmentIsExactlyWhatWasGiven() async throws {
        let command = ToolCommand(
            executable: "/usr/bin/env", arguments: [], environment: ["FOO": "bar baz", "ONLY": "this"])
        let result = try await supervisor.run(command)
        #expect(result.succeeded)
        #expect(result.stdout.split(separator: "\n").sorted() == ["FOO=bar baz", "ONLY=this"])
    }

    @Test func workingDirectoryAndArgvWithoutShell() async throws {
        let scripts = try ScriptDirectory()
        var command = ToolCommand(
            executable: "/bin/sh", arguments: ["-c", "pwd; printf '%s|' \"$@\"", "argv0", "a b", "$HOME", "*"],
            environment: [:])
        command.workingDirectory = scripts.path
        let result = try await supervisor.run(command)
        let resolved = URL(fileURLWithPath: scripts.path).resolvingSymlinksInPath().path
        #expect(result.stdout == "\(resolved)\na b|$HOME|*|")
    }

    @Test func invalidUTF8IsDecodedLeniently() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command("bytes", #"printf '\377abc\n'"#, onLine: collector.onLine)
        let result = try await supervisor.run(command)
        #expect(collector.lines(.stdout) == ["\u{FFFD}abc"])
        #expect(result.stdout == "\u{FFFD}abc\n")
    }

    @Test func verboseToolKeepsOnlyTheTailAndBoundedMemory() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCounter()
        // 50 MB on one line with no newline (so the splitter must cut it), then a last line. Large
        // enough that keeping it would dwarf what parallel test suites add to the shared peak RSS.
        let command = try scripts.command(
            "verbose", "head -c 50000000 /dev/zero | tr '\\0' a; echo; echo END",
            outputLimit: 4096, onLine: collector.onLine)
        let result = try await supervisor.run(command)
        #expect(result.succeeded)
        #expect(result.stdout.utf8.count == 4096)
        #expect(result.stdout.hasSuffix("aaaa\nEND\n"))
        let counts = collector.snapshot
        #expect(counts.bytes == 50_000_000 + "END".utf8.count)
        #expect(counts.longest <= 64 * 1024)
        #expect(counts.lines >= 50_000_000 / (64 * 1024))
        // Boundedness is asserted structurally (the tail is exactly the limit, lines are capped):
        // the process-wide peak RSS is shared with suites running in parallel and cannot tell.
    }

    @Test func strayGrandchildIsKilledAfterNormalExit() async throws {
        let scripts = try ScriptDirectory()
        let command = try scripts.command("stray", "sleep 1000 &\necho $!\nexit 0")
        let result = try await supervisor.run(command)
        #expect(result.succeeded)
        let pid = try #require(Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test func childIgnoringSIGTERMIsKilledAfterGrace() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let grace = Duration.milliseconds(800)
        let command = try scripts.command(
            "stubborn",
            """
            trap '' TERM
            echo "pid $$"
            while :; do sleep 0.1; done
            """, gracePeriod: grace, onLine: collector.onLine)
        let supervisor = supervisor
        let task = Task { try await supervisor.run(command) }
        let line = try #require(try await collector.waitFor { $0.hasPrefix("pid ") })
        let pid = try #require(Int32(line.dropFirst(4)))
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let elapsed = cancelledAt.duration(to: .now)
        #expect(elapsed >= grace)
        // Only a hang guard: the machines are shared, so no tight upper bound.
        #expect(elapsed < grace + .seconds(60))
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test func grandchildIgnoringSIGTERMIsKilledWhenLeaderExitsOnCancel() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let grace = Duration.milliseconds(600)
        let command = try scripts.command(
            "orphaning",
            """
            (trap '' TERM; while :; do sleep 0.1; done) &
            echo "child $!"
            wait
            """, gracePeriod: grace, onLine: collector.onLine)
        let supervisor = supervisor
        let task = Task { try await supervisor.run(command) }
        let line = try #require(try await collector.waitFor { $0.hasPrefix("child ") })
        let pid = try #require(Int32(line.dropFirst(6)))
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let elapsed = cancelledAt.duration(to: .now)
        #expect(elapsed >= grace)
        // Only a hang guard: the machines are shared, so no tight upper bound.
        #expect(elapsed < grace + .seconds(60))
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test func cancellationThrowsCancellationErrorPromptly() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command(
            "sleeper", "echo \"pid $$\"\nexec sleep 1000", gracePeriod: .seconds(30), onLine: collector.onLine)
        let supervisor = supervisor
        let task = Task { try await supervisor.run(command) }
        let line = try #require(try await collector.waitFor { $0.hasPrefix("pid ") })
        let pid = try #require(Int32(line.dropFirst(4)))
        let cancelledAt = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // sleep dies on SIGTERM, so the 30 s grace period is not waited out.
        #expect(cancelledAt.duration(to: .now) < .seconds(60))
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test func deadlineStopsTheToolWithDeadlineExceeded() async throws {
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command(
            "slow", "echo \"pid $$\"\nexec sleep 1000", gracePeriod: .seconds(2), onLine: collector.onLine)
        let supervisor = supervisor
        let error = await #expect(throws: JobError.self) {
            try await withDeadline(.milliseconds(500)) { try await supervisor.run(command) }
        }
        #expect(error?.code == .deadlineExceeded)
        let line = try #require(collector.lines(.stdout).first { $0.hasPrefix("pid ") })
        let pid = try #require(Int32(line.dropFirst(4)))
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test(arguments: ["/nonexistent/onejob-tool", "relative/tool", "/etc/passwd", "/tmp"])
    func unusableExecutableIsToolMissing(path: String) async throws {
        let command = ToolCommand(executable: path, arguments: [], environment: [:])
        let error = await #expect(throws: JobError.self) { try await supervisor.run(command) }
        #expect(error?.code == .toolMissing)
        #expect(error?.message.contains(path) == true)
    }

    @Test func childIsRegisteredWhileRunningAndForgottenAfter() async throws {
        let registry = ChildRegistry()
        let supervisor = ProcessSupervisor(registry: registry)
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command("tracked", "echo \"pid $$\"\nsleep 0.5", onLine: collector.onLine)
        let task = Task { try await supervisor.run(command) }
        let line = try #require(try await collector.waitFor { $0.hasPrefix("pid ") })
        let pid = try #require(Int32(line.dropFirst(4)))
        #expect(registry.trackedPids == [pid])
        #expect(!registry.mayReap(pid))
        _ = try await task.value
        #expect(registry.trackedPids.isEmpty)
        #expect(registry.mayReap(pid))
    }
}

/// Counts lines without keeping them (the verbose test must not itself hold 10 MB).
final class LineCounter: Sendable {
    struct Counts { var lines = 0, bytes = 0, longest = 0 }
    private let state = Mutex(Counts())

    var onLine: @Sendable (ToolStream, String) -> Void {
        { [self] _, line in
            state.withLock {
                $0.lines += 1
                $0.bytes += line.utf8.count
                $0.longest = max($0.longest, line.utf8.count)
            }
        }
    }

    var snapshot: Counts { state.withLock { $0 } }
}

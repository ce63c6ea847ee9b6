import Foundation
import Testing
import TestSupport

#if os(Linux)
/// onejob as PID 1 of its own PID namespace — a container with no init (ECS without
/// `initProcessEnabled`, plain `docker run`) — seen from the host through `/proc`.
///
/// `unshare --pid --fork --mount-proc onejob run` makes onejob PID 1: orphans re-parent to it, and the
/// namespace dies with it, so "no zombie left" is checked while it still runs: the tool leaves an
/// orphan that exits on cue, and the orphan must disappear from the process table (reaped) while
/// onejob is still alive. A control run with a PID 1 that never reaps (`sleep`) shows the same
/// check does see a zombie, so the check can fail.
@Suite(.serialized) struct PIDOneTests {
    /// A stand-in for Blender that leaves two orphans in sessions of their own (out of the tool's
    /// process group, so the supervisor's group teardown cannot reach them): `short`, which waits for
    /// a `go` file and exits, and `long`, which outlives the job. Each writes its pid as seen inside
    /// the namespace.
    func orphaningTool(in directory: String) throws -> String {
        let path = directory + "/orphaning-blender"
        let script = """
            #!/bin/sh
            ( setsid sh -c 'echo $$ > "\(directory)/short.pid"; while [ ! -e "\(directory)/go" ]; do sleep 0.05; done' & )
            ( setsid sh -c 'echo $$ > "\(directory)/long.pid"; exec sleep 300' & )
            echo $$ > "\(directory)/tool.pid"
            exec sleep 300
            """
        try ExecutableScript.write(script, to: path)
        return path
    }

    /// `unshare` as the test's child, running `command` as PID 1 of a new PID namespace.
    func launchAsPIDOne(_ command: [String], environment: [String: String], stderr: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        // Without root, a user namespace grants the capability a PID namespace needs.
        let rootless = getuid() == 0 ? [] : ["--map-root-user"]
        process.arguments = rootless + ["--pid", "--fork", "--mount-proc"] + command
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ONEJOB_") }
        env["ONEJOB_LOG_FORMAT"] = "json"
        env.merge(environment) { _, new in new }
        process.environment = env
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    // MARK: - The test

    @Test func asPIDOneItReapsOrphansAndExits143OnSIGTERM() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "util-linux: make deps installs it")
        let directory = try BuiltBinary.temporaryDirectory()
        let process = try launchAsPIDOne(
            [BuiltBinary.path, "run", "--output", directory + "/out"],
            environment: [
                "ONEJOB_JOB": #"{"kind":"text-mesh","id":"pid1","params":{"text":"x"}}"#,
                "ONEJOB_BLENDER": try orphaningTool(in: directory), "ONEJOB_SCRATCH_DIR": directory,
            ],
            stderr: directory + "/stderr")
        defer { if process.isRunning { process.terminate() } }

        let shortPid = try #require(Int32(try await waitForFile(directory + "/short.pid")))
        let longPid = try #require(Int32(try await waitForFile(directory + "/long.pid")))
        _ = try await waitForFile(directory + "/tool.pid")
        let onejob = try #require(ProcTable.children(of: process.processIdentifier).first, "unshare has no child")
        #expect(ProcTable.status(onejob)?.namespacePid == 1, "onejob must be PID 1 of its namespace")

        // Both orphans re-parent to onejob once their subshells exit.
        let short = try #require(await waitForChild(of: onejob, namespacePid: shortPid), "short orphan never re-parented to PID 1")
        let long = try #require(await waitForChild(of: onejob, namespacePid: longPid), "long orphan never re-parented to PID 1")

        // The short orphan exits and becomes onejob's zombie; the reaper must collect it while onejob runs.
        FileManager.default.createFile(atPath: directory + "/go", contents: nil)
        #expect(await waitUntil(timeout: .seconds(30)) { !ProcTable.exists(short) }, "the orphan was never reaped")
        #expect(ProcTable.zombieChildren(of: onejob).isEmpty)
        #expect(ProcTable.status(long)?.state == "S", "the reaper must leave live orphans alone")

        // SIGTERM to PID 1 from the parent namespace: delivered because onejob handles it.
        #expect(kill(onejob, SIGTERM) == 0)
        // The platforms' grace is 10 s; the rest is slack for a loaded machine (a hang guard, not a timing).
        #expect(await waitUntil(timeout: .seconds(30)) { !process.isRunning }, "onejob did not exit after SIGTERM")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
        // With PID 1 gone the kernel ends the namespace: nothing of the job survives.
        #expect(await waitUntil(timeout: .seconds(10)) { !ProcTable.exists(long) })
        let result = try String(contentsOfFile: directory + "/out/pid1/result.json", encoding: .utf8)
        #expect(result.contains(#""exitCode": 143"#) && result.contains(#""class": "cancelled""#))
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func controlAPIDOneThatDoesNotReapKeepsTheZombie() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let tool = try orphaningTool(in: directory)
        // `sleep` as PID 1 never calls wait: the same orphan must stay a zombie, visible to the same check.
        let process = try launchAsPIDOne(
            ["/bin/sh", "-c", "\"$0\" & exec sleep 300", tool], environment: [:], stderr: directory + "/stderr")
        defer { if process.isRunning { process.terminate() } }
        let shortPid = try #require(Int32(try await waitForFile(directory + "/short.pid")))
        let pidOne = try #require(ProcTable.children(of: process.processIdentifier).first)
        let short = try #require(await waitForChild(of: pidOne, namespacePid: shortPid))
        FileManager.default.createFile(atPath: directory + "/go", contents: nil)
        #expect(await waitUntil(timeout: .seconds(15)) { ProcTable.zombieChildren(of: pidOne) == [short] })
        // Longer than onejob's periodic sweep (2 s): still there.
        try await Task.sleep(for: .seconds(3))
        #expect(ProcTable.zombieChildren(of: pidOne) == [short])
        // SIGKILL crosses into the namespace even without a handler.
        #expect(kill(pidOne, SIGKILL) == 0)
        #expect(await waitUntil(timeout: .seconds(30)) { !process.isRunning })
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Waiting

    func waitForFile(_ path: String, timeout: Duration = .seconds(30)) async throws -> String {
        var text = ""
        let found = await waitUntil(timeout: timeout) {
            text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.hasSuffix("\n")
        }
        try #require(found, "\(path) never written")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The host pid of `parent`'s child whose pid inside the namespace is `namespacePid`.
    func waitForChild(of parent: pid_t, namespacePid: pid_t) async -> pid_t? {
        var match: pid_t?
        _ = await waitUntil(timeout: .seconds(15)) {
            match = ProcTable.children(of: parent).first { ProcTable.status($0)?.namespacePid == namespacePid }
            return match != nil
        }
        return match
    }

    /// Polls `condition` every 50 ms; false when `timeout` passes first (a hang guard).
    func waitUntil(timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}

/// The host's view of processes, from `/proc` (host pids; `NSpid` gives the innermost one too).
enum ProcTable {
    struct Status {
        var state: Character
        var parent: pid_t
        /// The pid in the innermost PID namespace (the last `NSpid` field).
        var namespacePid: pid_t
    }

    static func exists(_ pid: pid_t) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/\(pid)/status")
    }

    static func status(_ pid: pid_t) -> Status? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var fields: [String: [Substring]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == "\t" || $0 == " " })
            if let key = parts.first { fields[String(key)] = Array(parts.dropFirst()) }
        }
        guard let state = fields["State"]?.first?.first, let parent = fields["PPid"]?.first.flatMap({ pid_t($0) }),
            let namespacePid = fields["NSpid"]?.last.flatMap({ pid_t($0) })
        else { return nil }
        return Status(state: state, parent: parent, namespacePid: namespacePid)
    }

    /// Children of every thread of `pid` (a child belongs to the thread that forked it).
    static func children(of pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [pid_t] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }.sorted()
    }

    static func zombieChildren(of pid: pid_t) -> [pid_t] {
        children(of: pid).filter { status($0)?.state == "Z" }
    }
}
#endif

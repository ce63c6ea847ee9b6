import Foundation
import Testing
import TestSupport

/// SIGTERM and the deadline, seen from outside: the real binary, a tool that takes its time, and
/// checks that nothing is left behind — no tool process, no scratch folder, a failed result.json.
@Suite(.serialized) struct CancellationTests {
    /// A Blender wrapper that lingers before doing the work, with a child of its own, so the test can
    /// stop the job mid-tool and check that the whole process group goes.
    func slowTool(in directory: String) throws -> String {
        let path = directory + "/slow-blender"
        let script = """
            #!/bin/sh
            echo "$$" > "\(directory)/tool.pid"
            sleep 900 &
            echo "$!" > "\(directory)/child.pid"
            wait
            exec blender "$@"
            """
        try ExecutableScript.write(script, to: path)
        return path
    }

    func launch(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ONEJOB_") }
        env["ONEJOB_LOG_FORMAT"] = "json"
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitForFile(_ path: String, timeout: Duration = .seconds(120)) async throws -> String {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }

    func isAlive(_ pidText: String) -> Bool {
        guard let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie ("Z") is dead; it only waits for its parent to reap it.
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    func waitForExit(_ process: Process, timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while process.isRunning && clock.now < end { try? await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    func scratchFolders(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("onejob-") }
    }

    @Test func sigtermMidToolExits143AndLeavesNothing() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let scratch = directory + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let process = try launch(
            ["run", "--output", directory + "/out"],
            environment: [
                "ONEJOB_JOB": #"{"kind":"text-mesh","id":"term","params":{"text":"x"}}"#,
                "ONEJOB_BLENDER": try slowTool(in: directory), "ONEJOB_SCRATCH_DIR": scratch,
            ])
        let toolPid = try await waitForFile(directory + "/tool.pid")
        let childPid = try await waitForFile(directory + "/child.pid")
        #expect(scratchFolders(scratch).count == 1)
        // The /proc probe sees the live group, so its emptiness below means something.
        #expect(ToolProcesses.alive(inGroupOf: toolPid).count >= 2)
        kill(process.processIdentifier, SIGTERM)
        // A hang guard: SIGTERM to the group ends the sleeping tool at once; without it, 15 minutes.
        #expect(await waitForExit(process, timeout: .seconds(120)))
        #expect(process.terminationStatus == 143)
        #expect(!isAlive(toolPid))
        #expect(!isAlive(childPid))
        // Nothing of the run's process group is left, not only the two processes we know of.
        #expect(ToolProcesses.alive(inGroupOf: toolPid).isEmpty)
        #expect(scratchFolders(scratch).isEmpty)
        let result = try String(contentsOfFile: directory + "/out/term/result.json", encoding: .utf8)
        #expect(result.contains(#""exitCode": 143"#) && result.contains(#""class": "cancelled""#))
    }

    @Test func missedDeadlineExits124AndLeavesNothing() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let scratch = directory + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let process = try launch(
            ["run", "--output", directory + "/out", "--timeout", "4"],
            environment: [
                "ONEJOB_JOB": #"{"kind":"text-mesh","id":"late","params":{"text":"x"}}"#,
                "ONEJOB_BLENDER": try slowTool(in: directory), "ONEJOB_SCRATCH_DIR": scratch,
            ])
        // A hang guard: the tool would sleep 15 minutes.
        #expect(await waitForExit(process, timeout: .seconds(120)))
        #expect(process.terminationStatus == 124)
        // On a loaded machine the deadline may pass before the tool starts; when it did start, its
        // whole process group must be gone.
        if let childPid = try? String(contentsOfFile: directory + "/child.pid", encoding: .utf8) {
            #expect(!isAlive(childPid))
        }
        if let toolPid = try? String(contentsOfFile: directory + "/tool.pid", encoding: .utf8) {
            #expect(ToolProcesses.alive(inGroupOf: toolPid).isEmpty)
        }
        #expect(scratchFolders(scratch).isEmpty)
        let result = try String(contentsOfFile: directory + "/out/late/result.json", encoding: .utf8)
        #expect(result.contains(#""class": "deadline-exceeded""#))
    }
}

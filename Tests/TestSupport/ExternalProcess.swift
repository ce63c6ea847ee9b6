import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a real program (the SeaweedFS script, python3 with boto3, curl) and captures its output.
///
/// `posix_spawn` + `waitpid` with output to temporary files rather than Foundation's `Process` and pipes:
/// the SeaweedFS script leaves a daemon behind, and `Process.waitUntilExit` was seen never to notice the
/// script's exit in that case. The child gets only stdin/stdout/stderr and an empty signal mask.
public enum ExternalProcess {
    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs on a dedicated thread: `waitpid` blocks, and the cooperative pool has as few threads as cores.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws
        -> Output
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(executable, arguments, environment) }) }.start()
        }
    }

    public static func runBlocking(_ executable: String, _ arguments: [String], _ environment: [String: String] = [:])
        throws -> Output
    {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("onejob-proc-\(UUID().uuidString)")
        let outPath = base.path + ".out"
        let errPath = base.path + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Dispatch threads block most signals; the child (and the server it starts) must get SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Other suites' pipes are open in this process without close-on-exec; a daemon started by the script
        // would hold their write ends forever and their readers would never see end of file. glibc's
        // `posix_spawn_file_actions_addclosefrom_np` is not visible to Swift, so a tiny trampoline closes
        // every descriptor above stderr and then execs the real program.
        let trampoline = "import os, sys; os.closerange(3, 1 << 16); os.execv(sys.argv[1], sys.argv[1:])"
        let launcher = "/usr/bin/env"
        let argv = ([launcher, "python3", "-c", trampoline, executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, launcher, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TestFailure("posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestFailure("waitpid: \(String(cString: strerror(errno)))") }
        }
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(
            status: exitCode,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a real program (the SeaweedFS script, python3 with boto3, curl) and captures its output.
///
/// `posix_spawn` + `waitpid` with output to temporary files rather than Foundation's `Process` and pipes:
/// the SeaweedFS script leaves a daemon behind, and `Process.waitUntilExit` was seen never to notice the
/// script's exit in that case. The child gets only stdin/stdout/stderr and an empty signal mask (``ChildSpawn``).
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
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pid = try ChildSpawn.spawn(executable, arguments, environment: merged, actions: &actions)
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

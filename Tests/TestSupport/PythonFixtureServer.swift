import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A Python fixture server on 127.0.0.1, for tests that need a real HTTP peer.
///
/// The script prints its port as its first line (no free-port race, no polling for readiness) and exits
/// when its stdin closes, so a crashed test run leaves no server behind. Spawned by ``ChildSpawn``, like
/// ``ExternalProcess``: an empty signal mask and no inherited descriptors above stderr.
/// Reading the port and reaping happen on dedicated threads: both block, and the cooperative pool has as
/// few threads as cores.
public final class PythonFixtureServer: Sendable {
    public let port: Int
    private let pid: pid_t
    /// Our ends of the child's stdin and stdout; -1 once ``stop()`` closed them.
    private let descriptors: Mutex<(stdin: Int32, stdout: Int32)>

    public var address: String { "127.0.0.1:\(port)" }
    public var baseURL: String { "http://\(address)" }
    public func url(_ path: String) -> String { baseURL + path }

    private init(port: Int, pid: pid_t, stdin: Int32, stdout: Int32) {
        self.port = port
        self.pid = pid
        descriptors = Mutex((stdin, stdout))
    }

    /// Starts `python3 script arguments…` and waits for the port it prints.
    /// - Throws: ``TestFailure`` when it cannot be spawned or exits without printing a port.
    public static func start(script: String, arguments: [String] = []) async throws -> PythonFixtureServer {
        let (pid, stdin, stdout) = try spawn(script: script, arguments: arguments)
        let line = await onThread { firstLine(of: stdout) }
        guard let port = line.flatMap({ Int($0) }) else {
            close(stdin)
            close(stdout)
            kill(pid, SIGTERM)
            await onThread { reap(pid) }
            throw TestFailure("\(script) did not print a port (got \(line ?? "EOF"))")
        }
        return PythonFixtureServer(port: port, pid: pid, stdin: stdin, stdout: stdout)
    }

    /// Runs `script` for the duration of `body`, stopped (and reaped) before this returns.
    public static func with<T>(
        script: String, arguments: [String] = [], _ body: (PythonFixtureServer) async throws -> T
    ) async throws -> T {
        let server = try await start(script: script, arguments: arguments)
        do {
            let value = try await body(server)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Closes its stdin, sends SIGTERM and waits until it has exited, so its port is closed afterwards.
    public func stop() async {
        guard signalStop() else { return }
        let pid = pid
        await Self.onThread { Self.reap(pid) }
    }

    deinit {
        if signalStop() {
            let pid = pid
            Thread { Self.reap(pid) }.start()
        }
    }

    /// Closes our descriptors and signals the child; false when that was done already.
    private func signalStop() -> Bool {
        let open = descriptors.withLock { descriptors in
            defer { descriptors = (-1, -1) }
            return descriptors
        }
        guard open.stdin >= 0 else { return false }
        close(open.stdin)
        close(open.stdout)
        kill(pid, SIGTERM)
        return true
    }

    // MARK: - Spawning

    private static func spawn(script: String, arguments: [String]) throws -> (pid_t, stdin: Int32, stdout: Int32) {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw TestFailure("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&output) == 0 else {
            close(input[0])
            close(input[1])
            throw TestFailure("pipe: \(String(cString: strerror(errno)))")
        }
        // glibc's `pipe2` is not visible to Swift. Close-on-exec keeps our ends out of other children; the
        // dup2 below gives the child its own ends without the flag.
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        let pid: pid_t
        do {
            pid = try ChildSpawn.spawn(
                "/usr/bin/env", ["python3", script] + arguments, environment: ProcessInfo.processInfo.environment,
                actions: &actions)
        } catch {
            for fd in input + output { close(fd) }
            throw error
        }
        close(input[0])
        close(output[1])
        return (pid, input[1], output[0])
    }

    /// The first line the child printed, or nil at end of file before any byte.
    private static func firstLine(of fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}

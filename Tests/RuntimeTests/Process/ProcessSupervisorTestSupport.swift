import Foundation
import Synchronization
@testable import Runtime

/// A temp directory holding small shell scripts that tests run as tools (via /bin/sh as the
/// executable, so the supervisor itself still never uses a shell).
struct ScriptDirectory: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "onejob-proc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A command running `body` with /bin/sh.
    func command(
        _ name: String,
        _ body: String,
        environment: [String: String] = ["PATH": "/usr/bin:/bin"],
        outputLimit: Int = 64 * 1024,
        gracePeriod: Duration = .seconds(1),
        onLine: (@Sendable (ToolStream, String) -> Void)? = nil
    ) throws -> ToolCommand {
        let script = "\(path)/\(name).sh"
        try body.write(toFile: script, atomically: true, encoding: .utf8)
        return ToolCommand(
            executable: "/bin/sh",
            arguments: [script],
            environment: environment,
            outputLimit: outputLimit,
            gracePeriod: gracePeriod,
            onLine: onLine
        )
    }
}

/// Collects lines from `onLine` and lets a test wait for a particular one.
final class LineCollector: Sendable {
    private let state = Mutex<[(ToolStream, String)]>([])

    var onLine: @Sendable (ToolStream, String) -> Void {
        { [self] stream, line in state.withLock { $0.append((stream, line)) } }
    }

    func lines(_ stream: ToolStream) -> [String] {
        state.withLock { $0.filter { $0.0 == stream }.map(\.1) }
    }

    /// Polls until a line satisfies `match` or `timeout` passes.
    func waitFor(
        _ stream: ToolStream = .stdout, timeout: Duration = .seconds(60), _ match: (String) -> Bool
    ) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lines(stream).first(where: match) { return line }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}

enum ProcessProbe {
    /// Whether `pid` is still a live process (a zombie counts as gone: it runs nothing).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Polls briefly for `pid` to disappear; the kernel may take a moment to deliver SIGKILL.
    static func isGoneSoon(_ pid: Int32, within timeout: Duration = .seconds(3)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !isAlive(pid) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !isAlive(pid)
    }

    /// The high-water mark of this process's resident memory, in bytes.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return digits.map { $0 * 1024 }
        }
        return nil
    }
}

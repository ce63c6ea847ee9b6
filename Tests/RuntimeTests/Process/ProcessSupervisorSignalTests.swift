import Foundation
import Testing
@testable import Runtime

/// SignalCancellation is exercised with SIGUSR1/SIGUSR2 raised at this process, never with
/// SIGTERM/SIGINT, which belong to the test runner. Serialized because signals are process-wide.
@Suite("SignalCancellation and withDeadline", .serialized)
struct ProcessSupervisorSignalTests {
    @Test func signalCancelsTheBodyAndThrowsCancelled() async throws {
        let cancellation = SignalCancellation(signals: [SIGUSR1])
        defer { cancellation.stop() }
        let started = ContinuousClock.now
        let raiser = Task {
            try await Task.sleep(for: .milliseconds(200))
            #expect(kill(getpid(), SIGUSR1) == 0)
        }
        let error = await #expect(throws: JobError.self) {
            try await cancellation.run {
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
        try await raiser.value
        #expect(error?.code == .cancelled)
        #expect(error?.message == "cancelled by SIGUSR1")
        #expect(cancellation.receivedSignal == SIGUSR1)
        #expect(started.duration(to: .now) < .seconds(30))
    }

    @Test func signalStopsASupervisedTool() async throws {
        let cancellation = SignalCancellation(signals: [SIGUSR2])
        defer { cancellation.stop() }
        let scripts = try ScriptDirectory()
        let collector = LineCollector()
        let command = try scripts.command(
            "victim", "echo \"pid $$\"\nexec sleep 1000", gracePeriod: .seconds(2), onLine: collector.onLine)
        let raiser = Task {
            let line = try await collector.waitFor { $0.hasPrefix("pid ") }
            #expect(line != nil)
            #expect(kill(getpid(), SIGUSR2) == 0)
            return line.flatMap { Int32($0.dropFirst(4)) }
        }
        let error = await #expect(throws: JobError.self) {
            try await cancellation.run { try await ProcessSupervisor().run(command) }
        }
        #expect(error?.code == .cancelled)
        let pid = try #require(try await raiser.value)
        #expect(await ProcessProbe.isGoneSoon(pid))
    }

    @Test func bodyFinishingNormallyReturnsItsValue() async throws {
        let cancellation = SignalCancellation(signals: [SIGUSR1])
        defer { cancellation.stop() }
        let value = try await cancellation.run { 42 }
        #expect(value == 42)
        #expect(cancellation.receivedSignal == nil)
    }

    @Test func bodyErrorsPassThroughWithoutASignal() async throws {
        struct Boom: Error {}
        let cancellation = SignalCancellation(signals: [SIGUSR1])
        defer { cancellation.stop() }
        await #expect(throws: Boom.self) { try await cancellation.run { () async throws -> Int in throw Boom() } }
    }

    @Test func deadlineReturnsTheValueWhenInTime() async throws {
        let value = try await withDeadline(.seconds(30)) { "done" }
        #expect(value == "done")
    }

    @Test func deadlineExceededIsReported() async throws {
        let error = await #expect(throws: JobError.self) {
            try await withDeadline(.milliseconds(100)) {
                try await Task.sleep(for: .seconds(60))
                return 0
            }
        }
        #expect(error?.code == .deadlineExceeded)
    }

    @Test func deadlineReportedEvenIfTheOperationSwallowsCancellation() async throws {
        let error = await #expect(throws: JobError.self) {
            try await withDeadline(.milliseconds(100)) {
                try? await Task.sleep(for: .seconds(60))
                return 0
            }
        }
        #expect(error?.code == .deadlineExceeded)
    }

    @Test func outsideCancellationIsNotADeadline() async throws {
        let task = Task {
            try await withDeadline(.seconds(60)) {
                try await Task.sleep(for: .seconds(60))
                return 0
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func operationErrorsPassThrough() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await withDeadline(.seconds(60)) { () async throws -> Int in throw Boom() }
        }
    }
}

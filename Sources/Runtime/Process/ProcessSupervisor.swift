import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real ``ProcessRunning``: runs one tool in its own process group with bounded, streamed
/// output and a teardown that leaves nothing behind.
///
/// Built on swift-subprocess (spawn, pidfd monitoring, pipes, the SIGTERM → grace → SIGKILL
/// teardown on cancellation). Two things are added on top, because a job must not leak work:
/// - Output is kept as a tail (``OutputTail``) rather than collected with swift-subprocess's limit,
///   which throws when exceeded — a verbose tool must not fail the job.
/// - swift-subprocess stops its teardown as soon as the *leader* exits, so a grandchild that
///   ignores SIGTERM would survive; after every run the group is checked again and, after a
///   cancellation, given the rest of the grace period and then SIGKILLed; after a normal exit
///   anything left in the group is SIGKILLed at once.
public struct ProcessSupervisor: ProcessRunning {
    /// Lines longer than this are passed to `onLine` in pieces.
    public var maxLineLength: Int
    private let registry: ChildRegistry
    private let clock: ContinuousClock

    /// - Parameters:
    ///   - registry: where children are announced so an ``OrphanReaper`` never reaps them.
    ///   - clock: measures ``ToolResult/duration``; a continuous clock because grace periods and
    ///     durations of real processes are real time, including time the host was suspended.
    public init(maxLineLength: Int = 64 * 1024, registry: ChildRegistry = .shared, clock: ContinuousClock = .init()) {
        self.maxLineLength = maxLineLength
        self.registry = registry
        self.clock = clock
    }

    public func run(_ command: ToolCommand) async throws -> ToolResult {
        try ExecutableCheck.verify(command.executable)
        let start = clock.now
        let state = RunState()

        registry.beginSpawn()
        let outcome: Outcome
        do {
            outcome = try await withTaskCancellationHandler {
                try await spawnAndDrain(command, state: state)
            } onCancel: {
                state.markCancelled(at: ContinuousClock.now)
            }
        } catch {
            await cleanUp(after: state, command: command)
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            throw Self.jobError(for: error, command: command)
        }
        await cleanUp(after: state, command: command)
        if Task.isCancelled { throw CancellationError() }
        return ToolResult(
            termination: outcome.termination,
            stdout: outcome.stdout.text,
            stderr: outcome.stderr.text,
            duration: start.duration(to: clock.now)
        )
    }

    // MARK: - Spawning and draining

    private struct Outcome: Sendable {
        var termination: ToolResult.Termination
        var stdout: OutputTail
        var stderr: OutputTail
    }

    private func spawnAndDrain(_ command: ToolCommand, state: RunState) async throws -> Outcome {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: command.gracePeriod)
        ]
        // Raw `KEY=VALUE` entries rather than `Environment.Key`s, so nothing is merged with ours.
        // swift-subprocess 1.0.2 hands each entry to `strdup`, so it must carry its own NUL.
        let environment = Subprocess.Environment.custom(
            command.environment.sorted { $0.key < $1.key }.map { Array("\($0.key)=\($0.value)".utf8) + [0] }
        )
        let limit = command.outputLimit
        let maxLineLength = maxLineLength
        let onLine = command.onLine
        let registry = registry

        let result = try await Subprocess.run(
            .path(.init(command.executable)),
            arguments: Arguments(command.arguments),
            environment: environment,
            workingDirectory: command.workingDirectory.map { .init($0) },
            platformOptions: options,
            input: .none,
            output: .sequence,
            error: .sequence
        ) { execution in
            let pid = execution.processIdentifier.value
            state.spawned(pid: pid)
            registry.spawned(pid: pid)
            async let stdout = Self.drain(
                execution.standardOutput, stream: .stdout, limit: limit, maxLineLength: maxLineLength, onLine: onLine)
            async let stderr = Self.drain(
                execution.standardError, stream: .stderr, limit: limit, maxLineLength: maxLineLength, onLine: onLine)
            return try await (stdout, stderr)
        }
        let (stdout, stderr) = result.closureResult
        let termination: ToolResult.Termination =
            switch result.terminationStatus {
            case .exited(let code): .exited(code)
            case .signaled(let signal): .signaled(signal)
            }
        return Outcome(termination: termination, stdout: stdout, stderr: stderr)
    }

    /// Reads one stream to its end, feeding lines to `onLine` and keeping the tail.
    private static func drain(
        _ sequence: SubprocessOutputSequence,
        stream: ToolStream,
        limit: Int,
        maxLineLength: Int,
        onLine: (@Sendable (ToolStream, String) -> Void)?
    ) async throws -> OutputTail {
        var tail = OutputTail(capacity: limit)
        var splitter = LineSplitter(maxLineLength: maxLineLength)
        for try await buffer in sequence {
            buffer.withUnsafeBytes { bytes in
                tail.append(bytes)
                if let onLine {
                    for line in splitter.feed(bytes) { onLine(stream, line) }
                }
            }
        }
        if let onLine, let last = splitter.finish() {
            onLine(stream, last)
        }
        return tail
    }

    // MARK: - After the leader is reaped

    /// Empties the tool's process group and forgets the child.
    ///
    /// Runs in an uncancelled task: it is usually here *because* the job was cancelled, and the
    /// grace period must still be waited out before the SIGKILL.
    private func cleanUp(after state: RunState, command: ToolCommand) async {
        let snapshot = state.snapshot
        registry.finished(pid: snapshot.pid, spawnPending: snapshot.pid == nil)
        guard let pid = snapshot.pid else { return }
        let group = ProcessGroup(id: pid)
        let clock = clock
        if let cancelledAt = snapshot.cancelledAt {
            let killAt = cancelledAt.advanced(by: command.gracePeriod)
            await Task { await group.terminate(killAt: killAt, clock: clock) }.value
        } else if group.hasMembers {
            group.signal(SIGKILL)
        }
    }

    // MARK: - Errors

    private static func jobError(for error: any Error, command: ToolCommand) -> any Error {
        guard let subprocessError = error as? SubprocessError else { return error }
        if subprocessError.code == .executableNotFound {
            return JobError.toolMissing("\(command.executable) cannot be executed: \(subprocessError)")
        }
        return JobError.toolFailed("could not run \(command.executable): \(subprocessError)")
    }
}

/// The capability to run an external tool under supervision.
///
/// The run loop and job handlers depend on this protocol, not on a process API, so unit tests can
/// substitute a fake; ``ProcessSupervisor`` is the real implementation.
public protocol ProcessRunning: Sendable {
    /// Runs `command` to completion and returns how it ended.
    ///
    /// Cancelling the calling task tears the process group down (SIGTERM, grace, SIGKILL) and then
    /// throws `CancellationError`; a non-zero exit is a normal result, not an error.
    /// - Throws: ``JobError`` with `.toolMissing` when the executable cannot be started.
    func run(_ command: ToolCommand) async throws -> ToolResult
}

/// One tool invocation: an absolute executable path and an argv, never a shell line.
public struct ToolCommand: Sendable {
    public var executable: String
    public var arguments: [String]
    /// The complete environment of the child; nothing is inherited implicitly.
    public var environment: [String: String]
    public var workingDirectory: String?
    /// How many bytes of each of stdout and stderr to keep (the most recent are kept).
    public var outputLimit: Int
    /// Time between SIGTERM and SIGKILL when the process must be stopped.
    public var gracePeriod: Duration
    /// Called with each complete line the tool writes on stdout or stderr, for progress and logging.
    public var onLine: (@Sendable (ToolStream, String) -> Void)?

    public init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String? = nil,
        outputLimit: Int = 256 * 1024,
        gracePeriod: Duration = .seconds(10),
        onLine: (@Sendable (ToolStream, String) -> Void)? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.outputLimit = outputLimit
        self.gracePeriod = gracePeriod
        self.onLine = onLine
    }
}

public enum ToolStream: String, Sendable {
    case stdout
    case stderr
}

/// How a tool run ended, with the tail of what it printed.
public struct ToolResult: Sendable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    public var termination: Termination
    /// The last ``ToolCommand/outputLimit`` bytes of stdout, decoded leniently.
    public var stdout: String
    public var stderr: String
    public var duration: Duration

    public init(termination: Termination, stdout: String, stderr: String, duration: Duration) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
        self.duration = duration
    }

    public var succeeded: Bool { termination == .exited(0) }
}

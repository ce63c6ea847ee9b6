import Logging
import Runtime

/// Runs PrusaSlicer with one fixed environment and working directory, filtering its log noise.
///
/// Progress lines go to `progress`, warnings and errors to the job log at warning level, and
/// Boost.Log trace lines (`Initializing StaticPrintConfigs` on every start) are dropped.
struct SlicerRunner: Sendable {
    var executable: String
    var environment: [String: String]
    var workingDirectory: String
    var runner: any ProcessRunning
    var logger: Logger

    func run(_ arguments: [String], progress: (@Sendable (Double) -> Void)? = nil) async throws -> ToolResult {
        let logger = logger
        let command = ToolCommand(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: workingDirectory,
            onLine: { _, line in
                switch PrusaSlicerOutput.classify(line) {
                case .progress(let percent): progress?(percent)
                case .warning(let message): logger.warning("prusa-slicer: \(message)")
                case .noise, .other: break
                }
            })
        let result = try await runner.run(command)
        logger.debug(
            "prusa-slicer finished",
            metadata: [
                "action": "\(arguments.first ?? "")", "termination": "\(result.termination)",
                "duration": "\(result.duration)",
            ])
        return result
    }
}

import Foundation
import Logging

/// Reports a run to GitHub Actions (`GITHUB_ACTIONS=true`): step outputs, the step summary, an error
/// annotation, and masks for every secret before anything that could contain one is printed.
public struct GitHubReporter: RunObserver {
    /// Credentials a step may hold; their values are masked at start-up.
    public static let secretVariables = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "GITHUB_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN",
    ]

    public var environment: Environment
    public var stdout: LineSink
    public var logger: Logger
    public var makeDelimiter: @Sendable () -> String

    public init(
        environment: Environment, stdout: LineSink = .standardOutput, logger: Logger,
        makeDelimiter: @escaping @Sendable () -> String = { "ONEJOB_" + UUID().uuidString }
    ) {
        self.environment = environment
        self.stdout = stdout
        self.logger = logger
        self.makeDelimiter = makeDelimiter
    }

    /// Whether this process runs as a GitHub Actions step.
    public static func isActive(_ environment: Environment) -> Bool {
        environment["GITHUB_ACTIONS"] == "true"
    }

    /// Prints `::add-mask::` for each secret in the environment; call before anything else is printed.
    public func maskSecrets() {
        for name in Self.secretVariables {
            if let value = environment[name], value.count >= 4 { stdout.write(GitHubCommands.mask(value)) }
        }
    }

    /// The step outputs, in `action.yml` order.
    public static func outputs(for report: RunReport) -> [(name: String, value: String)] {
        [
            ("status", report.result.status),
            ("exit-code", String(report.exitCode.rawValue)),
            ("result-url", report.resultLocation ?? ""),
            ("outputs", JSONValue.array(report.result.outputs.map(\.json)).prettyText()),
        ]
    }

    public func jobFinished(_ report: RunReport) async {
        // Masks first: the outputs below carry presigned URLs, and a later step may echo them.
        for output in report.result.outputs {
            for secret in output.presignedURL.map(GitHubCommands.presignedSecrets(in:)) ?? [] {
                stdout.write(GitHubCommands.mask(secret))
            }
        }
        if let path = environment["GITHUB_OUTPUT"] {
            let text = Self.outputs(for: report).map { entry in
                GitHubCommands.outputEntry(name: entry.name, value: entry.value, delimiter: makeDelimiter)
            }.joined()
            append(text, to: path, what: "GITHUB_OUTPUT")
        }
        if let path = environment["GITHUB_STEP_SUMMARY"] {
            append(StepSummary.markdown(for: report), to: path, what: "GITHUB_STEP_SUMMARY")
        }
        if let error = report.result.error {
            let title = "onejob \(report.result.id): \(error.code.className) (exit \(error.code.rawValue))"
            stdout.write(GitHubCommands.error(title: title, message: error.message))
        }
    }

    /// Appends to a file command; a failure is logged, never fatal (the job's outcome stands).
    private func append(_ text: String, to path: String, what: String) {
        guard let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) else {
            logger.warning("cannot open \(what)", metadata: ["path": "\(path)"])
            return
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            logger.warning("cannot write \(what)", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    private static func create(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }
}

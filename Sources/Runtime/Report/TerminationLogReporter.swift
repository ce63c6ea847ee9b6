import Foundation
import Logging

/// Writes ``TerminationSummary`` to Kubernetes' termination message file when the container has one.
public struct TerminationLogReporter: RunObserver {
    public static let defaultPath = "/dev/termination-log"

    /// `ONEJOB_TERMINATION_LOG` is written whether or not it exists; the default path only when the
    /// kubelet mounted it (elsewhere `/dev` is not ours to write).
    public var path: String
    public var mustExist: Bool
    public var logger: Logger

    public init(environment: Environment, logger: Logger) {
        if let override = environment["ONEJOB_TERMINATION_LOG"] {
            path = override
            mustExist = false
        } else {
            path = Self.defaultPath
            mustExist = true
        }
        self.logger = logger
    }

    public func jobFinished(_ report: RunReport) async {
        if mustExist && !FileManager.default.fileExists(atPath: path) { return }
        do {
            try Data(TerminationSummary.text(for: report).utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            logger.warning("cannot write the termination log", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}

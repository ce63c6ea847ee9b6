import ArgumentParser
import Foundation
import Logging
import Runtime

/// `onejob validate`: print the normalised job, or exit 64 naming the problem.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Print the normalised job (defaults filled in, id computed), or exit 64.")

    @OptionGroup var jobArguments: JobArguments

    func run() async throws {
        let environment = Runtime.Environment.current()
        let bootstrap = Bootstrap(environment: environment)
        do {
            let source = try jobArguments.source(environment: environment)
            let bytes = try await bootstrap.documentReader(for: source)()
            let job = try bootstrap.runner(outputOverride: nil, timeoutOverride: nil).decoder.decode(bytes)
            print(job.document.prettyText())
        } catch {
            let code = Runtime.ExitCode(for: error)
            let message = (error as? JobError)?.message ?? "\(error)"
            var metadata: Logger.Metadata = ["class": "\(code.className)", "exitCode": .stringConvertible(code.rawValue)]
            for (key, value) in (error as? JobError)?.detail ?? [:] { metadata[key] = "\(value)" }
            bootstrap.logger.error("\(message)", metadata: metadata)
            throw exitProcess(code)
        }
    }
}

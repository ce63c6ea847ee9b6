import ArgumentParser
import Foundation
import Runtime

/// `--job`, shared by `run` and `validate`.
struct JobArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The job document: a file path, or - for standard input.", valueName: "FILE|-"))
    var job: String?

    func source(environment: Runtime.Environment) throws(JobError) -> JobSource {
        try JobSource.select(jobArgument: job, environment: environment, stdinIsTerminal: isatty(0) == 1)
    }
}

/// Exits with a `Runtime.ExitCode`, through the argument parser so buffered output is flushed.
func exitProcess(_ code: Runtime.ExitCode) -> ArgumentParser.ExitCode {
    ArgumentParser.ExitCode(code.rawValue)
}

import ArgumentParser
import Foundation
import Logging
import Runtime

/// `onejob run`: the default command.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one job and exit with its code (the default command).")

    @OptionGroup var jobArguments: JobArguments

    @Option(help: ArgumentHelp("Where outputs go: s3://bucket/prefix/, file:///dir or a path (replaces the job's output).", valueName: "URL"))
    var output: String?

    @Option(help: ArgumentHelp("Deadline in seconds; the job gets the smaller of this and its timeoutSeconds.", valueName: "SECONDS"))
    var timeout: Int?

    func validate() throws {
        if let timeout, !(1...86_400).contains(timeout) {
            throw ValidationError("--timeout must be 1 to 86400 seconds")
        }
    }

    func run() async throws {
        // Signals first: a SIGTERM during start-up must cancel, not kill, the process.
        let signals = SignalCancellation()
        // As PID 1 (a container without an init), orphans re-parented to us must be reaped.
        let reaper = OrphanReaper.startIfInit()
        defer { reaper?.stop() }
        let environment = Runtime.Environment.current()
        let bootstrap = Bootstrap(environment: environment)
        // Platform identity on every line; reporters next, as they print GitHub's masks before any output.
        var identity = PlatformIdentity(environment: environment)
        await identity.addECSTask(environment: environment, transport: Bootstrap.http)
        let logger = identity.decorate(bootstrap.logger)
        let reporters = RunReporters.standard(
            environment: environment, transport: Bootstrap.http, logger: logger, source: identity.eventSource)
        var runner = bootstrap.runner(
            outputOverride: output ?? environment["ONEJOB_OUTPUT"] ?? environment["INPUT_OUTPUT"], timeoutOverride: timeout, signals: signals)
        runner.logger = logger
        runner.observers = reporters
        // Platform intakes that replace the single job: Lambda's Runtime API, then batch fan-out.
        if let endpoint = environment["AWS_LAMBDA_RUNTIME_API"] {
            throw exitProcess(await PlatformModes.lambda(endpoint: endpoint, runner: runner, bootstrap: bootstrap, logger: logger))
        }
        if let batchURL = environment["ONEJOB_BATCH_URL"] {
            throw exitProcess(await PlatformModes.batch(url: batchURL, runner: runner, bootstrap: bootstrap, logger: logger))
        }
        let source: JobSource
        do {
            source = try jobArguments.source(environment: environment)
        } catch {
            logger.error("\(error.message)", metadata: ["class": "\(error.code.className)", "exitCode": .stringConvertible(error.code.rawValue)])
            throw exitProcess(error.code)
        }
        logger.debug("job source", metadata: ["source": "\(source)"])
        let reader = bootstrap.documentReader(for: source)
        let report = await runner.run(readDocument: reader)
        print(report.result.json.prettyText())
        throw exitProcess(report.exitCode)
    }
}

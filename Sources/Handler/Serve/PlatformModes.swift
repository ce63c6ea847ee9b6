import Foundation
import Logging
import Runtime

/// `onejob run` when the platform, not a person, hands out the work: Lambda's Runtime API or a batch.
enum PlatformModes {
    /// Runs Lambda invocations until the Runtime API goes away; a start-up problem goes to `/init/error`.
    static func lambda(endpoint: String, runner: JobRunner, bootstrap: Bootstrap, logger: Logger) async -> Runtime.ExitCode {
        let client = LambdaRuntimeAPI(endpoint: endpoint, transport: Bootstrap.http)
        if let problem = StartupCheck.problem(runner: runner) {
            logger.error("start-up failed", metadata: ["class": "\(problem.code.className)", "error": "\(problem.message)"])
            do {
                try await client.failInit(LambdaErrorReport(problem))
            } catch {
                logger.error("cannot report the start-up failure to Lambda", metadata: ["error": "\(error)"])
            }
            return problem.code
        }
        logger.info("Lambda Runtime API mode", metadata: ["endpoint": "\(endpoint)"])
        let loop = LambdaLoop(
            client: client, runner: runner, payload: bootstrap.jobPayload,
            exportTrace: { trace in
                // Lambda's runtimes export the X-Ray header so SDKs in the process propagate it.
                if let trace { setenv("_X_AMZN_TRACE_ID", trace, 1) } else { unsetenv("_X_AMZN_TRACE_ID") }
            }, logger: logger)
        return await loop.run()
    }

    /// Runs this task's share of `ONEJOB_BATCH_URL` and prints the batch summary path.
    static func batch(url: String, runner: JobRunner, bootstrap: Bootstrap, logger: Logger) async -> Runtime.ExitCode {
        let slot: TaskSlot
        do {
            slot = try TaskSlot.from(bootstrap.environment)
        } catch {
            logger.error("\(error.message)", metadata: ["class": "\(error.code.className)"])
            return error.code
        }
        let s3 = try? bootstrap.s3.client()
        let publisher = S3BatchSummaryPublisher.base(ofOutput: runner.outputOverride).flatMap { base in
            s3.map { S3BatchSummaryPublisher(s3: $0, bucket: base.bucket, prefix: base.prefix) }
        }
        let batch = BatchRunner(
            runner: runner, fetcher: bootstrap.jobURLFetcher, probe: StoredResultProbe(s3: s3), slot: slot,
            summaryDirectory: BatchRunner.summaryDirectory(
                outputOverride: runner.outputOverride, workingDirectory: runner.workingDirectory),
            summaryPublisher: publisher, logger: logger)
        let report = await batch.run(batchURL: url)
        if let path = report.summaryPath, let data = FileManager.default.contents(atPath: path) {
            print(String(decoding: data, as: UTF8.self), terminator: "")
        }
        return report.exitCode
    }
}

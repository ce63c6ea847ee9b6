import Foundation
import Logging
import Runtime

/// One headless Blender run of one of our scripts, for a job.
///
/// The Blender job kinds differ only in the parameters they write and in what they make of the
/// script's result; finding Blender, the work folder, the scrubbed environment, progress forwarding
/// and turning a failed run into a ``JobError`` must be the same for all of them, so they live here.
struct BlenderRun {
    /// What a successful run left behind.
    struct Finished {
        /// The bytes of the script's `result.json`.
        var resultJSON: [UInt8]
        /// Blender's version from its banner, `unknown` when it printed none.
        var tool: ToolInfo
        /// The error for a result file that is unusable: the same words as for a missing one.
        var unusableResult: JobError
    }

    let script: BlenderScript
    /// The run's own folder in the job's scratch directory; Blender's working directory.
    let work: URL
    let paramsFile: URL
    let resultFile: URL
    private let blender: String
    private let scriptPath: String

    /// Locates Blender and the script before anything is written, so a missing tool costs nothing.
    /// - Throws: ``JobError`` `.toolMissing`.
    init(_ script: BlenderScript, workFolder: String, context: JobContext) throws {
        blender = try context.tools.locate(
            "blender", override: "ONEJOB_BLENDER", installHint: "install it with: apt-get install blender")
        scriptPath = try script.path()
        self.script = script
        work = context.scratchDirectory.appendingPathComponent(workFolder, isDirectory: true)
        paramsFile = work.appendingPathComponent("params.json")
        resultFile = work.appendingPathComponent("result.json")
    }

    /// Creates the work and output folders and writes the script's parameter file and any `extraFiles`.
    /// - Throws: ``JobError`` `.toolFailed`: a scratch folder we cannot write is our failure, not the job's.
    func prepare(params: JSONValue, extraFiles: [(url: URL, bytes: [UInt8])] = [], context: JobContext)
        throws(JobError)
    {
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: context.outputDirectory, withIntermediateDirectories: true)
            try Data(params.prettyText().utf8).write(to: paramsFile)
            for file in extraFiles { try Data(file.bytes).write(to: file.url) }
        } catch {
            throw JobError.toolFailed("could not prepare the Blender run in \(work.path): \(error)")
        }
    }

    /// Runs the script with the parameter file, `inputs`, then the result file as its arguments.
    /// - Throws: ``JobError`` from the script's error line or Blender's exit status, or when no result was written.
    func run(inputs: [URL] = [], context: JobContext) async throws -> Finished {
        let command = BlenderCommand(
            executable: blender, script: scriptPath,
            scriptArguments: [paramsFile.path] + inputs.map(\.path) + [resultFile.path])
        let progress = context.progress
        let result = try await context.runner.run(
            command.toolCommand(
                environment: context.environment.scrubbedForTool(home: context.scratchDirectory.path),
                workingDirectory: work.path,
                onLine: { stream, line in
                    if stream == .stdout, let percent = BlenderOutput.progress(inLine: line) { progress(percent) }
                }))
        context.logger.info(
            "blender finished", metadata: ["termination": "\(result.termination)", "duration": "\(result.duration)"])
        guard result.succeeded else { throw BlenderOutput.failure(of: result) }
        let noResult = JobError.toolFailed(
            "blender exited 0 but \(script.rawValue).py wrote no result: \(BlenderOutput.tail(result.stderr))")
        guard let resultBytes = FileManager.default.contents(atPath: resultFile.path) else { throw noResult }
        return Finished(
            resultJSON: Array(resultBytes),
            tool: ToolInfo(name: "blender", version: BlenderOutput.version(fromStdout: result.stdout) ?? "unknown"),
            unusableResult: noResult)
    }
}

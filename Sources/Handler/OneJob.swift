import ArgumentParser
import Runtime

/// The `onejob` command: run one job and exit with its code.
@main
struct OneJob: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "onejob",
        abstract: "Take one job, do it with Blender or PrusaSlicer, store the results, exit.",
        discussion: """
            A job is a small JSON document (apiVersion onejob/v1). It is read from --job FILE, --job - (stdin),
            stdin when it is not a terminal, or the environment: ONEJOB_JOB (inline JSON), ONEJOB_JOB_URL
            (https:// or s3://), or the GitHub Actions inputs INPUT_JOB / INPUT_JOB_URL. Give exactly one.

            Example:
              echo '{"kind":"text-mesh","params":{"text":"Hello","height":20,"format":"stl"}}' | onejob
              onejob run --job examples/text-mesh.json --output ./out
              onejob validate --job examples/text-mesh.json

            Outputs go to <output>/<id>/ (default ./out/<id>/), result.json last. Exit codes: 0 success,
            64 invalid job, 65 unusable input, 69 tool missing, 70 tool failed, 74 I/O failed after retries,
            75 temporary failure, 77 access denied, 124 deadline exceeded, 143 cancelled by SIGTERM.
            """,
        version: version,
        subcommands: [
            RunCommand.self, ServeCommand.self, ValidateCommand.self, SchemaCommand.self, PutCommand.self,
            PrintersCommand.self, PresetsCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

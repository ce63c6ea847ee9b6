import ArgumentParser
import Runtime

/// `onejob schema`: the job document's JSON Schema (the content of `schema/job.schema.json`).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the job document.")

    func run() throws {
        print(JobSchema.document(handlers: Kinds.all).prettyText())
    }
}

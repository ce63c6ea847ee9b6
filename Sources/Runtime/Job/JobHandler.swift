import Foundation
import Logging

/// One job kind: what the Handler module implements for `text-mesh`, `ldraw-svg` and the rest.
///
/// Runtime knows nothing of Blender or PrusaSlicer; it validates the envelope, fetches inputs, calls
/// ``run(_:)`` inside the deadline and uploads whatever files come back.
public protocol JobHandler: Sendable {
    /// The `kind` value in the job document.
    var kind: String { get }

    /// The names of the inputs this kind accepts, and whether each is required.
    var inputs: [InputSpec] { get }

    /// The JSON Schema of `params` (draft 2020-12), kept next to ``normalize(params:)`` so they agree.
    var paramsSchema: JSONValue { get }

    /// Checks `params` and returns them with every default filled in.
    ///
    /// Runs before anything is fetched or started, so a bad job fails fast with exit 64.
    /// - Throws: ``JobError`` `.invalidJob` naming the JSON path (`params.height`).
    func normalize(params: JSONValue) throws -> JSONValue

    /// Checks rules that join `params` and `inputs` ("text or a logo, not both"), once both are
    /// decoded: still before anything is fetched, so `onejob validate` catches them too.
    /// - Throws: ``JobError`` `.invalidJob` naming the JSON path.
    func validate(_ job: Job) throws

    /// ``validate(_:)``'s rules as JSON Schema subschemas of the whole job document, so the published
    /// schema refuses what the decoder refuses.
    var jobRules: [JSONValue] { get }

    /// Does the work, writing output files into `context.outputDirectory`.
    func run(_ context: JobContext) async throws -> JobOutcome
}

extension JobHandler {
    /// Most kinds have no rule across `params` and `inputs`.
    public func validate(_ job: Job) throws {}
    public var jobRules: [JSONValue] { [] }
}

/// A named input a job kind accepts (`inputs.image`, `inputs.model`).
public struct InputSpec: Sendable, Equatable {
    public var name: String
    public var required: Bool
    public init(name: String, required: Bool) {
        self.name = name
        self.required = required
    }
}

/// Everything a handler may use while it runs. Handlers touch no global state.
public struct JobContext: Sendable {
    public var job: Job
    /// The job's private scratch directory, removed on every exit path.
    public var scratchDirectory: URL
    /// Where to write output files (inside the scratch directory); each becomes an upload.
    public var outputDirectory: URL
    /// Local copies of the job's inputs, by input name.
    public var inputFiles: [String: URL]
    public var runner: any ProcessRunning
    public var tools: ToolLocator
    public var environment: Environment
    public var logger: Logger
    /// Reports tool progress in percent (0...100); rate limiting is the receiver's business.
    public var progress: @Sendable (Double) -> Void

    public init(
        job: Job, scratchDirectory: URL, outputDirectory: URL, inputFiles: [String: URL],
        runner: any ProcessRunning, tools: ToolLocator, environment: Environment, logger: Logger,
        progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) {
        self.job = job
        self.scratchDirectory = scratchDirectory
        self.outputDirectory = outputDirectory
        self.inputFiles = inputFiles
        self.runner = runner
        self.tools = tools
        self.environment = environment
        self.logger = logger
        self.progress = progress
    }
}

/// What a handler produced: files to upload (in this order) and facts for `result.json`.
public struct JobOutcome: Sendable {
    public var files: [OutputFile]
    public var metrics: JSONValue
    public var tool: ToolInfo?

    public init(files: [OutputFile], metrics: JSONValue = .object([]), tool: ToolInfo? = nil) {
        self.files = files
        self.metrics = metrics
        self.tool = tool
    }
}

/// A file the handler wrote, with the object name it should get under the job's output prefix.
public struct OutputFile: Sendable, Equatable {
    public var name: String
    public var localURL: URL
    public var contentType: String

    public init(name: String, localURL: URL, contentType: String) {
        self.name = name
        self.localURL = localURL
        self.contentType = contentType
    }
}

/// The tool that did the work, as recorded in `result.json`.
public struct ToolInfo: Sendable, Equatable {
    public var name: String
    public var version: String
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

import HTTPClient
import Logging

/// Who this run is, as the platform names it, for every log line: so a line in Cloud Logging,
/// CloudWatch or a GitHub log can be traced back to the execution, task and trace that produced it.
public struct PlatformIdentity: Sendable, Equatable {
    /// Log metadata key → value, only for what the platform told us.
    public var fields: [String: String]

    public init(fields: [String: String] = [:]) {
        self.fields = fields
    }

    /// Environment variable → log key, for the platforms that identify a run by environment.
    static let variables: [(variable: String, key: String)] = [
        ("CLOUD_RUN_EXECUTION", "cloudRunExecution"),
        ("CLOUD_RUN_TASK_INDEX", "taskIndex"),
        ("CLOUD_RUN_TASK_ATTEMPT", "taskAttempt"),
        ("JOB_COMPLETION_INDEX", "completionIndex"),
        ("GITHUB_RUN_ID", "githubRunId"),
        ("GITHUB_RUN_ATTEMPT", "githubRunAttempt"),
        // Cloud Run services and Knative set these for `serve`.
        ("K_SERVICE", "service"),
        ("K_REVISION", "revision"),
        ("_X_AMZN_TRACE_ID", "awsTraceId"),
    ]

    /// What the environment says (no I/O).
    public init(environment: Environment) {
        var fields: [String: String] = [:]
        for (variable, key) in Self.variables {
            if let value = environment[variable] { fields[key] = value }
        }
        self.init(fields: fields)
    }

    /// Adds the ECS task ARN from the task metadata endpoint (`$ECS_CONTAINER_METADATA_URI_V4/task`)
    /// when it is there; a slow or missing endpoint costs at most `timeout` and is not an error.
    public mutating func addECSTask(environment: Environment, transport: any HTTPTransport, timeout: Duration = .seconds(2)) async {
        guard let base = environment["ECS_CONTAINER_METADATA_URI_V4"] else { return }
        let options = HTTPRequestOptions(maxResponseBytes: 1024 * 1024, connectTimeout: timeout, totalTimeout: timeout)
        guard let response = try? await transport.execute(HTTPRequest(method: "GET", url: base + "/task"), options: options),
            response.status == 200, let document = try? JSONParser.parse(response.body),
            let arn = document["TaskARN"]?.stringValue
        else { return }
        fields["ecsTaskArn"] = arn
    }

    /// The logger with these fields as metadata on every line.
    public func decorate(_ logger: Logger) -> Logger {
        var logger = logger
        for (key, value) in fields { logger[metadataKey: key] = "\(value)" }
        return logger
    }

    /// The CloudEvent `source` for events this process sends: the most specific identity known.
    public var eventSource: String {
        if let arn = fields["ecsTaskArn"] { return arn }
        if let execution = fields["cloudRunExecution"] { return "//run.googleapis.com/executions/\(execution)" }
        if let run = fields["githubRunId"] { return "//github.com/actions/runs/\(run)" }
        // A URI-reference, as CloudEvents allows: Knative names services, not hosts.
        if let service = fields["service"] { return "/services/\(service)" }
        return "onejob"
    }
}

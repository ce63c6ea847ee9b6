/// A validated, normalised `onejob/v1` job: every default filled in and the `id` computed.
public struct Job: Sendable, Equatable {
    public static let apiVersion = "onejob/v1"

    public var id: String
    public var kind: String
    /// The kind's parameters after ``JobHandler/normalize(params:)``.
    public var params: JSONValue
    /// Input name → URL (`https://`, `s3://`, `file://`), as given.
    public var inputs: [String: String]
    /// Where outputs go (`s3://bucket/prefix/`, `file:///dir`, or a path); `nil` means `./out/<id>/`.
    public var output: String?
    public var timeoutSeconds: Int
    public var callback: String?

    public init(
        id: String, kind: String, params: JSONValue, inputs: [String: String] = [:], output: String? = nil,
        timeoutSeconds: Int = JobLimits.defaultTimeoutSeconds, callback: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.params = params
        self.inputs = inputs
        self.output = output
        self.timeoutSeconds = timeoutSeconds
        self.callback = callback
    }

    /// The normalised job as a document, in schema order; `onejob validate` prints this.
    public var document: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("apiVersion", .string(Self.apiVersion)),
            ("id", .string(id)),
            ("kind", .string(kind)),
            ("params", params),
            ("inputs", .object(inputs.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })),
        ]
        if let output { members.append(("output", .string(output))) }
        members.append(("timeoutSeconds", .number(Double(timeoutSeconds))))
        if let callback { members.append(("callback", .string(callback))) }
        return .object(members)
    }
}

/// The documented limits of a job document.
public enum JobLimits {
    /// Larger documents belong in a file referenced by `ONEJOB_JOB_URL`.
    public static let maxDocumentBytes = 256 * 1024
    public static let defaultTimeoutSeconds = 3600
    public static let timeoutRange = 1...86_400
    public static let idPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
    public static let maxInputs = 16
}

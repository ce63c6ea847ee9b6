/// Turns the bytes of a job document into a validated, normalised ``Job``.
///
/// The envelope is checked here; each kind's `params` by its ``JobHandler``. Every error is exit 64
/// and names the JSON path or the line and column at fault.
public struct JobDecoder: Sendable {
    public var handlers: HandlerRegistry
    public var urlPolicy: URLPolicy
    /// The output location forced by the command line or environment (`--output`), if any.
    public var outputOverride: String?

    public init(handlers: HandlerRegistry, urlPolicy: URLPolicy = URLPolicy(), outputOverride: String? = nil) {
        self.handlers = handlers
        self.urlPolicy = urlPolicy
        self.outputOverride = outputOverride
    }

    static let envelopeKeys = ["apiVersion", "id", "kind", "params", "inputs", "output", "timeoutSeconds", "callback"]

    public func decode(_ bytes: some Collection<UInt8>) throws(JobError) -> Job {
        guard bytes.count <= JobLimits.maxDocumentBytes else {
            // Readers stop one byte past the limit, so the count says only that the limit was passed.
            throw .invalidJob(
                "the job document is larger than the \(JobLimits.maxDocumentBytes / 1024) KiB limit (\(JobLimits.maxDocumentBytes) bytes); put large inputs behind input URLs")
        }
        guard !bytes.isEmpty else { throw .invalidJob("the job document is empty") }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw JobError(.invalidJob, "the job is not valid JSON: \(error)", detail: ["line": "\(error.line)", "column": "\(error.column)"])
        }
        return try decode(document)
    }

    public func decode(_ document: JSONValue) throws(JobError) -> Job {
        guard case .object(let members) = document else {
            throw .invalidJob("the job must be a JSON object, found \(document.typeName)", path: "$")
        }
        if let unknown = members.first(where: { !Self.envelopeKeys.contains($0.key) }) {
            throw .invalidJob(
                "\(unknown.key) is not a known field of a job (known: \(Self.envelopeKeys.joined(separator: ", ")))",
                path: unknown.key)
        }
        let apiVersion = try optionalString(document, "apiVersion") ?? Job.apiVersion
        guard apiVersion == Job.apiVersion else {
            throw .invalidJob("apiVersion \"\(apiVersion)\" is not supported (expected \"\(Job.apiVersion)\")", path: "apiVersion")
        }
        guard let kind = try optionalString(document, "kind") else {
            throw .invalidJob("kind is required (one of: \(handlers.kinds.joined(separator: ", ")))", path: "kind")
        }
        guard let handler = handlers[kind] else {
            throw .invalidJob("unknown kind \"\(kind)\" (known kinds: \(handlers.kinds.joined(separator: ", ")))", path: "kind")
        }
        let params: JSONValue
        do {
            params = try handler.normalize(params: document["params"] ?? .object([]))
        } catch let error as JobError {
            throw error
        } catch {
            throw .invalidJob("params: \(error)", path: "params")
        }
        let documentOutput = try optionalString(document, "output")
        let output = outputOverride ?? documentOutput
        let localOutput = output.map { !$0.lowercased().hasPrefix("s3://") } ?? true
        let inputs = try decodeInputs(document["inputs"], handler: handler, localOutput: localOutput)
        let timeout = try decodeTimeout(document["timeoutSeconds"])
        let callback = try optionalString(document, "callback")
        if let callback { try urlPolicy.check(callback, path: "callback", localOutput: false, schemes: ["https", "http"]) }
        if let output { try OutputLocation.validate(output, path: "output") }

        var job = Job(id: "", kind: kind, params: params, inputs: inputs, output: output, timeoutSeconds: timeout, callback: callback)
        do {
            try handler.validate(job)
        } catch let error as JobError {
            throw error
        } catch {
            throw .invalidJob("\(error)", path: "params")
        }
        if let id = try optionalString(document, "id") {
            guard id.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,127}/) != nil else {
                throw .invalidJob("id must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit", path: "id")
            }
            job.id = id
        } else {
            job.id = Self.contentID(of: job)
        }
        return job
    }

    /// The default `id`: the first 16 hex digits of the SHA-256 of the canonical normalised job without
    /// `id`, `output` and `callback`, so resubmitting the same work lands on the same keys (idempotent).
    public static func contentID(of job: Job) -> String {
        let hashed = job.document.removing(["id", "output", "callback"])
        return String(Digest.sha256Hex(Array(hashed.canonicalText.utf8)).prefix(16))
    }

    // MARK: - Fields

    private func optionalString(_ document: JSONValue, _ key: String) throws(JobError) -> String? {
        guard let value = document[key], value != .null else { return nil }
        guard case .string(let string) = value else {
            throw .invalidJob("\(key) must be a string, found \(value.typeName)", path: key)
        }
        return string
    }

    private func decodeTimeout(_ value: JSONValue?) throws(JobError) -> Int {
        guard let value, value != .null else { return JobLimits.defaultTimeoutSeconds }
        let range = JobLimits.timeoutRange
        guard case .number(let number) = value, number == number.rounded(),
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else {
            throw .invalidJob("timeoutSeconds must be a whole number of seconds from \(range.lowerBound) to \(range.upperBound)", path: "timeoutSeconds")
        }
        return Int(number)
    }

    private func decodeInputs(_ value: JSONValue?, handler: any JobHandler, localOutput: Bool) throws(JobError) -> [String: String] {
        var inputs: [String: String] = [:]
        if let value, value != .null {
            guard case .object(let members) = value else {
                throw .invalidJob("inputs must be an object of name → URL, found \(value.typeName)", path: "inputs")
            }
            guard members.count <= JobLimits.maxInputs else {
                throw .invalidJob("at most \(JobLimits.maxInputs) inputs are allowed", path: "inputs")
            }
            let known = handler.inputs.map(\.name)
            for member in members {
                let path = "inputs.\(member.key)"
                guard known.contains(member.key) else {
                    let list = known.isEmpty ? "\(handler.kind) takes no inputs" : "known: \(known.joined(separator: ", "))"
                    throw .invalidJob("\(path) is not an input of \(handler.kind) (\(list))", path: path)
                }
                guard case .string(let url) = member.value else {
                    throw .invalidJob("\(path) must be a URL string, found \(member.value.typeName)", path: path)
                }
                try urlPolicy.check(url, path: path, localOutput: localOutput)
                inputs[member.key] = url
            }
        }
        for spec in handler.inputs where spec.required && inputs[spec.name] == nil {
            throw .invalidJob("inputs.\(spec.name) is required for \(handler.kind)", path: "inputs.\(spec.name)")
        }
        return inputs
    }
}

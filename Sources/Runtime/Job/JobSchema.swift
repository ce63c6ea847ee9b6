/// The JSON Schema (draft 2020-12) of a job document, generated from the same code that decodes jobs.
///
/// `schema/job.schema.json` is this output checked in; a test fails when they drift apart, and another
/// validates example and invalid jobs with both the decoder and an independent schema validator.
public enum JobSchema {
    public static func document(handlers: [any JobHandler]) -> JSONValue {
        let kinds = handlers.sorted { $0.kind < $1.kind }
        let perKind: [JSONValue] = kinds.map { handler in
            var inputProperties: [(key: String, value: JSONValue)] = []
            for spec in handler.inputs {
                inputProperties.append((key: spec.name, value: .object(["$ref": .string("#/$defs/url")])))
            }
            let required = handler.inputs.filter(\.required).map { JSONValue.string($0.name) }
            var inputs: [(key: String, value: JSONValue)] = [
                ("type", .string("object")), ("properties", .object(inputProperties)), ("additionalProperties", .bool(false)),
            ]
            if !required.isEmpty { inputs.append(("required", .array(required))) }
            var then: [(key: String, value: JSONValue)] = [
                ("properties", .object(["params": handler.paramsSchema, "inputs": .object(inputs)]))
            ]
            if !handler.jobRules.isEmpty { then.append(("allOf", .array(handler.jobRules))) }
            return .object([
                "if": .object(["properties": .object(["kind": .object(["const": .string(handler.kind)])])]),
                "then": .object(then),
            ])
        }
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string("https://onejob.dev/schema/job.schema.json"),
            "title": .string("onejob job document (onejob/v1)"),
            "type": .string("object"),
            "required": .array([.string("kind")]),
            "additionalProperties": .bool(false),
            "properties": .object([
                "apiVersion": .object(["const": .string(Job.apiVersion), "default": .string(Job.apiVersion)]),
                "id": .object([
                    "type": .string("string"), "pattern": .string(JobLimits.idPattern),
                    "description": .string("Default: the first 16 hex digits of the SHA-256 of the canonical normalised job without id, output and callback."),
                ]),
                "kind": .object(["enum": .array(kinds.map { .string($0.kind) })]),
                "params": .object(["type": .string("object")]),
                "inputs": .object(["type": .string("object"), "maxProperties": .number(Double(JobLimits.maxInputs))]),
                "output": .object([
                    "type": .string("string"), "minLength": .number(1),
                    "description": .string("s3://bucket/prefix/, file:///dir or a path; files go to <output>/<id>/ unless it contains {id}. Default ./out"),
                ]),
                "timeoutSeconds": .object([
                    "type": .string("integer"), "minimum": .number(Double(JobLimits.timeoutRange.lowerBound)),
                    "maximum": .number(Double(JobLimits.timeoutRange.upperBound)),
                    "default": .number(Double(JobLimits.defaultTimeoutSeconds)),
                ]),
                "callback": .object(["type": .string("string"), "pattern": .string("^https?://")]),
            ]),
            "allOf": .array(perKind),
            "$defs": .object([
                "url": .object(["type": .string("string"), "pattern": .string("^(https|s3|file|http)://")])
            ]),
        ])
    }
}

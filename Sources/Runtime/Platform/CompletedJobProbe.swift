import Foundation

/// Tells whether a job already has a `result.json` saying `succeeded` for the same id (the job hash),
/// so a retried batch task does not redo finished work.
public protocol CompletedJobProbe: Sendable {
    func hasSucceeded(id: String, at location: OutputLocation) async -> Bool
}

/// Local outputs: read `<dir>/result.json` (``StoredResultProbe`` covers S3 prefixes too).
public struct LocalCompletedJobProbe: CompletedJobProbe {
    public init() {}

    public func hasSucceeded(id: String, at location: OutputLocation) async -> Bool {
        guard case .local(let directory) = location,
            let data = FileManager.default.contents(atPath: directory + "/result.json"),
            let result = try? JSONParser.parse(Array(data))
        else { return false }
        return Self.succeeded(result, id: id)
    }

    /// A result vouches for a job only when it is that job's (same id) and it succeeded.
    public static func succeeded(_ result: JSONValue, id: String) -> Bool {
        result["id"]?.stringValue == id && result["status"]?.stringValue == "succeeded"
    }
}

/// The few lines Kubernetes keeps from a finished container (`/dev/termination-log`, at most 4 KiB),
/// shown by `kubectl describe pod` and in the Job's status.
public enum TerminationSummary {
    public static let limit = 4096

    /// Compact JSON of status, class, exit code, message and result URL, never over `limit` bytes:
    /// the message is shortened (on a character boundary) to fit.
    public static func text(for report: RunReport, limit: Int = TerminationSummary.limit) -> String {
        func render(_ message: String?) -> String {
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(report.result.id)),
                ("status", .string(report.result.status)),
                ("class", .string(report.exitCode.className)),
                ("exitCode", .number(Double(report.exitCode.rawValue))),
            ]
            if let message { members.append(("message", .string(message))) }
            if let location = report.resultLocation { members.append(("result", .string(location))) }
            return JSONValue.object(members).compactText
        }
        let message = report.result.error?.message
        var text = render(message)
        guard text.utf8.count > limit, var shortened = message else { return text }
        // Each pass removes at least the excess (escapes can make a character cost up to 6 bytes).
        while text.utf8.count > limit && !shortened.isEmpty {
            let excess = text.utf8.count - limit
            shortened = String(shortened.dropLast(max(1, excess / 6 + 1)))
            text = render(shortened + "…")
        }
        return text.utf8.count <= limit ? text : render(nil)
    }
}

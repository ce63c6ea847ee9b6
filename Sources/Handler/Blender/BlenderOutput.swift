import Foundation
import Runtime

/// Reads what a Blender run printed: its version, our scripts' progress lines and error line.
///
/// The scripts talk to us through prefixed lines (`ONEJOB-PROGRESS: 50`,
/// `ONEJOB-ERROR: bad-input: …`) because Blender's own exit status says only "the script raised".
public enum BlenderOutput {
    public static let progressPrefix = "ONEJOB-PROGRESS: "
    public static let errorPrefix = "ONEJOB-ERROR: "

    /// The version from Blender's banner (`Blender 3.4.1`, its first stdout line), so no second
    /// Blender start is spent on `--version`.
    public static func version(fromStdout stdout: String) -> String? {
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            let words = line.split(separator: " ")
            if words.count >= 2, words[0] == "Blender", words[1].first?.isNumber == true {
                return String(words[1])
            }
        }
        return nil
    }

    /// The percentage in a progress line, clamped to 0...100; `nil` for any other line.
    public static func progress(inLine line: String) -> Double? {
        guard line.hasPrefix(progressPrefix),
            let value = Double(line.dropFirst(progressPrefix.count).trimmingCharacters(in: .whitespaces)),
            value.isFinite
        else { return nil }
        return min(max(value, 0), 100)
    }

    /// The script's error: its class (`bad-input`, `tool-failed`) and message, from the first error line.
    public static func scriptError(fromStderr stderr: String) -> (errorClass: String, message: String)? {
        for line in stderr.split(separator: "\n") {
            guard let start = line.range(of: errorPrefix) else { continue }
            let rest = line[start.upperBound...]
            guard let colon = rest.range(of: ": ") else { return ("tool-failed", String(rest)) }
            return (String(rest[..<colon.lowerBound]), String(rest[colon.upperBound...]))
        }
        return nil
    }

    /// The last few non-empty lines of `text`, joined, for an error message when the script said nothing.
    public static func tail(_ text: String, lines count: Int = 5) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .suffix(count)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " | ")
    }

    /// The error a failed run becomes: the script's own words when it printed an error line
    /// (`bad-input` → exit 65), otherwise Blender's exit status and the tail of its stderr (exit 70).
    public static func failure(of result: ToolResult, tool: String = "blender") -> JobError {
        if let scriptError = scriptError(fromStderr: result.stderr) {
            return scriptError.errorClass == "bad-input"
                ? .badInput(scriptError.message) : .toolFailed(scriptError.message)
        }
        let how: String
        switch result.termination {
        case .exited(let status): how = "exited with status \(status)"
        case .signaled(let signal): how = "was killed by signal \(signal)"
        }
        let tail = tail(result.stderr)
        return .toolFailed(tail.isEmpty ? "\(tool) \(how)" : "\(tool) \(how): \(tail)")
    }
}

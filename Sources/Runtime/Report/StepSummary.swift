import Foundation

/// The Markdown a job adds to the GitHub Actions run page (`GITHUB_STEP_SUMMARY`).
public enum StepSummary {
    /// A heading with the status, a table of outputs (size, SHA-256, link), the metrics and the preview.
    public static func markdown(for report: RunReport) -> String {
        let result = report.result
        var lines: [String] = []
        let icon = report.exitCode == .success ? "✅" : "❌"
        lines.append("### \(icon) onejob `\(result.id)` (\(result.kind ?? "unknown kind")): \(result.status)")
        lines.append("")
        if let error = result.error {
            lines.append("**\(error.code.className)** (exit \(error.code.rawValue)): \(cell(error.message))")
            lines.append("")
        }
        if !result.outputs.isEmpty {
            lines.append("| output | size | sha256 | link |")
            lines.append("|---|---:|---|---|")
            for output in result.outputs {
                let link = self.link(output).map { "[open](\($0))" } ?? "—"
                lines.append(
                    "| `\(cell(output.name))` | \(size(output.bytes)) | `\(output.sha256.prefix(12))…` | \(link) |")
            }
            lines.append("")
        }
        if let members = result.metrics.objectValue, !members.isEmpty {
            lines.append("| metric | value |")
            lines.append("|---|---|")
            for (key, value) in members {
                lines.append("| \(cell(key)) | \(cell(value.compactText)) |")
            }
            lines.append("")
        }
        if let preview = result.outputs.first(where: { $0.contentType == "image/png" }), let link = link(preview) {
            lines.append("Preview: [\(cell(preview.name))](\(link))")
            lines.append("")
            lines.append("![preview](\(link))")
            lines.append("")
        }
        if let location = report.resultLocation { lines.append("Result: `\(location)`") }
        lines.append("Total: \(Int(PhaseTimings.milliseconds(result.timings.total))) ms")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where a person can open the output: the presigned URL, else the object URL, else the local path.
    static func link(_ output: StoredOutput) -> String? {
        output.presignedURL ?? output.url ?? output.path
    }

    /// A table cell: pipes and line breaks would end the cell or the row.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// Bytes for people: 291,684 B (285 KiB).
    static func size(_ bytes: Int64) -> String {
        let grouped = bytes.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        guard bytes >= 1024 else { return "\(grouped) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(grouped) B (\(String(format: "%.1f", value)) \(units[unit]))"
    }
}

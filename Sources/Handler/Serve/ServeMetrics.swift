import Foundation
import Runtime
import Synchronization

/// The counters `GET /metrics` exposes in the Prometheus text format (version 0.0.4).
final class ServeMetrics: Sendable {
    /// Upper bounds of the job duration histogram, in seconds (jobs take seconds to an hour).
    static let buckets: [Double] = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]

    private struct State {
        var jobs: [String: Int] = [:]  // "kind\u{0}status" → count
        var bucketCounts = [Int](repeating: 0, count: ServeMetrics.buckets.count)
        var durationSum: Double = 0
        var durationCount = 0
        var uploadedBytes: Int64 = 0
        var rejected: [Int: Int] = [:]
    }

    private let state = Mutex(State())

    func record(_ report: RunReport, seconds: Double) {
        let kind = report.result.kind ?? "unknown"
        let bytes = report.result.outputs.reduce(Int64(0)) { $0 + $1.bytes }
        state.withLock { state in
            state.jobs[kind + "\u{0}" + report.result.status, default: 0] += 1
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { state.bucketCounts[index] += 1 }
            state.durationSum += seconds
            state.durationCount += 1
            state.uploadedBytes += bytes
        }
    }

    func reject(status: Int) {
        state.withLock { $0.rejected[status, default: 0] += 1 }
    }

    /// The exposition text; label values escaped as the format requires.
    func render() -> String {
        let state = self.state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP onejob_jobs_total Jobs finished, by kind and status.")
        lines.append("# TYPE onejob_jobs_total counter")
        for (key, count) in state.jobs.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            lines.append("onejob_jobs_total{kind=\"\(Self.escape(parts[0]))\",status=\"\(Self.escape(parts[1]))\"} \(count)")
        }
        lines.append("# HELP onejob_job_duration_seconds Wall time of finished jobs.")
        lines.append("# TYPE onejob_job_duration_seconds histogram")
        for (index, bound) in Self.buckets.enumerated() {
            lines.append("onejob_job_duration_seconds_bucket{le=\"\(Self.number(bound))\"} \(state.bucketCounts[index])")
        }
        lines.append("onejob_job_duration_seconds_bucket{le=\"+Inf\"} \(state.durationCount)")
        lines.append("onejob_job_duration_seconds_sum \(Self.number(state.durationSum))")
        lines.append("onejob_job_duration_seconds_count \(state.durationCount)")
        lines.append("# HELP onejob_uploaded_bytes_total Bytes of outputs stored.")
        lines.append("# TYPE onejob_uploaded_bytes_total counter")
        lines.append("onejob_uploaded_bytes_total \(state.uploadedBytes)")
        lines.append("# HELP onejob_requests_rejected_total Events refused before running, by HTTP status.")
        lines.append("# TYPE onejob_requests_rejected_total counter")
        for (status, count) in state.rejected.sorted(by: { $0.key < $1.key }) {
            lines.append("onejob_requests_rejected_total{code=\"\(status)\"} \(count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
    }
}

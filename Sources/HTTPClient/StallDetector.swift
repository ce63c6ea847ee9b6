/// Decides when a transfer has stalled: fewer than `limit` bytes per second over the last `window`.
///
/// libcurl's own low-speed check reports the same error code as the total timeout, so the two could only be
/// told apart by parsing its message; doing the check here makes "stalled" a distinct, testable outcome.
/// Samples are kept at most every `window / 8`, so memory stays constant however often libcurl reports
/// progress, and a stall is reported between `window` and `window * 9/8` after progress stopped.
/// Pure: time comes in as a parameter.
struct StallDetector: Sendable {
    private let limit: Int64
    private let window: Duration
    private let sampleSpacing: Duration
    private var samples: [(time: Duration, bytes: Int64)] = []

    /// - Parameters:
    ///   - limit: minimum average speed, bytes per second.
    ///   - window: how long the speed may stay below `limit`.
    init(limit: Int, window: Duration) {
        self.limit = Int64(max(limit, 1))
        self.window = window
        self.sampleSpacing = window / 8
    }

    /// Records progress and says whether the transfer is stalled.
    /// - Parameters:
    ///   - now: monotonic time since any fixed origin.
    ///   - bytes: total bytes moved so far (both directions).
    mutating func observe(now: Duration, bytes: Int64) -> Bool {
        guard let last = samples.last, bytes >= last.bytes else {
            // First report, or libcurl restarted its counters (a redirect or a rewind): a new measurement.
            samples = [(now, bytes)]
            return false
        }
        if now - last.time >= sampleSpacing { samples.append((now, bytes)) }
        // Keep exactly one sample at least `window` old as the baseline; drop older ones.
        while samples.count > 1 && now - samples[1].time >= window { samples.removeFirst() }
        guard let baseline = samples.first, now - baseline.time >= window else { return false }
        let elapsed = now - baseline.time
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(bytes - baseline.bytes) < Double(limit) * seconds
    }
}

/// Decides which progress readings become `.progress` events: at most one per interval, and only
/// when the percentage went up (tools restart their counters per stage; receivers want a bar that
/// never goes back).
public struct ProgressThrottle: Sendable {
    public var interval: Duration
    private var lastPercent: Int = -1
    private var lastSent: Duration?

    public init(interval: Duration = .seconds(1)) {
        self.interval = interval
    }

    /// The whole percentage to send for a reading `percent` at time `now` (any monotonic origin), or nil.
    public mutating func admit(_ percent: Double, at now: Duration) -> Int? {
        guard percent.isFinite else { return nil }
        let whole = Int(min(100, max(0, percent)).rounded(.down))
        guard whole > lastPercent else { return nil }
        if let lastSent, now - lastSent < interval { return nil }
        lastPercent = whole
        lastSent = now
        return whole
    }
}

/// Print durations as people read them on a quote: `4h 15m`, `29m`, `45s`.
public enum PrintTime {
    /// Hours and minutes (days folded into hours, seconds rounded up to the next minute: a quote
    /// should not promise less than the estimate); under a minute, seconds.
    public static func text(seconds: Int) -> String {
        guard seconds >= 60 else { return "\(max(0, seconds))s" }
        let minutes = (seconds + 59) / 60
        let hours = minutes / 60
        return hours > 0 ? "\(hours)h \(minutes % 60)m" : "\(minutes)m"
    }
}

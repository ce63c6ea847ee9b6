/// Milliseconds spent in each phase of a job, for `result.json` and the benchmark.
public struct PhaseTimings: Sendable, Equatable {
    public var intake: Duration = .zero
    public var fetch: Duration = .zero
    public var tool: Duration = .zero
    public var upload: Duration = .zero
    public var total: Duration = .zero

    public init() {}

    public var json: JSONValue {
        .object([
            "intake": .number(Self.milliseconds(intake)), "fetch": .number(Self.milliseconds(fetch)),
            "tool": .number(Self.milliseconds(tool)), "upload": .number(Self.milliseconds(upload)),
            "total": .number(Self.milliseconds(total)),
        ])
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

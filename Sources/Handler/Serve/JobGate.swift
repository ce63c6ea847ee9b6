import Synchronization

/// Admission for `serve`: one job at a time (the container is sized for one tool run), and an event
/// delivered twice (same `source` + `id`) is answered from the first run instead of running again.
final class JobGate: Sendable {
    /// What a finished event was answered with, replayed for a duplicate delivery.
    struct Answer: Sendable, Equatable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    enum Admission: Equatable {
        case run
        case busy
        case duplicate(Answer)
    }

    private struct State {
        var running: Set<String> = []
        var answers: [String: Answer] = [:]
        var finished = 0
    }

    private let concurrency: Int
    private let state = Mutex(State())

    init(concurrency: Int = 1) {
        self.concurrency = concurrency
    }

    static func key(source: String, id: String) -> String { source + "\u{0}" + id }

    func admit(_ key: String) -> Admission {
        state.withLock { state in
            if let answer = state.answers[key] { return .duplicate(answer) }
            guard state.running.count < concurrency, !state.running.contains(key) else { return .busy }
            state.running.insert(key)
            return .run
        }
    }

    /// Records the answer; returns how many jobs have finished in this process. A retryable answer
    /// (5xx) is not kept, so the platform's redelivery runs the job again.
    func finish(_ key: String, answer: Answer) -> Int {
        state.withLock { state in
            state.running.remove(key)
            if answer.status < 500 { state.answers[key] = answer }
            state.finished += 1
            return state.finished
        }
    }
}

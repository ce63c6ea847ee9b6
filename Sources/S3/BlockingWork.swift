import Foundation

/// Runs CPU- or disk-bound synchronous work (hashing a file) on its own thread.
///
/// Hashing a gigabyte takes seconds; doing it on Swift's cooperative pool would stall every other task of the
/// job (on a 2-core container, all of them), so it runs on a dedicated thread the way the HTTP client runs
/// libcurl transfers.
enum BlockingWork {
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }
}

import Synchronization

/// A flag the cancelling task sets and the transfer thread polls from libcurl's progress callback.
///
/// libcurl has no thread-safe way to stop an easy handle from outside; returning non-zero from the
/// progress callback (called at least once a second, even when idle) is the documented way to abort.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

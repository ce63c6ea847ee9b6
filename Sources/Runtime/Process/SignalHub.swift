import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide delivery of signals to Swift code: a `sigaction` handler writes the signal number to
/// a pipe (the one thing a handler may safely do), a dedicated thread reads it and tells listeners.
///
/// Not dispatch signal sources: on Linux libdispatch arms a source asynchronously, and with the
/// signal ignored meanwhile a SIGTERM arriving in that window is lost. `sigaction` takes effect
/// before `install` returns. Caught signals revert to their default action on `exec`, and the
/// supervisor's children start with default dispositions anyway.
final class SignalHub: Sendable {
    static let shared = SignalHub()

    private struct State {
        var installed = Set<Int32>()
        var listeners: [UInt64: (signals: Set<Int32>, deliver: @Sendable (Int32) -> Void)] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    private init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
            signalPipeWriteEnd.store(fds[1], ordering: .releasing)
            let readEnd = fds[0]
            let thread = Thread { [weak self] in self?.readLoop(readEnd) }
            thread.name = "onejob-signals"
            thread.start()
        }
    }

    /// Starts catching `signals` (idempotent) and calls `deliver` for each one caught until removed.
    func add(signals: Set<Int32>, deliver: @escaping @Sendable (Int32) -> Void) -> UInt64 {
        state.withLock { state in
            for signo in signals where !state.installed.contains(signo) {
                var action = sigaction()
                #if canImport(Darwin)
                action.__sigaction_u.__sa_handler = signalPipeHandler
                #else
                action.__sigaction_handler.sa_handler = signalPipeHandler
                #endif
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_RESTART
                if sigaction(signo, &action, nil) == 0 { state.installed.insert(signo) }
            }
            state.nextToken += 1
            state.listeners[state.nextToken] = (signals, deliver)
            return state.nextToken
        }
    }

    /// Stops telling this listener. The handler stays installed: a signal nobody listens to is dropped,
    /// as if ignored, and restoring the default could kill the process on a late signal mid-cleanup.
    func remove(_ token: UInt64) {
        _ = state.withLock { $0.listeners.removeValue(forKey: token) }
    }

    private func readLoop(_ fd: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            let signo = Int32(byte)
            let targets = state.withLock { state in
                state.listeners.values.filter { $0.signals.contains(signo) }.map(\.deliver)
            }
            for deliver in targets { deliver(signo) }
        }
    }
}

/// The pipe's write end, read by the signal handler (an atomic: the handler may run on any thread).
private let signalPipeWriteEnd = Atomic<Int32>(-1)

/// Async-signal-safe: one `write(2)` of the signal number; errors (a full pipe) are ignored.
private func signalPipeHandler(_ signo: Int32) {
    var byte = UInt8(truncatingIfNeeded: signo)
    let fd = signalPipeWriteEnd.load(ordering: .acquiring)
    if fd >= 0 { _ = write(fd, &byte, 1) }
}

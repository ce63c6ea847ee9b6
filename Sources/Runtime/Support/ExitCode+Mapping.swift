/// The single mapping from any error to an exit code.
extension ExitCode {
    public init(for error: any Error) {
        switch error {
        case let error as JobError: self = error.code
        case let error as any ExitClassified: self = error.exitCode
        case is CancellationError: self = .cancelled
        default: self = .toolFailed
        }
    }
}

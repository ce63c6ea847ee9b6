import HTTPClient
import S3

/// How errors of the storage and transport modules become exit codes: the one place they are mapped.
extension S3Error: ExitClassified {
    public var exitCode: ExitCode {
        switch classification {
        case .accessDenied: .accessDenied
        case .notFound: .badInput
        case .invalidRequest: .badInput
        case .transient: .ioFailed
        case .throttled: .temporary
        case .credentialsUnavailable: .temporary
        case .cancelled: .cancelled
        case .localIO: .ioFailed
        case .invalidConfiguration: .invalidJob
        }
    }
}

/// Credentials that cannot be found or fetched are a temporary condition (exit 75): the role, the
/// metadata endpoint or the token file may appear on a retry.
extension CredentialsError: ExitClassified {
    public var exitCode: ExitCode { .temporary }
}

/// Transport failures that outlived their retries are I/O failures (74); a body over its cap is an
/// unusable input (65).
extension HTTPClientError: ExitClassified {
    public var exitCode: ExitCode {
        switch code {
        case .tooLarge: .badInput
        case .cancelled: .cancelled
        default: .ioFailed
        }
    }
}

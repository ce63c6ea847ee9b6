import S3

/// Credentials that cannot be found or fetched are a temporary condition (exit 75): the role, the
/// metadata endpoint or the token file may appear on a retry.
extension CredentialsError: ExitClassified {
    public var exitCode: ExitCode { .temporary }
}

import S3
import SigV4

/// Teaches the redactor every secret a credentials provider hands out.
///
/// The environment's keys are known at start-up; credentials from the container agent, STS (web identity)
/// or IMDS only exist once fetched, and a message that later quotes one (an error body, a debug line)
/// must be masked like the environment's.
public struct RedactingCredentialsProvider: CredentialsProviding {
    public let base: any CredentialsProviding
    public let redactor: Redactor

    public init(_ base: any CredentialsProviding, redactor: Redactor) {
        self.base = base
        self.redactor = redactor
    }

    public func credentials() async throws -> Credentials {
        let credentials = try await base.credentials()
        redactor.add(credentials.secretAccessKey)
        if let token = credentials.sessionToken { redactor.add(token) }
        return credentials
    }

    public func invalidate() async {
        await base.invalidate()
    }
}

import Foundation
import HTTPClient
import Runtime
import S3

/// The process's S3 client, built on first use from the environment: jobs with local output and
/// no s3:// inputs never need credentials, so a missing configuration only fails jobs that use S3.
final class S3Access: Sendable {
    private let result: Result<S3Client, any Error>

    init(environment: Runtime.Environment, transport: any HTTPTransport, redactor: Redactor) {
        result = Result {
            let configuration = try S3Configuration(environment: environment.values)
            let credentials = RedactingCredentialsProvider(
                CachedCredentialsProvider.standardChain(environment: environment.values, transport: transport, now: { Date() }),
                redactor: redactor)
            return try S3Client(configuration: configuration, transport: transport, credentials: credentials)
        }
    }

    func client() throws -> S3Client {
        try result.get()
    }
}

/// An `s3://` fetcher that reports the configuration problem when used.
struct S3AccessFetcher: InputFetching {
    let access: S3Access

    func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        try await S3Fetcher(client: access.client()).fetch(url, to: destination, maxBytes: maxBytes)
    }
}

import Foundation
import S3
import SigV4
import Testing

@testable import Runtime

/// Secrets learnt after start-up (from a credentials provider) are masked by every copy of the redactor,
/// including the one the log handler captured at bootstrap; error texts going into results are masked too.
@Suite struct RedactorLearningTests {
    struct FixedProvider: CredentialsProviding {
        func credentials() async throws -> Credentials {
            Credentials(accessKeyId: "ASIAFIXED", secretAccessKey: "learnt-secret-key-0123", sessionToken: "learnt/token+value=")
        }
    }

    @Test func providerCredentialsReachEveryCopy() async throws {
        let redactor = Redactor()
        let bootstrapCopy = redactor
        #expect(bootstrapCopy.redact("learnt-secret-key-0123") == "learnt-secret-key-0123")
        _ = try await RedactingCredentialsProvider(FixedProvider(), redactor: redactor).credentials()
        #expect(bootstrapCopy.redact("key learnt-secret-key-0123 end") == "key *** end")
        // The token as written and as written in a query string.
        #expect(bootstrapCopy.redact("t=learnt/token+value=") == "t=***")
        #expect(bootstrapCopy.redact("t=learnt%2Ftoken%2Bvalue%3D&x=1") == "t=***&x=1")
    }

    @Test func bearerTokensAreMaskedWithAndWithoutTheScheme() {
        let redactor = Redactor(environment: Environment(["AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer pod-token-0123456789"]))
        #expect(redactor.redact("Authorization: Bearer pod-token-0123456789") == "Authorization: ***")
        #expect(redactor.redact("token pod-token-0123456789 refused") == "token *** refused")
    }

    @Test func jobErrorsAreMaskedInMessageAndDetail() {
        let signature = String(repeating: "ab", count: 32)
        let error = JobError(.invalidJob, "inputs.x has no host: \"https:///k?X-Amz-Signature=\(signature)\"", detail: ["url": "https:///k?X-Amz-Signature=\(signature)"])
        let redacted = Redactor().redact(error)
        #expect(!redacted.message.contains(signature) && redacted.message.contains("X-Amz-Signature=***"))
        #expect(redacted.detail["url"] == "https:///k?X-Amz-Signature=***")
        #expect(redacted.code == .invalidJob)
    }
}

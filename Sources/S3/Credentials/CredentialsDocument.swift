import Foundation
import SigV4

/// The JSON credentials document the container endpoint and IMDS both serve.
///
/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`, plus IMDS's `"Code": "Success"`.
/// A decoding failure is reported by field name only: the body holds secrets and must not reach a message.
enum CredentialsDocument {
    private struct Body: Decodable {
        var accessKeyId: String?
        var secretAccessKey: String?
        var token: String?
        var expiration: String?
        var code: String?

        enum CodingKeys: String, CodingKey {
            case accessKeyId = "AccessKeyId"
            case secretAccessKey = "SecretAccessKey"
            case token = "Token"
            case expiration = "Expiration"
            case code = "Code"
        }
    }

    static func parse(_ bytes: [UInt8], provider: String) throws(CredentialsError) -> Credentials {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch {
            throw malformed(provider, "the credentials response is not a JSON object")
        }
        if let code = body.code, code != "Success" {
            throw malformed(provider, "the credentials response has Code \(code.prefix(64))")
        }
        guard let accessKeyId = body.accessKeyId, !accessKeyId.isEmpty else {
            throw malformed(provider, "the credentials response has no AccessKeyId")
        }
        guard let secretAccessKey = body.secretAccessKey, !secretAccessKey.isEmpty else {
            throw malformed(provider, "the credentials response has no SecretAccessKey")
        }
        var expiration: Date?
        if let text = body.expiration {
            guard let date = CredentialsTimestamp.parse(text) else {
                throw malformed(provider, "the credentials response has an unreadable Expiration")
            }
            expiration = date
        }
        return Credentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: body.token.flatMap { $0.isEmpty ? nil : $0 },
            expiration: expiration
        )
    }

    private static func malformed(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.malformedResponse, provider: provider, message: message)
    }
}

import Foundation
import SigV4

/// The JSON credentials document the container endpoint and IMDS both serve.
///
/// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`, plus IMDS's `"Code": "Success"`.
/// A decoding failure is reported by field name only: the body holds secrets and must not reach a message.
enum CredentialsDocument {
    private struct Body: Decodable {
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var Token: String?
        var Expiration: String?
        var Code: String?
    }

    static func parse(_ bytes: [UInt8], provider: String) throws(CredentialsError) -> Credentials {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch {
            throw malformed(provider, "the credentials response is not a JSON object")
        }
        if let code = body.Code, code != "Success" {
            throw malformed(provider, "the credentials response has Code \(code.prefix(64))")
        }
        guard let accessKeyId = body.AccessKeyId, !accessKeyId.isEmpty else {
            throw malformed(provider, "the credentials response has no AccessKeyId")
        }
        guard let secretAccessKey = body.SecretAccessKey, !secretAccessKey.isEmpty else {
            throw malformed(provider, "the credentials response has no SecretAccessKey")
        }
        var expiration: Date?
        if let text = body.Expiration {
            guard let date = CredentialsTimestamp.parse(text) else {
                throw malformed(provider, "the credentials response has an unreadable Expiration")
            }
            expiration = date
        }
        return Credentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: body.Token.flatMap { $0.isEmpty ? nil : $0 },
            expiration: expiration
        )
    }

    private static func malformed(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.malformedResponse, provider: provider, message: message)
    }
}

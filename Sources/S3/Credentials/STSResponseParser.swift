import Foundation
import SigV4

/// Reads the few fields onejob needs from STS's XML answers.
///
/// A full XML parser would mean linking libxml2 (FoundationXML) into the binary for four leaf elements; STS
/// documents are flat, machine-written and never use CDATA, so ``S3XML``'s scanner is exact for them too.
enum STSResponseParser {
    /// The credentials of an `AssumeRoleWithWebIdentityResponse`.
    static func credentials(_ bytes: [UInt8], provider: String) throws(CredentialsError) -> Credentials {
        let xml = String(decoding: bytes, as: UTF8.self)
        // The container stays undecoded: decoding first could turn `&lt;` in a value into markup.
        guard let block = S3XML.elements("Credentials", in: xml).first else {
            throw malformed(provider, "the STS response has no Credentials element")
        }
        guard let accessKeyId = S3XML.value("AccessKeyId", in: block), !accessKeyId.isEmpty,
            let secretAccessKey = S3XML.value("SecretAccessKey", in: block), !secretAccessKey.isEmpty,
            let sessionToken = S3XML.value("SessionToken", in: block), !sessionToken.isEmpty
        else {
            throw malformed(provider, "the STS response lacks AccessKeyId, SecretAccessKey or SessionToken")
        }
        guard let expirationText = S3XML.value("Expiration", in: block),
            let expiration = CredentialsTimestamp.parse(expirationText)
        else {
            throw malformed(provider, "the STS response has no readable Expiration")
        }
        return Credentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: sessionToken,
            expiration: expiration
        )
    }

    /// `Code` and `Message` of an STS `ErrorResponse`, when the body is one.
    static func error(_ bytes: [UInt8]) -> (code: String, message: String)? {
        let xml = String(decoding: bytes, as: UTF8.self)
        guard let block = S3XML.elements("Error", in: xml).first, let code = S3XML.value("Code", in: block)
        else { return nil }
        return (code, S3XML.value("Message", in: block) ?? "")
    }

    private static func malformed(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.malformedResponse, provider: provider, message: message)
    }
}

import Foundation
import SigV4

/// Reads the few fields onejob needs from STS's XML answers.
///
/// A full XML parser would mean linking libxml2 (FoundationXML) into the binary for four leaf elements; STS
/// documents are flat, machine-written and never use CDATA, so finding an element by name and decoding the
/// five predefined entities (plus numeric references) is exact for them.
enum STSResponseParser {
    /// The credentials of an `AssumeRoleWithWebIdentityResponse`.
    static func credentials(_ bytes: [UInt8], provider: String) throws(CredentialsError) -> Credentials {
        let xml = String(decoding: bytes, as: UTF8.self)
        guard let block = elementText("Credentials", in: xml, decode: false) else {
            throw malformed(provider, "the STS response has no Credentials element")
        }
        guard let accessKeyId = elementText("AccessKeyId", in: block), !accessKeyId.isEmpty,
            let secretAccessKey = elementText("SecretAccessKey", in: block), !secretAccessKey.isEmpty,
            let sessionToken = elementText("SessionToken", in: block), !sessionToken.isEmpty
        else {
            throw malformed(provider, "the STS response lacks AccessKeyId, SecretAccessKey or SessionToken")
        }
        guard let expirationText = elementText("Expiration", in: block),
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
        guard let block = elementText("Error", in: xml, decode: false), let code = elementText("Code", in: block)
        else { return nil }
        return (code, elementText("Message", in: block) ?? "")
    }

    /// The content of the first element called `name`, or nil when there is none.
    /// - Parameter decode: replace entity and character references; off for containers whose children are
    ///   parsed further (decoding first could turn `&lt;` in a value into markup).
    static func elementText(_ name: String, in xml: String, decode: Bool = true) -> String? {
        var searchStart = xml.startIndex
        while let open = xml.range(of: "<\(name)", range: searchStart..<xml.endIndex) {
            searchStart = open.upperBound
            guard let next = xml[open.upperBound...].first else { return nil }
            // `<Credentials` must not match `<CredentialsFoo>`.
            guard next == ">" || next == " " || next == "/" || next.isNewline || next == "\t" else { continue }
            guard let tagEnd = xml[open.upperBound...].firstIndex(of: ">") else { return nil }
            if xml[xml.index(before: tagEnd)] == "/" { return "" }
            let contentStart = xml.index(after: tagEnd)
            guard let close = xml.range(of: "</\(name)>", range: contentStart..<xml.endIndex) else { return nil }
            let content = String(xml[contentStart..<close.lowerBound])
            return decode ? decodeEntities(content) : content
        }
        return nil
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += rest[amp...]
                return out
            }
            let entity = rest[rest.index(after: amp)..<semi]
            if let replacement = replacement(for: entity) {
                out += replacement
            } else {
                out += rest[amp...semi]
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    private static func replacement(for entity: Substring) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let value: UInt32?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                value = UInt32(entity.dropFirst(2), radix: 16)
            } else if entity.hasPrefix("#") {
                value = UInt32(entity.dropFirst(), radix: 10)
            } else {
                value = nil
            }
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    private static func malformed(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.malformedResponse, provider: provider, message: message)
    }
}

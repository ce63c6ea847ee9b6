import Synchronization

/// Removes secrets from text before it is logged, reported or written to `result.json`.
///
/// Two nets: the exact values of the credentials this process holds (however they got into a
/// message), and the shapes of signed material (`X-Amz-Signature=…`, `Signature=…`, `X-Amz-Security-Token=…`).
/// Copies share one set of secrets, so credentials a provider hands out after start-up (container, web
/// identity, IMDS) are masked by the log handler bootstrapped before they existed.
public struct Redactor: Sendable {
    public static let mask = "***"
    private let secrets: SecretSet

    public init(secrets: [String] = []) {
        self.secrets = SecretSet()
        for secret in secrets { add(secret) }
    }

    /// Secrets found in the environment: credential values, never their names.
    public init(environment: Environment) {
        let keys = [
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "GITHUB_TOKEN",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN",
        ]
        self.init(secrets: keys.compactMap { environment[$0] })
    }

    /// Adds a secret learnt at run time (credentials from a provider); every copy of this redactor masks it
    /// from now on. Values shorter than 8 characters are ignored: masking them would garble ordinary text.
    public func add(_ secret: String) {
        guard secret.count >= 8 else { return }
        secrets.insert(secret)
        // `Bearer <token>`: the token alone may be echoed too.
        if let space = secret.firstIndex(of: " "), secret[space...].count > 8 {
            secrets.insert(String(secret[secret.index(after: space)...]))
        }
    }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in secrets.values {
            for form in Self.forms(of: secret) where text.contains(form) {
                text = text.replacingOccurrences(of: form, with: Self.mask)
            }
        }
        for marker in ["X-Amz-Signature=", "X-Amz-Security-Token=", "X-Amz-Credential=", "Signature="] {
            text = Self.maskValues(after: marker, in: text)
        }
        return text
    }

    /// The error with its message and detail masked, as it goes into `result.json` and the reports.
    public func redact(_ error: JobError) -> JobError {
        JobError(error.code, redact(error.message), detail: error.detail.mapValues { redact($0) })
    }

    /// A secret as written in a message and as written in a URL's query (session tokens hold `/`, `+`, `=`).
    static func forms(of secret: String) -> [String] {
        var encoded = ""
        for byte in secret.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return encoded == secret ? [secret] : [secret, encoded]
    }

    /// Masks what follows `marker` up to the next delimiter, keeping the marker for context.
    private static func maskValues(after marker: String, in text: String) -> String {
        guard text.contains(marker) else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex(where: { $0 == "&" || $0 == "," || $0 == " " || $0 == "\"" || $0 == "\n" }) ?? rest.endIndex
            if end != rest.startIndex { result += mask }
            rest = rest[end...]
        }
        return result + rest
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// The secrets a redactor and its copies mask, longest first so a secret containing another is masked whole.
final class SecretSet: Sendable {
    private let storage = Mutex<[String]>([])

    func insert(_ secret: String) {
        storage.withLock { values in
            guard !values.contains(secret) else { return }
            values.append(secret)
            values.sort { $0.count > $1.count }
        }
    }

    var values: [String] { storage.withLock { $0 } }
}

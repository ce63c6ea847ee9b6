/// Removes secrets from text before it is logged, reported or written to `result.json`.
///
/// Two nets: the exact values of the credentials this process holds (however they got into a
/// message), and the shapes of signed material (`X-Amz-Signature=…`, `Signature=…`, `X-Amz-Security-Token=…`).
public struct Redactor: Sendable {
    public static let mask = "***"
    private var secrets: [String]

    public init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= 8 }
    }

    /// Secrets found in the environment: credential values, never their names.
    public init(environment: Environment) {
        let keys = [
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "GITHUB_TOKEN",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN",
        ]
        self.init(secrets: keys.compactMap { environment[$0] })
    }

    /// Adds a secret learnt at run time (credentials from a provider).
    public mutating func add(_ secret: String) {
        if secret.count >= 8, !secrets.contains(secret) { secrets.append(secret) }
    }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Self.mask)
        }
        for marker in ["X-Amz-Signature=", "X-Amz-Security-Token=", "X-Amz-Credential=", "Signature="] {
            text = Self.maskValues(after: marker, in: text)
        }
        return text
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

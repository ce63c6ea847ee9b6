import Foundation

/// Searches what a process left behind (log lines, `result.json`, GitHub files, callback bodies…) for
/// credentials in clear, and says where each one leaked.
///
/// The rule it enforces (README, "Secrets"): secret keys, session tokens, authorization tokens and
/// request signatures never appear anywhere. The one exception is a whole presigned URL in a *product*
/// channel — `result.json` and its copies, `GITHUB_OUTPUT`, the step summary, `onejob put --presign` —
/// because handing out that link is the point; its `X-Amz-Signature` (and, with temporary credentials,
/// its `X-Amz-Security-Token`) are then part of the link, never loose. "As a link" means the value of a
/// `presignedUrl` member or a Markdown link target: the same URL inside an error message is a leak. `::add-mask::` lines exist to
/// register secrets with GitHub and are the only lines allowed to name one.
public struct SecretScan: Sendable {
    /// A value that must not appear, and the name a leak report uses instead of it.
    public struct Secret: Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Where text was captured: log-like channels allow nothing, product channels allow whole presigned URLs.
    public enum Channel: Sendable {
        case restricted
        case product
    }

    /// One secret found in clear.
    public struct Leak: Sendable, CustomStringConvertible {
        public var source: String
        public var line: Int
        public var what: String
        /// The surrounding text with every known secret replaced by its name, so the report is safe to print.
        public var context: String

        public var description: String { "\(source):\(line): \(what) in clear: …\(context)…" }
    }

    public var secrets: [Secret]

    public init(secrets: [Secret]) {
        self.secrets = secrets.filter { !$0.value.isEmpty }
    }

    /// Every leak in `text`, captured from `source` through `channel`.
    public func leaks(in text: String, source: String, channel: Channel) -> [Leak] {
        var leaks: [Leak] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if rawLine.hasPrefix("::add-mask::") { continue }
            var line = String(rawLine)
            if channel == .product { line = Self.removingPresignedURLs(line) }
            for secret in secrets {
                for form in Self.forms(of: secret.value) where line.contains(form) {
                    leaks.append(leak(source, index + 1, secret.name, around: form, in: line))
                    break
                }
            }
            for (pattern, what) in Self.signedMaterial {
                if let match = line.firstMatch(of: pattern) {
                    leaks.append(leak(source, index + 1, what, around: String(match.output), in: line))
                }
            }
        }
        return leaks
    }

    /// Leaks in every regular file under `directory` (recursively), all read through `channel`.
    public func leaks(inFilesUnder directory: String, channel: Channel) -> [Leak] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var leaks: [Leak] = []
        for case let relative as String in walker {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            leaks += self.leaks(in: String(decoding: data, as: UTF8.self), source: path, channel: channel)
        }
        return leaks
    }

    /// A report of `leaks` for a test failure, one per line.
    public static func report(_ leaks: [Leak]) -> String {
        leaks.isEmpty ? "no leaks" : leaks.map(\.description).joined(separator: "\n")
    }

    // MARK: - Matching

    /// Signatures and tokens recognised by their shape, whatever credentials made them: a SigV4 header
    /// or query signature (64 hex digits), a security token parameter that is not masked.
    static var signedMaterial: [(Regex<Substring>, String)] {
        [
            (/Signature=[0-9a-fA-F]{64}/, "a request signature"),
            (/X-Amz-Security-Token=(?!\*\*\*)[^&\s"]{8,}/, "a security token parameter"),
            (/X-Amz-Signature=(?!\*\*\*)[^&\s"]{8,}/, "a presigned signature"),
        ]
    }

    /// A presigned URL handed out as a link: the value of a `presignedUrl` member (result.json, the step
    /// outputs, `put`) or the target of a Markdown link (the step summary). It runs from its scheme to the
    /// first character a URL cannot hold unescaped. The same URL quoted in an error message is a leak.
    static var presignedLink: Regex<(Substring, Substring)> {
        /("presignedUrl":\s*"|\]\()https?:\/\/[^\s"'<>()\\|]*X-Amz-Signature=[0-9a-fA-F]{64}[^\s"'<>()\\|]*/
    }

    static func removingPresignedURLs(_ line: String) -> String {
        line.replacing(presignedLink) { match in match.output.1 + "<presigned-url>" }
    }

    /// The ways a value can be written: as is, percent-encoded (query strings), JSON-escaped.
    static func forms(of value: String) -> [String] {
        var forms = [value]
        var encoded = ""
        for byte in value.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
                encoded.append(character)
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        forms.append(encoded)
        forms.append(value.replacingOccurrences(of: "/", with: "\\/"))
        return Array(Set(forms))
    }

    private func leak(_ source: String, _ line: Int, _ what: String, around found: String, in text: String) -> Leak {
        var context = text
        if let range = text.range(of: found) {
            let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
            let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
            context = String(text[start..<end])
        }
        for secret in secrets {
            for form in Self.forms(of: secret.value) {
                context = context.replacingOccurrences(of: form, with: "<\(secret.name)>")
            }
        }
        context = context.replacing(/[0-9a-fA-F]{64}/, with: "<64 hex digits>")
        return Leak(source: source, line: line, what: what, context: context)
    }
}

/// The text formats GitHub Actions reads from a step: workflow commands on stdout and the
/// `GITHUB_OUTPUT` file. Pure functions, so the escaping rules are tested on their own.
public enum GitHubCommands {
    /// `::add-mask::value`: the runner replaces `value` with `***` in every later log line.
    public static func mask(_ value: String) -> String {
        "::add-mask::\(escapeData(value))\n"
    }

    /// `::error title=…::message`, an annotation on the run's summary page.
    public static func error(title: String, message: String) -> String {
        "::error title=\(escapeProperty(title))::\(escapeData(message))\n"
    }

    /// Workflow command data: `%`, CR and LF are percent-encoded (the runner decodes them back).
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Workflow command properties also encode `:` and `,`, which delimit them.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// One `GITHUB_OUTPUT` entry in the heredoc form, safe for any value (multiline JSON included).
    ///
    /// The delimiter is random so a value cannot end the entry early; should the value contain it
    /// anyway, the caller's generator is asked again.
    public static func outputEntry(name: String, value: String, delimiter makeDelimiter: () -> String) -> String {
        var delimiter = makeDelimiter()
        while value.contains(delimiter) || name.contains(delimiter) { delimiter = makeDelimiter() }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }

    /// The query values that make a presigned URL a credential: masked before the URL is ever printed.
    public static func presignedSecrets(in url: String) -> [String] {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
        let secretNames: Set<String> = ["x-amz-signature", "x-amz-credential", "x-amz-security-token", "signature"]
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, secretNames.contains(parts[0].lowercased()), parts[1].count >= 8 else { return nil }
            return String(parts[1])
        }
    }
}

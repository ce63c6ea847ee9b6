import Foundation

@testable import SigV4

/// A parsed `.req` / `request.txt`: request line, `Name:value` headers (continuation lines kept with their
/// line break, for the signer to fold), blank line, body.
struct RequestFile {
    var method: String
    /// The path exactly as in the request line (wire form, possibly sloppy: raw spaces or UTF-8).
    var path: String
    var query: [SigV4Request.QueryItem]
    var headers: [SigV4Request.Header]
    var body: [UInt8]

    enum ParseError: Error { case malformed(String) }

    init(parsing text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw ParseError.malformed("empty request") }
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "),
            let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace
        else { throw ParseError.malformed(requestLine) }
        method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = Self.parseQuery(String(target[target.index(after: mark)...]))
        } else {
            path = target
            query = []
        }
        headers = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody {
                bodyLines.append(line)
            } else if line.isEmpty {
                inBody = true
            } else if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
            } else {
                throw ParseError.malformed(line)
            }
        }
        body = Array(bodyLines.joined(separator: "\n").utf8)
    }

    /// Splits on `&` and the first `=`, then percent-decodes (the vectors mix encoded and raw UTF-8).
    static func parseQuery(_ query: String) -> [SigV4Request.QueryItem] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return .init(percentDecode(pair[..<equals]), percentDecode(pair[pair.index(after: equals)...]))
            }
            return .init(percentDecode(pair), "")
        }
    }

    static func percentDecode(_ text: Substring) -> String {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2,
                let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The header value of the first header with this name, case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

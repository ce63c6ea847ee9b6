/// A CloudEvent 1.0 as onejob sends and receives it: the context attributes and the data bytes.
///
/// Only the HTTP binary-mode header form lives here (callbacks send it, `serve` replies with it);
/// parsing incoming events is the server's business.
public struct CloudEvent: Sendable, Equatable {
    public static let specVersion = "1.0"

    public var id: String
    public var source: String
    public var type: String
    public var subject: String?
    public var time: String?
    public var dataContentType: String?
    /// Extension attributes (`traceparent`, …), lower-case names.
    public var extensions: [String: String]
    public var data: [UInt8]

    public init(
        id: String, source: String, type: String, subject: String? = nil, time: String? = nil,
        dataContentType: String? = "application/json", extensions: [String: String] = [:], data: [UInt8] = []
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.subject = subject
        self.time = time
        self.dataContentType = dataContentType
        self.extensions = extensions
        self.data = data
    }

    /// HTTP binary mode: attributes as `ce-` headers (values percent-encoded per the HTTP binding),
    /// `datacontenttype` as `Content-Type`, data as the body.
    public var binaryHeaders: [(String, String)] {
        var headers: [(String, String)] = [
            ("ce-specversion", Self.specVersion), ("ce-id", Self.encodeHeader(id)),
            ("ce-source", Self.encodeHeader(source)), ("ce-type", Self.encodeHeader(type)),
        ]
        if let subject { headers.append(("ce-subject", Self.encodeHeader(subject))) }
        if let time { headers.append(("ce-time", Self.encodeHeader(time))) }
        for (name, value) in extensions.sorted(by: { $0.key < $1.key }) {
            headers.append(("ce-\(name)", Self.encodeHeader(value)))
        }
        if let dataContentType { headers.append(("Content-Type", dataContentType)) }
        return headers
    }

    /// The HTTP binding's header encoding: UTF-8, then percent-encode space, `"`, `%` and every byte
    /// outside printable ASCII.
    public static func encodeHeader(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            if byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x25 {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The reverse of ``encodeHeader(_:)``; nil when the escapes are malformed or the bytes are not UTF-8.
    public static func decodeHeader(_ value: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let decoded = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(decoded)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

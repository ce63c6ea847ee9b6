/// How an ``HTTPRequest`` maps onto libcurl options: which method switch to use and which header lines to send.
///
/// Pure and separate from the handle so the rules (header injection checks, suppressed defaults) are tested
/// without a server.
struct CurlRequestPlan: Sendable, Equatable {
    enum Method: Sendable, Equatable {
        /// `CURLOPT_HTTPGET`.
        case get
        /// `CURLOPT_NOBODY`: libcurl must not wait for a body after a HEAD.
        case head
        /// `CURLOPT_UPLOAD` (PUT) with `CURLOPT_INFILESIZE_LARGE`.
        case upload
        /// `CURLOPT_POST` with `CURLOPT_POSTFIELDSIZE_LARGE`, renamed by `CURLOPT_CUSTOMREQUEST` when not POST.
        case post(customMethod: String?)
        /// `CURLOPT_CUSTOMREQUEST` on a body-less request (DELETE, OPTIONS…).
        case custom(String)
    }

    var method: Method
    var headerLines: [String]

    /// - Throws: ``HTTPClientError`` `.invalidRequest` for a malformed method or header, a HEAD with a body,
    ///   or a Content-Length header that contradicts the body.
    init(request: HTTPRequest, bodyLength: Int64) throws {
        let name = request.method
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isUpperToken) else {
            throw HTTPClientError(.invalidRequest, function: "HTTPRequest", message: "invalid method")
        }
        let hasBody = request.body.isPresent
        switch name {
        case "HEAD":
            guard !hasBody else {
                throw HTTPClientError(.invalidRequest, function: "HTTPRequest", message: "HEAD cannot have a body")
            }
            method = .head
        case "GET" where !hasBody:
            method = .get
        case "PUT":
            method = .upload
        case "POST":
            method = .post(customMethod: nil)
        default:
            method = hasBody ? .post(customMethod: name) : .custom(name)
        }

        var lines: [String] = []
        var given: Set<String> = []
        for (field, value) in request.headers {
            guard !field.isEmpty, field.utf8.allSatisfy(Self.isToken) else {
                throw HTTPClientError(.invalidRequest, function: "HTTPRequest", message: "invalid header name")
            }
            // Only the name is reported: values may be signatures.
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw HTTPClientError(
                    .invalidRequest, function: "HTTPRequest", message: "control character in header \(field)")
            }
            let lower = field.lowercased()
            if lower == "content-length", hasBody, value.trimmingSpaces != String(bodyLength) {
                throw HTTPClientError(
                    .invalidRequest, function: "HTTPRequest", message: "content-length does not match the body")
            }
            given.insert(lower)
            // libcurl drops "Name:" (it means "remove this default"); "Name;" sends an empty header.
            lines.append(value.isEmpty ? "\(field);" : "\(field): \(value)")
        }
        if hasBody || method == .upload {
            // A body makes libcurl send `Expect: 100-continue` and wait for the server; S3 answers fine
            // without it and the round trip costs a second against servers that ignore it.
            if !given.contains("expect") { lines.append("Expect:") }
        }
        if case .post = method, !given.contains("content-type") {
            // libcurl would otherwise label every POST as a form.
            lines.append("Content-Type:")
        }
        headerLines = lines
    }

    /// RFC 9110 token characters.
    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func isUpperToken(_ byte: UInt8) -> Bool {
        isToken(byte) && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// The fuzz input framing for the CloudEvent target: header lines `name: value` up to an empty line,
/// then the body, as in HTTP/1.1.
///
/// Readable on purpose, so seeds are written by hand and a finding reads like the request that caused it.
/// Names are lower-cased as the HTTP server hands them over; values keep their raw bytes, which need
/// not be UTF-8 on the wire. Lines end with LF (a trailing CR is dropped).
struct HTTPMessage {
    var headers: [(name: String, value: [UInt8])] = []
    var body: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[index..<end]
            index = min(end + 1, bytes.count)
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty {
                body = Array(bytes[index...])
                return
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = line[line.index(after: colon)...].drop(while: { $0 == 0x20 || $0 == 0x09 })
            headers.append((name: name, value: Array(value)))
        }
    }
}

import Foundation
import Runtime

/// A CloudEvent received by `serve`, in binary or structured HTTP mode (batch mode is refused).
struct IncomingEvent: Sendable, Equatable {
    var id: String
    var source: String
    var type: String
    var traceparent: String?
    /// The event's data: a job document or `{"jobUrl": …}`.
    var data: [UInt8]

    static let structuredType = "application/cloudevents+json"
    static let batchType = "application/cloudevents-batch+json"

    /// - Parameters:
    ///   - headers: lower-case names with raw value bytes (header values need not be UTF-8 on the wire).
    /// - Throws: ``ServeError`` 400 for a malformed event, 415 for batch mode.
    static func parse(headers: [(name: String, value: [UInt8])], body: [UInt8]) throws(ServeError) -> IncomingEvent {
        func header(_ name: String) throws(ServeError) -> String? {
            guard let raw = headers.first(where: { $0.name == name })?.value else { return nil }
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw .malformed("header \(name) is not valid UTF-8")
            }
            return text
        }
        let contentType = try header("content-type").map { mediaType($0) }
        if contentType == batchType { throw .unsupported("batched CloudEvents are not accepted; send one event per request") }
        if contentType == structuredType { return try structured(body, traceparent: try header("traceparent")) }
        if contentType?.hasPrefix("application/cloudevents") == true {
            throw .unsupported("unsupported CloudEvents format \(contentType ?? "")")
        }

        func attribute(_ name: String) throws(ServeError) -> String {
            guard let raw = try header("ce-" + name) else { throw .malformed("binary-mode event lacks ce-\(name)") }
            guard let decoded = CloudEventHeader.decode(raw), !decoded.isEmpty else {
                throw .malformed("ce-\(name) is empty or badly percent-encoded")
            }
            return decoded
        }
        let version = try attribute("specversion")
        guard version == "1.0" else { throw .malformed("ce-specversion \(version) is not 1.0") }
        let id = try attribute("id")
        let source = try attribute("source")
        let type = try attribute("type")
        // `ce-traceparent` is a CloudEvents attribute, percent-encoded like the others (callbacks and
        // replies re-encode it, so a raw value would come back double-encoded); the W3C `traceparent`
        // header is not, and is taken as sent.
        var traceparent: String?
        if let raw = try header("ce-traceparent") {
            guard let decoded = CloudEventHeader.decode(raw) else {
                throw .malformed("ce-traceparent is badly percent-encoded")
            }
            traceparent = decoded
        } else {
            traceparent = try header("traceparent")
        }
        return IncomingEvent(id: id, source: source, type: type, traceparent: traceparent, data: body)
    }

    /// Structured mode: the whole event is a JSON object; `data` is JSON or `data_base64`.
    static func structured(_ body: [UInt8], traceparent: String?) throws(ServeError) -> IncomingEvent {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw .malformed("structured event is not valid JSON: \(error)")
        }
        guard document.objectValue != nil else { throw .malformed("structured event must be a JSON object") }
        func string(_ name: String) throws(ServeError) -> String {
            guard let value = document[name]?.stringValue, !value.isEmpty else {
                throw .malformed("structured event lacks a string \(name)")
            }
            return value
        }
        let version = try string("specversion")
        guard version == "1.0" else { throw .malformed("specversion \(version) is not 1.0") }
        let data: [UInt8]
        if let encoded = document["data_base64"]?.stringValue {
            guard let decoded = Base64.decode(encoded) else { throw .malformed("data_base64 is not base64") }
            data = decoded
        } else if let value = document["data"] {
            data = Array((value.stringValue ?? value.compactText).utf8)
        } else {
            throw .malformed("the event has no data (a job document)")
        }
        return IncomingEvent(
            id: try string("id"), source: try string("source"), type: try string("type"),
            traceparent: document["traceparent"]?.stringValue ?? traceparent, data: data)
    }

    /// `application/json; charset=utf-8` → `application/json`.
    static func mediaType(_ value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}


/// Percent-decoding of binary-mode attribute values (the encoder is ``CloudEvent/encodeHeader(_:)``).
enum CloudEventHeader {
    static func decode(_ value: String) -> String? { CloudEvent.decodeHeader(value) }
}

/// Standard base64 with padding, for `data_base64`.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }
}

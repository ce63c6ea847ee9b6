import Foundation
import FuzzSupport
import Runtime

@testable import HandlerParsers

/// Fuzzes how `serve` reads a CloudEvent from HTTP headers and a body, in binary and structured mode.
///
/// The input is an HTTP-like message (see ``HTTPMessage``). Properties: parsing fails only with a
/// ``ServeError`` of status 400 or 415; an accepted event has non-empty attributes, and re-sending it
/// (binary mode through ``CloudEvent/binaryHeaders``, structured mode as JSON with `data_base64`) reads
/// back as the same event; the attribute header encoding round-trips.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let message = HTTPMessage(Array(UnsafeBufferPointer(start: data, count: size)))
    let event: IncomingEvent
    do {
        event = try IncomingEvent.parse(headers: message.headers, body: message.body)
    } catch {
        Property.check([400, 415].contains(error.status), "refused with status \(error.status)")
        Property.check(!error.message.isEmpty, "a refusal says why")
        return 0
    }
    for attribute in [event.id, event.source, event.type] {
        Property.check(!attribute.isEmpty, "an accepted event has non-empty id, source and type")
        Property.check(CloudEvent.decodeHeader(CloudEvent.encodeHeader(attribute)) == attribute, "header encoding round-trips")
    }

    // Binary mode, as onejob's own callbacks send it.
    var outgoing = CloudEvent(id: event.id, source: event.source, type: event.type, data: event.data)
    if let traceparent = event.traceparent { outgoing.extensions["traceparent"] = traceparent }
    let headers = outgoing.binaryHeaders.map { (name: $0.0.lowercased(), value: Array($0.1.utf8)) }
    do {
        let again = try IncomingEvent.parse(headers: headers, body: outgoing.data)
        Property.check(again == event, "binary mode round trip changed the event: \(event) → \(again)")
    } catch {
        Property.check(false, "binary mode re-send refused: \(error)")
    }

    // Structured mode, data as base64.
    var members: [(key: String, value: JSONValue)] = [
        ("specversion", .string("1.0")), ("id", .string(event.id)), ("source", .string(event.source)),
        ("type", .string(event.type)), ("data_base64", .string(Data(event.data).base64EncodedString())),
    ]
    if let traceparent = event.traceparent { members.append(("traceparent", .string(traceparent))) }
    let structured = [(name: "content-type", value: Array("application/cloudevents+json; charset=utf-8".utf8))]
    do {
        let again = try IncomingEvent.parse(headers: structured, body: Array(JSONValue.object(members).compactText.utf8))
        Property.check(again == event, "structured mode round trip changed the event: \(event) → \(again)")
    } catch {
        Property.check(false, "structured mode re-send refused: \(error)")
    }
    return 0
}

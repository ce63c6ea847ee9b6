import Testing

@testable import Handler
@testable import Runtime

@Suite struct ServeUnitTests {
    func headers(_ pairs: [(String, String)]) -> [(name: String, value: [UInt8])] {
        pairs.map { (name: $0.0, value: Array($0.1.utf8)) }
    }

    @Test func binaryModeDecodesPercentEncodedAttributes() throws {
        let event = try IncomingEvent.parse(
            headers: headers([("ce-id", "a%20b"), ("ce-source", "//s"), ("ce-type", "t"), ("ce-specversion", "1.0"), ("traceparent", "00-x-y-01")]),
            body: Array("{}".utf8))
        #expect(event.id == "a b")
        #expect(event.traceparent == "00-x-y-01")
    }

    @Test func structuredModeTakesDataOrBase64() throws {
        let json = #"{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"kind":"k"}}"#
        let event = try IncomingEvent.parse(headers: headers([("content-type", "application/cloudevents+json; charset=utf-8")]), body: Array(json.utf8))
        #expect(try JSONParser.parse(event.data)["kind"] == .string("k"))
        let base64 = #"{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"eyJhIjoxfQ=="}"#
        let decoded = try IncomingEvent.parse(headers: headers([("content-type", "application/cloudevents+json")]), body: Array(base64.utf8))
        #expect(String(decoding: decoded.data, as: UTF8.self) == #"{"a":1}"#)
    }

    @Test func malformedAndBatchEventsAreRefusedWithTheirStatus() {
        func status(_ pairs: [(name: String, value: [UInt8])], _ body: String = "{}") -> Int? {
            do {
                _ = try IncomingEvent.parse(headers: pairs, body: Array(body.utf8))
                return nil
            } catch { return error.status }
        }
        #expect(status(headers([("ce-source", "s"), ("ce-type", "t"), ("ce-specversion", "1.0")])) == 400)
        #expect(status(headers([("ce-id", "1"), ("ce-source", "s"), ("ce-type", "t"), ("ce-specversion", "0.3")])) == 400)
        #expect(status([("ce-id", [0xFF]), ("ce-source", Array("s".utf8)), ("ce-type", Array("t".utf8)), ("ce-specversion", Array("1.0".utf8))]) == 400)
        #expect(status(headers([("content-type", "application/cloudevents-batch+json")]), "[]") == 415)
        #expect(status(headers([("content-type", "application/cloudevents+json")]), #"{"specversion":"1.0"}"#) == 400)
    }

    @Test func theGateRunsOneJobAndReplaysFinishedDuplicatesButNotRetryableOnes() {
        let gate = JobGate()
        #expect(gate.admit("a") == .run)
        #expect(gate.admit("b") == .busy)
        let done = JobGate.Answer(status: 200, headers: [:], body: [1])
        #expect(gate.finish("a", answer: done) == 1)
        #expect(gate.admit("a") == .duplicate(done))
        #expect(gate.admit("b") == .run)
        #expect(gate.finish("b", answer: JobGate.Answer(status: 500, headers: [:], body: [])) == 2)
        #expect(gate.admit("b") == .run)
    }

    @Test func exitCodesMapToRedeliveryStatuses() {
        #expect(EventEndpoint.status(for: .success) == 200)
        #expect(EventEndpoint.status(for: .invalidJob) == 400)
        #expect(EventEndpoint.status(for: .toolFailed) == 500)
        #expect(EventEndpoint.status(for: .temporary) == 503)
        #expect(EventEndpoint.status(for: .accessDenied) == 422)
    }

    /// Found by fuzz/cloud-event (corpus: finding-traceparent-round-trip.http): `ce-traceparent` was taken
    /// raw, so a value that needed percent-encoding came back changed after a reply re-encoded it.
    @Test func traceparentSurvivesTheBinaryModeRoundTrip() throws {
        let base = [("ce-id", "1"), ("ce-source", "s"), ("ce-type", "t"), ("ce-specversion", "1.0")]
        let plain = try IncomingEvent.parse(headers: headers(base + [("traceparent", "00-a\"b c-01")]), body: [])
        #expect(plain.traceparent == "00-a\"b c-01")
        let reply = CloudEvent(id: plain.id, source: plain.source, type: plain.type, extensions: ["traceparent": "00-a\"b c-01"])
        let resent = reply.binaryHeaders.map { (name: $0.0.lowercased(), value: Array($0.1.utf8)) }
        #expect(resent.contains { $0.name == "ce-traceparent" && $0.value == Array("00-a%22b%20c-01".utf8) })
        #expect(try IncomingEvent.parse(headers: resent, body: []).traceparent == plain.traceparent)

        let encoded = try IncomingEvent.parse(headers: headers(base + [("ce-traceparent", "00-x%22y-01")]), body: [])
        #expect(encoded.traceparent == "00-x\"y-01")
        #expect(throws: ServeError.self) {
            try IncomingEvent.parse(headers: headers(base + [("ce-traceparent", "00-%ZZ-01")]), body: [])
        }
    }
}

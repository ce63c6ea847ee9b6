import Testing

@testable import Runtime

@Suite struct CloudEventTests {
    @Test func headerValuesArePercentEncodedPerTheHTTPBinding() {
        #expect(CloudEvent.encodeHeader("a b\"c%d") == "a%20b%22c%25d")
        #expect(CloudEvent.encodeHeader("Ünïcode") == "%C3%9Cn%C3%AFcode")
        #expect(CloudEvent.decodeHeader("%C3%9Cn%C3%AFcode") == "Ünïcode")
        #expect(CloudEvent.decodeHeader("bad%2") == nil)
        #expect(CloudEvent.decodeHeader("%FF%FE") == nil)
        for text in ["plain", "with space", "100%", "tab\there", "日本"] {
            #expect(CloudEvent.decodeHeader(CloudEvent.encodeHeader(text)) == text)
        }
    }

    @Test func binaryHeadersCarryEveryAttribute() {
        let event = CloudEvent(
            id: "e1", source: "//run/x", type: "dev.onejob.job.started", subject: "j 1", time: "2026-01-01T00:00:00Z",
            extensions: ["traceparent": "00-abc-def-01"])
        let headers = Dictionary(uniqueKeysWithValues: event.binaryHeaders)
        #expect(headers["ce-specversion"] == "1.0")
        #expect(headers["ce-id"] == "e1")
        #expect(headers["ce-subject"] == "j%201")
        #expect(headers["ce-traceparent"] == "00-abc-def-01")
        #expect(headers["Content-Type"] == "application/json")
    }
}

@Suite struct ProgressThrottleTests {
    @Test func atMostOnePerIntervalAndNeverBackwards() {
        var throttle = ProgressThrottle(interval: .seconds(1))
        #expect(throttle.admit(5, at: .zero) == 5)
        #expect(throttle.admit(50, at: .milliseconds(500)) == nil)
        #expect(throttle.admit(40, at: .milliseconds(1500)) == 40)
        #expect(throttle.admit(30, at: .milliseconds(2600)) == nil)
        #expect(throttle.admit(60.7, at: .milliseconds(2700)) == 60)
        #expect(throttle.admit(60.9, at: .seconds(5)) == nil)
        #expect(throttle.admit(250, at: .seconds(7)) == 100)
        #expect(throttle.admit(.nan, at: .seconds(9)) == nil)
    }
}

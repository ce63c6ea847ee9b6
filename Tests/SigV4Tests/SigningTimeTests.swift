import Foundation
import Testing

@testable import SigV4

@Suite struct SigningTimeTests {
    @Test(arguments: [
        (0.0, "19700101T000000Z"),
        (1_440_938_160.0, "20150830T123600Z"),
        (1_369_353_600.0, "20130524T000000Z"),
        (951_782_400.0, "20000229T000000Z"),
        (4_102_444_799.9, "20991231T235959Z"),
        (4_107_542_399.0, "21000228T235959Z"),
        (4_107_542_400.0, "21000301T000000Z"),
        (-1.0, "19691231T235959Z"),
    ])
    func formatsUTC(_ seconds: Double, _ expected: String) {
        let time = SigningTime(Date(timeIntervalSince1970: seconds))
        #expect(time.amzDate == expected)
        #expect(time.dateStamp == String(expected.prefix(8)))
    }

    @Test func parsesOnlyTheExactAmzDateShape() {
        #expect(SigningTime(amzDate: "20150830T123600Z")?.dateStamp == "20150830")
        #expect(SigningTime(amzDate: "2015-08-30T12:36:00Z") == nil)
        #expect(SigningTime(amzDate: "20150830T1236000") == nil)
        #expect(SigningTime(amzDate: "2015083XT123600Z") == nil)
    }
}

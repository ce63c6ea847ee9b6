import Foundation
import TestSupport
import Testing

/// The second half of `make test`: searches what every binary run of a whole earlier test run
/// wrote (see ``CapturedOutput``) for the canary secret keys and for signatures in clear. stderr is all
/// log lines (nothing allowed); stdout holds `result.json` and `put` documents (links allowed).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ONEJOB_TEST_SCAN_DIR"] != nil, "set by make test"))
struct CapturedOutputScanTests {
    @Test func noRunOfTheWholeSuiteLeakedASecret() throws {
        let directory = try #require(ProcessInfo.processInfo.environment["ONEJOB_TEST_SCAN_DIR"])
        let secrets = CapturedOutput.secrets(in: directory)
        #expect(!secrets.isEmpty, "the captured run used SeaweedFS")
        let scan = SecretScan(secrets: secrets)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.filter { $0.hasSuffix(".stderr") }.count > 10, "the captured run ran the binary")
        var leaks: [SecretScan.Leak] = []
        for name in names.sorted() where name.hasSuffix(".stderr") || name.hasSuffix(".stdout") {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            leaks += scan.leaks(in: text, source: name, channel: name.hasSuffix(".stderr") ? .restricted : .product)
        }
        #expect(leaks.isEmpty, "\(SecretScan.report(leaks))")
    }
}

import Foundation
import Testing

@testable import SigV4

/// The classic aws-sig-v4-test-suite: canonical request, string to sign and Authorization compared exactly.
@Suite(.enabled(if: TestVectors.isAvailable)) struct AWS4TestSuiteTests {
    static let folder = TestVectors.root.appendingPathComponent("aws4_testsuite")
    static let cases: [String] = TestVectors.caseDirectories(under: folder) { $0.pathExtension == "req" }
        .map { $0.path.replacingOccurrences(of: folder.standardizedFileURL.path + "/", with: "") }

    static let credentials = Credentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    @Test func allThirtyFourCasesAreFound() {
        #expect(Self.cases.count == 34)
    }

    @Test(arguments: cases) func vector(_ relativePath: String) throws {
        let directory = Self.folder.appendingPathComponent(relativePath)
        let name = directory.lastPathComponent
        func file(_ ext: String) throws -> String {
            try TestVectors.read(directory.appendingPathComponent("\(name).\(ext)"))
        }
        let parsed = try RequestFile(parsing: try file("req"))
        let time = try #require(parsed.header("X-Amz-Date").flatMap(SigningTime.init(amzDate:)))

        var credentials = Self.credentials
        var rules = SigningRules.generic
        switch name {
        case "get-vanilla-with-session-token":
            credentials.sessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        case "post-sts-header-before":
            let token: String = try #require(parsed.header("X-Amz-Security-Token"))
            credentials.sessionToken = token
        case "post-sts-header-after":
            let readme = try TestVectors.read(
                directory.deletingLastPathComponent().appendingPathComponent("readme.txt"))
            credentials.sessionToken = readme.split(separator: "\n").last.map(String.init)
            rules.signsSessionToken = false
        default:
            break
        }

        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service", rules: rules)
        let request = SigV4Request(
            method: parsed.method, path: parsed.path, pathIsEncoded: true, query: parsed.query,
            headers: parsed.headers, payload: try .of(parsed.body))
        let signed = try signer.signHeaders(request, time: time)

        #expect(signed.canonicalRequest.text == (try file("creq")))
        #expect(signed.stringToSign == (try file("sts")))
        #expect(signed.authorization == (try file("authz")))
        if credentials.sessionToken != nil {
            #expect(signed.headersToAdd.contains { $0.name == "X-Amz-Security-Token" })
        }
    }
}

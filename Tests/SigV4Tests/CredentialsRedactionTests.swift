import Foundation
import Testing

@testable import SigV4

@Suite struct CredentialsRedactionTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "FQoGZXIvYXdzEXAMPLETOKEN"
    static let credentials = Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)

    static func everyTextForm(_ value: some Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), "\(value)", String(reflecting: value), dumped]
    }

    @Test func credentialsNeverPrintTheSecretOrToken() {
        for text in Self.everyTextForm(Self.credentials) {
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!text.contains(Self.token), "\(text)")
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }

    @Test func aSignerHoldingCredentialsDoesNotLeakThemEither() throws {
        let signer = SigV4Signer(credentials: Self.credentials, region: "eu-west-1", service: "s3", rules: .s3)
        for text in Self.everyTextForm(signer) {
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!text.contains(Self.token), "\(text)")
        }
    }

    @Test func signingKeyTextShowsOnlyItsScope() throws {
        let key = try SigningKey(secretAccessKey: Self.secret, dateStamp: "20150830", region: "r", service: "s")
        let keyHex = Hex.encode(key.bytes)
        for text in Self.everyTextForm(key) {
            #expect(!text.contains(keyHex))
            #expect(!text.contains(Self.secret))
        }
    }
}

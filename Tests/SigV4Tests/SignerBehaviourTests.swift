import Testing

@testable import SigV4

@Suite struct SignerBehaviourTests {
    static let signer = SigV4Signer(
        credentials: Credentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "tok/en+"),
        region: "us-east-1", service: "s3", rules: .s3)
    static let request = SigV4Request(
        method: "GET", path: "/bucket/key", headers: [.init("Host", "example.com")], payload: .unsigned)
    static let time = SigningTime(amzDate: "20240102T030405Z")

    @Test(arguments: [0, -1, 604_801]) func presignRejectsExpiryOutsideSevenDays(_ seconds: Int) throws {
        let time = try #require(Self.time)
        #expect(throws: SigV4Error.self) { try Self.signer.presign(Self.request, time: time, expiresIn: seconds) }
    }

    @Test func presignAcceptsSevenDaysAndIncludesTheToken() throws {
        let time = try #require(Self.time)
        let presigned = try Self.signer.presign(Self.request, time: time, expiresIn: 604_800)
        #expect(presigned.query.contains("X-Amz-Expires=604800"))
        #expect(presigned.query.contains("X-Amz-Security-Token=tok%2Fen%2B"))
        #expect(presigned.query.hasSuffix("&X-Amz-Signature=" + presigned.signature))
        #expect(presigned.canonicalRequest.text.hasSuffix("\nhost\nUNSIGNED-PAYLOAD"))
    }

    @Test func headerSigningAddsS3HeadersAndReplacesStaleOnes() throws {
        let time = try #require(Self.time)
        var request = Self.request
        request.headers += [.init("Authorization", "stale"), .init("X-Amz-Date", "19990101T000000Z")]
        let signed = try Self.signer.signHeaders(request, time: time)
        #expect(
            signed.headersToAdd.map(\.name) == [
                "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256", "Authorization",
            ])
        #expect(signed.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(!signed.headers.contains { $0.value == "stale" || $0.value == "19990101T000000Z" })
        #expect(signed.canonicalRequest.signedHeaders == "host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
    }

    @Test func aCachedKeyIsReusedOnlyForItsOwnDayAndScope() throws {
        let time = try #require(Self.time)
        let key = try Self.signer.signingKey(for: time)
        let withCache = try Self.signer.signHeaders(Self.request, time: time, key: key)
        let without = try Self.signer.signHeaders(Self.request, time: time)
        #expect(withCache.signature == without.signature)

        let nextDay = try #require(SigningTime(amzDate: "20240103T030405Z"))
        let stale = try Self.signer.signHeaders(Self.request, time: nextDay, key: key)
        let fresh = try Self.signer.signHeaders(Self.request, time: nextDay)
        #expect(stale.signature == fresh.signature)
        #expect(!key.isValid(for: nextDay, region: "us-east-1", service: "s3"))
    }

    @Test func canonicalQuerySortsByEncodedNameThenValue() {
        let query = Self.signer.canonicalQuery([
            .init("b", "2"), .init("a", "z"), .init("a", "y"), .init("A", "1"), .init("c d", "e/f"), .init("flag", ""),
        ])
        #expect(query == "A=1&a=y&a=z&b=2&c%20d=e%2Ff&flag=")
    }
}

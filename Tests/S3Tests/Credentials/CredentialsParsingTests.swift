import Foundation
import Testing

@testable import S3

@Suite("Credential documents and timestamps")
struct CredentialsParsingTests {
    @Test(
        "ISO 8601 expirations of every precision the endpoints send",
        arguments: [
            ("2030-01-01T00:00:00Z", 1_893_456_000.0),
            ("2026-11-23T03:02:39.632386Z", 1_795_402_959.632386),
            ("2024-02-29T12:00:00.5Z", 1_709_208_000.5),
            ("2030-01-01T02:00:00+02:00", 1_893_456_000.0),
            ("2029-12-31T19:00:00-05:00", 1_893_456_000.0),
            ("1970-01-01T00:00:00.123456789Z", 0.123456789),
        ])
    func parsesTimestamps(text: String, expected: Double) throws {
        let date = try #require(CredentialsTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6)
    }

    @Test(
        "malformed timestamps are rejected",
        arguments: [
            "", "2030-01-01", "2030-01-01T00:00:00", "2030-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
            "2030-01-01T24:00:00Z", "2030-01-01T00:00:00.Z", "2030-01-01T00:00:00Zjunk", "1893456000",
        ])
    func rejectsTimestamps(text: String) {
        #expect(CredentialsTimestamp.parse(text) == nil)
    }

    @Test("the container/IMDS JSON document")
    func parsesJSONDocument() throws {
        let json =
            #"{"Code":"Success","AccessKeyId":"ASIA1","SecretAccessKey":"s","Token":"t","Expiration":"2030-01-01T00:00:00Z"}"#
        let credentials = try CredentialsDocument.parse(Array(json.utf8), provider: "IMDS")
        #expect(credentials.accessKeyId == "ASIA1")
        #expect(credentials.secretAccessKey == "s")
        #expect(credentials.sessionToken == "t")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
    }

    @Test(
        "broken JSON documents name the problem, never the body",
        arguments: [
            (#"not json SECRETVALUE"#, "not a JSON object"),
            (#"{"Code":"Failure","AccessKeyId":"A","SecretAccessKey":"SECRETVALUE"}"#, "Code Failure"),
            (#"{"SecretAccessKey":"SECRETVALUE"}"#, "no AccessKeyId"),
            (#"{"AccessKeyId":"A"}"#, "no SecretAccessKey"),
            (#"{"AccessKeyId":"A","SecretAccessKey":"SECRETVALUE","Expiration":"soon"}"#, "unreadable Expiration"),
        ])
    func rejectsJSONDocuments(json: String, expected: String) throws {
        let error = try #require(throws: CredentialsError.self) {
            try CredentialsDocument.parse(Array(json.utf8), provider: "container")
        }
        #expect(
            error.code == .malformedResponse && error.message.contains(expected)
                && !error.description.contains("SECRETVALUE"))
    }

    @Test("STS credentials with entities decoded")
    func parsesSTSResponse() throws {
        let xml = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>system:serviceaccount:x</SubjectFromWebIdentityToken>
                <Credentials>
                  <SessionToken>tok&#x2F;en&#61;</SessionToken>
                  <SecretAccessKey>a&amp;b&lt;c&gt;&quot;&apos;</SecretAccessKey>
                  <Expiration>2026-11-23T03:02:39.632386Z</Expiration>
                  <AccessKeyId>ASIAXYZ</AccessKeyId>
                </Credentials>
              </AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """
        let credentials = try STSResponseParser.credentials(Array(xml.utf8), provider: "web identity")
        #expect(credentials.accessKeyId == "ASIAXYZ")
        #expect(credentials.secretAccessKey == "a&b<c>\"'")
        #expect(credentials.sessionToken == "tok/en=")
        #expect(credentials.expiration.map { abs($0.timeIntervalSince1970 - 1_795_402_959.632386) < 1e-6 } == true)
    }

    @Test("an STS answer without credentials is malformed")
    func rejectsSTSResponseWithoutCredentials() {
        let xml =
            "<AssumeRoleWithWebIdentityResponse><CredentialsX>1</CredentialsX></AssumeRoleWithWebIdentityResponse>"
        #expect(throws: CredentialsError.self) {
            try STSResponseParser.credentials(Array(xml.utf8), provider: "web identity")
        }
    }

    @Test("STS error documents")
    func parsesSTSError() throws {
        let xml = """
            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
            <Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>
            """
        let error = try #require(STSResponseParser.error(Array(xml.utf8)))
        #expect(error.code == "AccessDenied")
        #expect(error.message == "Not authorized to perform sts:AssumeRoleWithWebIdentity")
        #expect(STSResponseParser.error(Array("<html>busy</html>".utf8)) == nil)
    }
}

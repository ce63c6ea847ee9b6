import TestSupport
import Foundation
import HTTPClient
import SigV4
import Synchronization
import Testing

@testable import S3

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        (500, String?.none, RetryPolicy.Decision.retry(throttled: false)), (502, nil, .retry(throttled: false)),
        (503, nil, .retry(throttled: true)), (504, nil, .retry(throttled: false)),
        (503, "SlowDown", .retry(throttled: true)), (500, "InternalError", .retry(throttled: false)),
        (400, "RequestTimeout", .retry(throttled: false)), (429, nil, .retry(throttled: true)),
        (400, "ExpiredToken", .refreshCredentials), (400, "TokenRefreshRequired", .refreshCredentials),
        (400, "BadDigest", .fail), (400, nil, .fail), (403, "AccessDenied", .fail), (404, "NoSuchKey", .fail),
        (409, nil, .fail), (501, "NotImplemented", .fail), (200, "SomethingElse", .fail),
        (200, "InternalError", .retry(throttled: false)),
    ])
    func decisions(_ status: Int, _ code: String?, _ expected: RetryPolicy.Decision) {
        #expect(RetryPolicy.decide(status: status, s3Code: code) == expected)
    }

    @Test func fullJitterBackoffSequenceFromASeed() {
        let policy = RetryPolicy(maxAttempts: 10)
        var generator = SplitMix64(seed: 42)
        var replay = SplitMix64(seed: 42)
        for attempt in 1...10 {
            let random = generator.nextUnit()
            let expectedCeiling = min(0.05 * pow(2, Double(attempt - 1)), 20)
            let delay = policy.backoff(afterAttempt: attempt, throttled: false, random: random)
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            #expect(abs(seconds - expectedCeiling * replay.nextUnit()) < 1e-9)
        }
    }

    @Test func ceilingsDoubleAndCapAtTwentySeconds() {
        let policy = RetryPolicy()
        let almostOne = 0.999_999_999
        #expect(policy.backoff(afterAttempt: 1, throttled: false, random: almostOne) <= .milliseconds(50))
        #expect(policy.backoff(afterAttempt: 2, throttled: false, random: almostOne) > .milliseconds(99))
        #expect(policy.backoff(afterAttempt: 1, throttled: true, random: almostOne) > .milliseconds(999))
        #expect(policy.backoff(afterAttempt: 3, throttled: true, random: almostOne) > .milliseconds(3999))
        #expect(policy.backoff(afterAttempt: 6, throttled: true, random: almostOne) > .seconds(19.9))
        #expect(policy.backoff(afterAttempt: 60, throttled: true, random: almostOne) <= .seconds(20))
        #expect(policy.backoff(afterAttempt: 4, throttled: true, random: 0) == .zero)
    }

    // MARK: - The client's loop, over a scripted transport

    final class Recorder: Sendable {
        let sleeps = Mutex<[Duration]>([])
        let clock = Mutex<TimeInterval>(1_700_000_000)
        let invalidations = Mutex(0)
    }

    struct RotatingCredentials: CredentialsProviding {
        let recorder: Recorder
        func credentials() async throws -> Credentials {
            let generation = recorder.invalidations.withLock { $0 }
            return Credentials(accessKeyId: "AKID\(generation)", secretAccessKey: "secret", sessionToken: "t\(generation)")
        }
        func invalidate() async { recorder.invalidations.withLock { $0 += 1 } }
    }

    static func client(_ transport: ScriptedTransport, recorder: Recorder, seed: UInt64 = 7) throws -> S3Client {
        let random = Mutex(SplitMix64(seed: seed))
        return try S3Client(
            configuration: S3Configuration(region: "us-east-1", endpointOverride: "http://127.0.0.1:9"),
            transport: RecordingTransport(transport), credentials: RotatingCredentials(recorder: recorder),
            now: { recorder.clock.withLock { $0 += 1; return Date(timeIntervalSince1970: $0) } },
            random: { random.withLock { $0.nextUnit() } },
            sleep: { delay in recorder.sleeps.withLock { $0.append(delay) } })
    }

    @Test func retriesServerErrorsWithTheSeededBackoffThenSucceeds() async throws {
        let recorder = Recorder()
        let scripted = ScriptedTransport([
            .success(ScriptedTransport.status(503, code: "SlowDown")),
            .success(ScriptedTransport.status(500, code: "InternalError")),
            .success(ScriptedTransport.status(204)),
        ])
        let client = try Self.client(scripted, recorder: recorder)
        try await client.deleteObject(bucket: "b-1", key: "k")
        var replay = SplitMix64(seed: 7)
        let policy = RetryPolicy()
        let expected = [
            policy.backoff(afterAttempt: 1, throttled: true, random: replay.nextUnit()),
            policy.backoff(afterAttempt: 2, throttled: false, random: replay.nextUnit()),
        ]
        #expect(recorder.sleeps.withLock { $0 } == expected)
    }

    @Test func everyAttemptIsSignedAfresh() async throws {
        let recorder = Recorder()
        let inner = ScriptedTransport([
            .success(ScriptedTransport.status(502)), .success(ScriptedTransport.status(204)),
        ])
        let recording = RecordingTransport(inner)
        let random = Mutex(SplitMix64(seed: 1))
        let client = try S3Client(
            configuration: S3Configuration(endpointOverride: "http://127.0.0.1:9"), transport: recording,
            credentials: RotatingCredentials(recorder: recorder),
            now: { recorder.clock.withLock { $0 += 1; return Date(timeIntervalSince1970: $0) } },
            random: { random.withLock { $0.nextUnit() } }, sleep: { _ in })
        try await client.deleteObject(bucket: "b-1", key: "k")
        let dates = recording.requests.withLock { $0.compactMap { r in r.headers.first { $0.0 == "X-Amz-Date" }?.1 } }
        let signatures = recording.requests.withLock { $0.compactMap { r in r.headers.first { $0.0 == "Authorization" }?.1 } }
        #expect(dates.count == 2)
        #expect(dates[0] != dates[1])
        #expect(Set(signatures).count == 2)
    }

    @Test func givesUpAfterMaxAttemptsWithTheRightClassification() async throws {
        let recorder = Recorder()
        let scripted = ScriptedTransport(Array(repeating: .success(ScriptedTransport.status(503, code: "SlowDown")), count: 5))
        let client = try Self.client(scripted, recorder: recorder)
        await #expect {
            try await client.deleteObject(bucket: "b-1", key: "k")
        } throws: { error in
            let s3Error = error as? S3Error
            return s3Error?.classification == .throttled && s3Error?.attempts == 3 && s3Error?.status == 503
        }
        #expect(recorder.sleeps.withLock { $0.count } == 2)
    }

    @Test func neverRetriesOtherClientErrors() async throws {
        let recorder = Recorder()
        let scripted = ScriptedTransport([
            .success(ScriptedTransport.status(400, code: "InvalidArgument")), .success(ScriptedTransport.status(204)),
        ])
        let client = try Self.client(scripted, recorder: recorder)
        await #expect {
            try await client.deleteObject(bucket: "b-1", key: "k")
        } throws: { ($0 as? S3Error)?.classification == .invalidRequest && ($0 as? S3Error)?.attempts == 1 }
        #expect(recorder.sleeps.withLock { $0.isEmpty })
    }

    @Test func expiredTokenRefreshesCredentialsOnceAndRetries() async throws {
        let recorder = Recorder()
        let inner = ScriptedTransport([
            .success(ScriptedTransport.status(400, code: "ExpiredToken")), .success(ScriptedTransport.status(204)),
        ])
        let recording = RecordingTransport(inner)
        let client = try S3Client(
            configuration: S3Configuration(endpointOverride: "http://127.0.0.1:9"), transport: recording,
            credentials: RotatingCredentials(recorder: recorder), sleep: { _ in })
        try await client.deleteObject(bucket: "b-1", key: "k")
        #expect(recorder.invalidations.withLock { $0 } == 1)
        let tokens = recording.requests.withLock {
            $0.compactMap { r in r.headers.first { $0.0 == "X-Amz-Security-Token" }?.1 }
        }
        #expect(tokens == ["t0", "t1"])
    }

    @Test func expiredTokenTwiceIsCredentialsUnavailable() async throws {
        let recorder = Recorder()
        let scripted = ScriptedTransport(Array(repeating: .success(ScriptedTransport.status(400, code: "ExpiredToken")), count: 4))
        let client = try Self.client(scripted, recorder: recorder)
        await #expect {
            try await client.deleteObject(bucket: "b-1", key: "k")
        } throws: { ($0 as? S3Error)?.classification == .credentialsUnavailable }
        #expect(recorder.invalidations.withLock { $0 } == 1)
    }

    @Test func retryableTransportErrorsAreRetriedOthersAreNot() async throws {
        let recorder = Recorder()
        let scripted = ScriptedTransport([
            .failure(HTTPClientError(.connectionLost, function: "curl_easy_perform", message: "reset")),
            .success(ScriptedTransport.status(204)),
        ])
        try await Self.client(scripted, recorder: recorder).deleteObject(bucket: "b-1", key: "k")
        #expect(recorder.sleeps.withLock { $0.count } == 1)

        let tls = ScriptedTransport([
            .failure(HTTPClientError(.tls, function: "curl_easy_perform", message: "certificate")),
            .success(ScriptedTransport.status(204)),
        ])
        await #expect {
            try await Self.client(tls, recorder: Recorder()).deleteObject(bucket: "b-1", key: "k")
        } throws: { ($0 as? S3Error)?.classification == .transient && ($0 as? S3Error)?.attempts == 1 }
    }

    @Test func errorInsideA200CompleteIsDetected() async throws {
        let recorder = Recorder()
        let file = try TestFiles.random(size: 6 << 20)
        let create = "<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>"
        let scripted = ScriptedTransport([
            .success(HTTPResponse(status: 200, headers: [], body: Array(create.utf8), bodyByteCount: 0)),
            .success(ScriptedTransport.status(200, headers: [("etag", "\"p1\"")])),
            .success(ScriptedTransport.status(200, code: "AccessDenied")),
            .success(ScriptedTransport.status(204)),
        ])
        let recording = RecordingTransport(scripted)
        var configuration = S3Configuration(endpointOverride: "http://127.0.0.1:9")
        configuration.multipartThreshold = 1
        let client = try S3Client(
            configuration: configuration, transport: recording,
            credentials: RotatingCredentials(recorder: recorder), sleep: { _ in })
        await #expect {
            try await client.uploadFile(bucket: "b-1", key: "k", file: file.path)
        } throws: { ($0 as? S3Error)?.classification == .accessDenied && ($0 as? S3Error)?.status == 200 }
        #expect(recording.methodsAndQueries == ["POST uploads", "PUT partNumber&uploadId", "POST uploadId", "DELETE uploadId"])
    }
}

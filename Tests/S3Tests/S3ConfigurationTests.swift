import Testing

@testable import S3

@Suite struct S3ConfigurationTests {
    @Test func defaults() throws {
        let configuration = try S3Configuration(environment: [:])
        #expect(configuration == S3Configuration())
        #expect(configuration.region == "us-east-1")
        #expect(configuration.multipartThreshold == 16 << 20)
        #expect(configuration.partSize == 8 << 20)
        #expect(configuration.concurrency == 4)
        #expect(configuration.maxAttempts == 3)
        #expect(configuration.endpointOverride == nil)
        #expect(!configuration.forcePathStyle)
        #expect(configuration.lowSpeedTime == .seconds(30))
    }

    @Test func readsEveryVariable() throws {
        let configuration = try S3Configuration(environment: [
            "AWS_DEFAULT_REGION": "eu-central-1", "AWS_ENDPOINT_URL": "http://generic:1",
            "AWS_ENDPOINT_URL_S3": "http://s3only:2", "ONEJOB_S3_PATH_STYLE": "1",
            "ONEJOB_S3_MULTIPART_THRESHOLD": "64M", "ONEJOB_S3_PART_SIZE": "16MiB", "ONEJOB_S3_CONCURRENCY": "8",
            "ONEJOB_S3_MAX_ATTEMPTS": "5", "ONEJOB_S3_CACHE_CONTROL": "public, max-age=31536000, immutable",
            "ONEJOB_S3_LOW_SPEED_SECONDS": "5",
        ])
        #expect(configuration.region == "eu-central-1")
        #expect(configuration.endpointOverride == "http://s3only:2")
        #expect(configuration.forcePathStyle)
        #expect(configuration.multipartThreshold == 64 << 20)
        #expect(configuration.partSize == 16 << 20)
        #expect(configuration.concurrency == 8)
        #expect(configuration.maxAttempts == 5)
        #expect(configuration.cacheControl == "public, max-age=31536000, immutable")
        #expect(configuration.lowSpeedTime == .seconds(5))
    }

    @Test func regionPrecedenceAndGenericEndpoint() throws {
        let configuration = try S3Configuration(environment: [
            "AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-central-1", "AWS_ENDPOINT_URL": "http://generic:1",
            "AWS_ENDPOINT_URL_S3": "",
        ])
        #expect(configuration.region == "ap-south-1")
        #expect(configuration.endpointOverride == "http://generic:1")
    }

    @Test(arguments: [
        ("ONEJOB_S3_PATH_STYLE", "maybe"), ("ONEJOB_S3_PART_SIZE", "1M"), ("ONEJOB_S3_PART_SIZE", "6G"),
        ("ONEJOB_S3_PART_SIZE", "8 MB"), ("ONEJOB_S3_CONCURRENCY", "0"), ("ONEJOB_S3_MAX_ATTEMPTS", "x"),
        ("ONEJOB_S3_MULTIPART_THRESHOLD", "-1"), ("ONEJOB_S3_MULTIPART_THRESHOLD", "99999999999G"),
        ("ONEJOB_S3_LOW_SPEED_SECONDS", "0"), ("ONEJOB_S3_LOW_SPEED_SECONDS", "1.5"),
    ])
    func rejectsMalformedValues(_ name: String, _ value: String) {
        #expect {
            try S3Configuration(environment: [name: value])
        } throws: { error in
            let s3Error = error as? S3Error
            return s3Error?.classification == .invalidConfiguration && s3Error?.message.contains(name) == true
        }
    }

    @Test(arguments: [("1048576", Int64(1 << 20)), ("8M", 8 << 20), ("512k", 512 << 10), ("1G", 1 << 30)])
    func byteCounts(_ text: String, _ expected: Int64) {
        #expect(S3Configuration.parseByteCount(text) == expected)
    }
}

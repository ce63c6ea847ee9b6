import Testing

@testable import Runtime

/// Where a batch task's summary lands for each shape of S3 output setting.
@Suite struct BatchSummaryPublisherTests {
    @Test(arguments: [
        ("s3://bucket", "bucket", ""),
        ("s3://bucket/", "bucket", ""),
        ("s3://bucket/renders", "bucket", "renders/"),
        ("s3://bucket/renders/2026/", "bucket", "renders/2026/"),
        ("s3://bucket/renders/{id}/final", "bucket", "renders/"),
        ("s3://bucket/renders/job-{id}", "bucket", "renders/"),
        ("s3://bucket/{id}", "bucket", ""),
    ])
    func summaryGoesToTheOutputBase(output: String, bucket: String, prefix: String) throws {
        let base = try #require(S3BatchSummaryPublisher.base(ofOutput: output))
        #expect(base.bucket == bucket)
        #expect(base.prefix == prefix)
    }

    @Test(arguments: [nil, "./out", "/srv/renders", "file:///srv/x"] as [String?])
    func localOutputsKeepTheSummaryOnDisk(output: String?) {
        #expect(S3BatchSummaryPublisher.base(ofOutput: output) == nil)
    }
}

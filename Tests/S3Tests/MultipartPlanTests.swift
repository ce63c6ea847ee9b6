import Testing

@testable import S3

@Suite struct MultipartPlanTests {
    static let mib: Int64 = 1 << 20

    @Test func hundredMebibytesInEightMebibyteParts() throws {
        let plan = try MultipartPlan(fileSize: 100 * Self.mib, preferredPartSize: 8 * Self.mib)
        #expect(plan.partSize == 8 * Self.mib)
        #expect(plan.partCount == 13)
        #expect(plan.range(ofPart: 1) == (0, 8 * Self.mib))
        #expect(plan.range(ofPart: 13) == (96 * Self.mib, 4 * Self.mib))
    }

    @Test func exactMultipleHasNoEmptyTail() throws {
        let plan = try MultipartPlan(fileSize: 32 * Self.mib, preferredPartSize: 8 * Self.mib)
        #expect(plan.partCount == 4)
        #expect(plan.range(ofPart: 4).length == 8 * Self.mib)
    }

    @Test func tooSmallPreferenceIsRaisedToFiveMebibytes() throws {
        let plan = try MultipartPlan(fileSize: 20 * Self.mib, preferredPartSize: 1024)
        #expect(plan.partSize == MultipartPlan.minimumPartSize)
        #expect(plan.partCount == 4)
    }

    @Test func tooLargePreferenceIsCappedAtFiveGibibytes() throws {
        let plan = try MultipartPlan(fileSize: 12 << 30, preferredPartSize: 8 << 30)
        #expect(plan.partSize == MultipartPlan.maximumPartSize)
        #expect(plan.partCount == 3)
    }

    @Test(arguments: [Int64(1) << 40, 80_000 * (Int64(1) << 20) + 1, (Int64(5) << 40) - 1])
    func hugeFilesStayWithinTenThousandParts(_ size: Int64) throws {
        let plan = try MultipartPlan(fileSize: size, preferredPartSize: 8 * Self.mib)
        #expect(plan.partCount <= MultipartPlan.maximumPartCount)
        #expect(plan.partSize % Self.mib == 0)
        #expect(plan.partSize <= MultipartPlan.maximumPartSize)
        let last = plan.range(ofPart: plan.partCount)
        #expect(last.offset + last.length == size)
        #expect(last.length > 0)
    }

    @Test func oneTebibyteRaisesPartsTo105MiB() throws {
        let plan = try MultipartPlan(fileSize: 1 << 40, preferredPartSize: 8 * Self.mib)
        #expect(plan.partSize == 105 * Self.mib)
        #expect(plan.partCount == 9987)
    }

    @Test func beyondTheLimitThrows() {
        #expect(throws: S3Error.self) {
            try MultipartPlan(fileSize: MultipartPlan.maximumPartSize * 10_000 + 1, preferredPartSize: 8 * Self.mib)
        }
    }

    @Test func emptyFileIsOnePart() throws {
        let plan = try MultipartPlan(fileSize: 0, preferredPartSize: 8 * Self.mib)
        #expect(plan.partCount == 1)
        #expect(plan.range(ofPart: 1) == (0, 0))
    }
}

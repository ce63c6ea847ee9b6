/// How a file is cut into multipart parts, within S3's limits.
///
/// S3 allows 1–10,000 parts of 5 MiB–5 GiB (the last part may be smaller). The preferred size is raised, in
/// whole MiB, until the file fits in 10,000 parts, so a 200 GiB output still uploads with the default 8 MiB
/// setting instead of failing at part 10,001.
public struct MultipartPlan: Sendable, Equatable {
    public static let minimumPartSize: Int64 = 5 << 20
    public static let maximumPartSize: Int64 = 5 << 30
    public static let maximumPartCount = 10_000

    public let fileSize: Int64
    public let partSize: Int64
    public let partCount: Int

    /// - Throws: ``S3Error`` `.invalidArgument` when the file is too large for 10,000 parts of 5 GiB.
    public init(fileSize: Int64, preferredPartSize: Int64) throws {
        guard fileSize >= 0 else {
            throw S3Error(.invalidArgument, classification: .invalidRequest, operation: "UploadPart",
                message: "negative file size")
        }
        let mebibyte: Int64 = 1 << 20
        var size = min(max(preferredPartSize, Self.minimumPartSize), Self.maximumPartSize)
        let needed = (fileSize + Int64(Self.maximumPartCount) - 1) / Int64(Self.maximumPartCount)
        if needed > size {
            size = (needed + mebibyte - 1) / mebibyte * mebibyte
        }
        guard size <= Self.maximumPartSize else {
            throw S3Error(.invalidArgument, classification: .invalidRequest, operation: "UploadPart",
                message: "a file of \(fileSize) bytes does not fit in 10,000 parts of 5 GiB")
        }
        self.fileSize = fileSize
        self.partSize = size
        self.partCount = fileSize == 0 ? 1 : Int((fileSize + size - 1) / size)
    }

    /// Byte range of part `number` (1-based, as S3 numbers them).
    public func range(ofPart number: Int) -> (offset: Int64, length: Int64) {
        let offset = Int64(number - 1) * partSize
        return (offset, max(0, min(partSize, fileSize - offset)))
    }
}

/// The format and pixel size of an image, read from its header without decoding any pixels.
///
/// Exists so `art-print` can refuse a decompression bomb (a 30000×30000 PNG is a few hundred KB)
/// before Blender allocates gigabytes for it, and so `orientation: auto` knows the photo's aspect.
public struct ImageHeader: Sendable, Equatable {
    public enum Format: String, Sendable {
        case png, jpeg, tiff
    }

    public var format: Format
    public var width: Int
    public var height: Int

    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    public var pixels: Int { width * height }

    /// Reads the header of whatever format the magic bytes announce.
    /// - Throws: ``ImageHeaderError`` for anything but a well-formed PNG, JPEG or TIFF header.
    public static func read(_ source: some ByteSource) throws(ImageHeaderError) -> ImageHeader {
        let magic = try source.bytes(at: 0, length: 8)
        if magic.starts(with: PNGHeader.signature) { return try PNGHeader.read(source) }
        if magic.starts(with: [0xFF, 0xD8]) { return try JPEGHeader.read(source) }
        if magic.starts(with: [0x49, 0x49, 0x2A, 0x00]) || magic.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return try TIFFHeader.read(source)
        }
        throw .unknownFormat
    }

    /// Reads the header of the file at `path`.
    public static func read(path: String) throws(ImageHeaderError) -> ImageHeader {
        try read(try FileByteSource(path: path))
    }

    /// Checks a dimension from a header: positive and at most `maxSide`.
    static func dimension(_ value: Int, _ name: String) throws(ImageHeaderError) -> Int {
        guard value > 0 else { throw .malformed("\(name) is 0") }
        guard value <= maxSide else { throw .malformed("\(name) \(value) exceeds \(maxSide)") }
        return value
    }

    /// PNG allows 2³¹−1 and TIFF 2³²−1; nothing printable comes near, and the cap keeps
    /// `width * height` far from overflow.
    public static let maxSide = 1 << 20
}

/// The first image file directory (IFD) of a TIFF: where its width and length tags are.
///
/// Shared by the header reader and ``TIFFResolutionPatcher``: both need the byte order and the
/// offset of each 12-byte entry.
struct TIFFDirectory {
    struct Entry {
        var tag: Int
        var type: Int
        var count: Int
        /// Offset of the entry's 4-byte value field in the file.
        var valueOffset: Int
    }

    static let maxEntries = 4096
    static let short = 3, long = 4, rational = 5

    var order: ByteOrder
    var entries: [Entry]

    init(_ source: some ByteSource) throws(ImageHeaderError) {
        let header = try source.exactly(8, at: 0, "the TIFF header")
        let order: ByteOrder
        switch (header[0], header[1]) {
        case (0x49, 0x49): order = .little
        case (0x4D, 0x4D): order = .big
        default: throw .unknownFormat
        }
        self.order = order
        guard order.uint16(header, 2) == 42 else { throw .malformed("the TIFF magic number is not 42") }
        let ifd = order.uint32(header, 4)
        guard ifd >= 8 else { throw .malformed("the TIFF directory offset \(ifd) points into the header") }
        let count = order.uint16(try source.exactly(2, at: ifd, "the TIFF directory"), 0)
        guard count > 0, count <= Self.maxEntries else { throw .malformed("the TIFF directory has \(count) entries") }
        let table = try source.exactly(count * 12, at: ifd + 2, "the TIFF directory entries")
        entries = (0..<count).map { index in
            let base = index * 12
            return Entry(
                tag: order.uint16(table, base), type: order.uint16(table, base + 2),
                count: order.uint32(table, base + 4), valueOffset: ifd + 2 + base + 8)
        }
    }

    func entry(_ tag: Int) -> Entry? { entries.first { $0.tag == tag } }

    /// A single SHORT or LONG value stored in the entry itself.
    func integer(_ tag: Int, _ name: String, in source: some ByteSource) throws(ImageHeaderError) -> Int {
        guard let entry = entry(tag) else { throw .malformed("the TIFF has no \(name) tag") }
        guard entry.count == 1, entry.type == Self.short || entry.type == Self.long else {
            throw .malformed("the TIFF \(name) tag is not a single SHORT or LONG")
        }
        let value = try source.exactly(4, at: entry.valueOffset, "the TIFF \(name)")
        return entry.type == Self.short ? order.uint16(value, 0) : order.uint32(value, 0)
    }
}

/// The TIFF header reader: width (tag 256) and length (257) of the first image.
enum TIFFHeader {
    static func read(_ source: some ByteSource) throws(ImageHeaderError) -> ImageHeader {
        let directory = try TIFFDirectory(source)
        let width = try ImageHeader.dimension(directory.integer(256, "width", in: source), "width")
        let height = try ImageHeader.dimension(directory.integer(257, "length", in: source), "height")
        return ImageHeader(format: .tiff, width: width, height: height)
    }
}

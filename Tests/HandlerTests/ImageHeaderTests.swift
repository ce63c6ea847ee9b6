import Testing

@testable import Handler

/// Table tests of the PNG, JPEG and TIFF header readers, including truncated and hostile headers.
@Suite struct ImageHeaderTests {
    // MARK: - Builders

    static func jpeg(_ segments: [[UInt8]]) -> [UInt8] { [0xFF, 0xD8] + segments.flatMap { $0 } }
    static func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
        [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
    }
    static func sof(_ marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        segment(marker, [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3] + [UInt8](repeating: 1, count: 9))
    }

    /// A TIFF with one IFD at `ifdOffset` holding `entries` (tag, type, count, value field).
    static func tiff(bigEndian: Bool = false, entries: [(Int, Int, Int, Int)], ifdOffset: Int = 8, count: Int? = nil) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var bytes: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(ifdOffset)
        bytes += [UInt8](repeating: 0, count: max(0, ifdOffset - 8))
        bytes += u16(count ?? entries.count)
        for (tag, type, count, value) in entries {
            // SHORT values sit in the first two bytes of the value field.
            bytes += u16(tag) + u16(type) + u32(count) + (type == 3 ? u16(value) + [0, 0] : u32(value))
        }
        return bytes + u32(0)
    }

    // MARK: - Valid headers

    static let valid: [(String, [UInt8], ImageHeader)] = [
        ("png", ImageTestPNG.header(width: 640, height: 480), ImageHeader(format: .png, width: 640, height: 480)),
        ("png 30000²", ImageTestPNG.header(width: 30_000, height: 30_000), ImageHeader(format: .png, width: 30_000, height: 30_000)),
        ("jpeg baseline", jpeg([sof(width: 1024, height: 768)]), ImageHeader(format: .jpeg, width: 1024, height: 768)),
        ("jpeg progressive after APP0, APP1, DQT, DHT", jpeg([segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0]), segment(0xE1, [UInt8](repeating: 7, count: 5000)), segment(0xDB, [UInt8](repeating: 1, count: 65)), segment(0xC4, [0, 1, 2]), sof(0xC2, width: 3, height: 65_535)]), ImageHeader(format: .jpeg, width: 3, height: 65_535)),
        ("jpeg fill bytes and RST before SOF", [0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xD0] + sof(width: 10, height: 20), ImageHeader(format: .jpeg, width: 10, height: 20)),
        ("tiff little endian SHORT", tiff(entries: [(256, 3, 1, 2700), (257, 3, 1, 3600)]), ImageHeader(format: .tiff, width: 2700, height: 3600)),
        ("tiff big endian LONG", tiff(bigEndian: true, entries: [(257, 4, 1, 70_000), (256, 4, 1, 100_000)]), ImageHeader(format: .tiff, width: 100_000, height: 70_000)),
        ("tiff IFD after padding", tiff(entries: [(256, 3, 1, 5), (257, 3, 1, 6)], ifdOffset: 100), ImageHeader(format: .tiff, width: 5, height: 6)),
    ]

    @Test(arguments: valid.indices)
    func readsValidHeaders(_ index: Int) throws {
        let (name, bytes, expected) = Self.valid[index]
        #expect(try ImageHeader.read(bytes) == expected, "\(name)")
    }

    // MARK: - Bad headers

    static var badIHDR: [UInt8] {
        var bytes = ImageTestPNG.header(width: 10, height: 10)
        bytes[20] ^= 0xFF
        return bytes
    }

    static let invalid: [(String, [UInt8], ImageHeaderError)] = [
        ("empty", [], .unknownFormat),
        ("text", Array("hello, not an image".utf8), .unknownFormat),
        ("gif", Array("GIF89a".utf8) + [1, 0, 1, 0], .unknownFormat),
        ("png signature only", PNGHeader.signature, .truncated("the PNG IHDR chunk")),
        ("png bad CRC", badIHDR, .malformed("the PNG IHDR checksum does not match")),
        ("png zero width", ImageTestPNG.header(width: 0, height: 10), .malformed("width is 0")),
        ("png width 2^31", ImageTestPNG.header(width: 1 << 31, height: 1), .malformed("width 2147483648 exceeds 1048576")),
        ("png IDAT first", PNGHeader.signature + ImageTestPNG.chunk("IDAT", [UInt8](repeating: 0, count: 13)), .malformed("the PNG does not start with an IHDR chunk")),
        ("png IHDR length 12", PNGHeader.signature + ImageTestPNG.chunk("IHDR", [UInt8](repeating: 1, count: 12)) + [0], .malformed("the PNG IHDR length is not 13")),
        ("jpeg SOI only", [0xFF, 0xD8], .truncated("a JPEG marker")),
        ("jpeg SOS before SOF", jpeg([segment(0xDA, [1, 2, 3])]), .malformed("the JPEG has no frame header before its image data")),
        ("jpeg EOI before SOF", [0xFF, 0xD8, 0xFF, 0xD9], .malformed("the JPEG has no frame header before its image data")),
        ("jpeg segment length 0", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0], .malformed("a JPEG segment length is 0")),
        ("jpeg garbage after SOI", [0xFF, 0xD8, 0x00, 0x00], .malformed("expected a JPEG marker at byte 2")),
        ("jpeg segment longer than file", [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 1, 2], .truncated("a JPEG marker")),
        ("jpeg SOF cut short", jpeg([segment(0xC0, [8, 0])]), .malformed("the JPEG frame header is 4 bytes long")),
        ("jpeg SOF longer than the file", Array(jpeg([sof(width: 10, height: 10)]).dropLast()), .truncated("the JPEG frame header")),
        ("jpeg zero height (DNL)", jpeg([sof(width: 10, height: 0)]), .malformed("height is 0")),
        ("jpeg endless RST markers", [0xFF, 0xD8] + Array([[UInt8]](repeating: [0xFF, 0xD0], count: 5000).joined()), .malformed("no JPEG frame header within 4096 segments")),
        ("tiff header only", [0x49, 0x49, 42, 0], .truncated("the TIFF header")),
        ("tiff bad magic", [0x49, 0x49, 43, 0, 8, 0, 0, 0, 0, 0], .unknownFormat),
        ("tiff IFD offset 0", tiff(entries: [(256, 3, 1, 1)], ifdOffset: 8).enumerated().map { $0.offset == 4 ? 0 : $0.element }, .malformed("the TIFF directory offset 0 points into the header")),
        ("tiff IFD past the end", [0x49, 0x49, 42, 0, 0xFF, 0xFF, 0xFF, 0x7F], .truncated("the TIFF directory")),
        ("tiff zero entries", tiff(entries: []), .malformed("the TIFF directory has 0 entries")),
        ("tiff 60000 entries claimed", tiff(entries: [(256, 3, 1, 1)], count: 60_000), .malformed("the TIFF directory has 60000 entries")),
        ("tiff 4000 entries claimed, 1 present", tiff(entries: [(256, 3, 1, 1)], count: 4000), .truncated("the TIFF directory entries")),
        ("tiff without length", tiff(entries: [(256, 3, 1, 10)]), .malformed("the TIFF has no length tag")),
        ("tiff width as RATIONAL", tiff(entries: [(256, 5, 1, 8), (257, 3, 1, 10)]), .malformed("the TIFF width tag is not a single SHORT or LONG")),
        ("tiff width with count 2", tiff(entries: [(256, 3, 2, 10), (257, 3, 1, 10)]), .malformed("the TIFF width tag is not a single SHORT or LONG")),
        ("tiff zero width", tiff(entries: [(256, 3, 1, 0), (257, 3, 1, 10)]), .malformed("width is 0")),
    ]

    @Test(arguments: invalid.indices)
    func rejectsBadHeaders(_ index: Int) {
        let (name, bytes, expected) = Self.invalid[index]
        #expect(throws: expected, "\(name)") { try ImageHeader.read(bytes) }
    }

    @Test("every error becomes exit 65 with a message")
    func errorsAreBadInput() {
        for error in [ImageHeaderError.unknownFormat, .truncated("x"), .malformed("y"), .unreadable("z")] {
            #expect(error.jobError.code == .badInput)
            #expect(!error.jobError.message.isEmpty)
        }
    }

    // MARK: - Fuzz-ish

    /// Every prefix of every valid header is refused (never a crash, never a made-up size).
    @Test func everyTruncationIsRefused() {
        for (name, bytes, _) in Self.valid {
            let needed = name.hasPrefix("tiff") ? bytes.count - 4 : bytes.count
            for length in 0..<needed {
                let prefix = Array(bytes.prefix(length))
                let result = Result { () throws(ImageHeaderError) in try ImageHeader.read(prefix) }
                if case .success(let header) = result {
                    Issue.record("\(name) cut at \(length) of \(needed) bytes read as \(header)")
                }
            }
        }
    }

    /// Random bytes after each magic number, and random single-byte corruptions of valid headers:
    /// the readers return a sane size or throw, for thousands of deterministic inputs.
    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let magics: [[UInt8]] = [PNGHeader.signature, [0xFF, 0xD8], [0x49, 0x49, 42, 0], [0x4D, 0x4D, 0, 42]]
        var inputs: [[UInt8]] = []
        for round in 0..<2000 {
            let length = Int(next() % 96)
            inputs.append(magics[round % magics.count] + (0..<length).map { _ in UInt8(next() & 0xFF) })
        }
        for (_, bytes, _) in Self.valid {
            for _ in 0..<200 {
                var corrupt = bytes
                corrupt[Int(next() % UInt64(bytes.count))] = UInt8(next() & 0xFF)
                inputs.append(corrupt)
            }
        }
        var accepted = 0
        for bytes in inputs {
            if let header = try? ImageHeader.read(bytes) {
                accepted += 1
                #expect(header.width > 0 && header.width <= ImageHeader.maxSide)
                #expect(header.height > 0 && header.height <= ImageHeader.maxSide)
            }
        }
        #expect(accepted < inputs.count, "random input must be refused at least sometimes")
    }
}

/// The JPEG frame header: walks the marker segments from SOI to the first SOF.
///
/// EXIF and ICC segments (APPn, up to 64 KiB each) may come first, so segments are skipped by
/// their length fields rather than searching a fixed prefix; the walk is capped so a file of
/// endless empty segments cannot keep us busy.
enum JPEGHeader {
    static let maxSegments = 4096

    /// Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC share
    /// the range but are DHT, JPG and DAC.
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
    }

    static func read(_ source: some ByteSource) throws(ImageHeaderError) -> ImageHeader {
        var offset = 2
        for _ in 0..<maxSegments {
            var marker = try source.exactly(2, at: offset, "a JPEG marker")
            guard marker[0] == 0xFF else { throw .malformed("expected a JPEG marker at byte \(offset)") }
            // Any number of 0xFF fill bytes may precede the marker code.
            while marker[1] == 0xFF {
                offset += 1
                marker = try source.exactly(2, at: offset, "a JPEG marker")
            }
            let code = marker[1]
            if code == 0x01 || (0xD0...0xD7).contains(code) {
                offset += 2
                continue
            }
            if code == 0xD9 || code == 0xDA {
                throw .malformed("the JPEG has no frame header before its image data")
            }
            let length = ByteOrder.big.uint16(try source.exactly(2, at: offset + 2, "a JPEG segment length"), 0)
            guard length >= 2 else { throw .malformed("a JPEG segment length is \(length)") }
            if isStartOfFrame(code) {
                // The whole segment must be there: a frame header cut short is a truncated file.
                guard length >= 8 else { throw .malformed("the JPEG frame header is \(length) bytes long") }
                let frame = try source.exactly(length - 2, at: offset + 4, "the JPEG frame header")
                let height = try ImageHeader.dimension(ByteOrder.big.uint16(frame, 1), "height")
                let width = try ImageHeader.dimension(ByteOrder.big.uint16(frame, 3), "width")
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            offset += 2 + length
        }
        throw .malformed("no JPEG frame header within \(maxSegments) segments")
    }
}

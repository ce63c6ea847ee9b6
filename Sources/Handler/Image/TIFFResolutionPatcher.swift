import Foundation

/// Sets a TIFF's resolution to the print's DPI in place, after Blender wrote it.
///
/// Blender 3.4 has no DPI setting for renders and always writes 72 dpi. The tags are already there
/// (XResolution 282 and YResolution 283 as RATIONALs stored outside the IFD, ResolutionUnit 296 as
/// an inline SHORT), so patching is a handful of byte writes — no re-encode of a 78 MP image.
/// Blender also labels deflate with the legacy code 32946; the same data under the registered code 8
/// is what readers expect, so that is rewritten too.
public enum TIFFResolutionPatcher {
    public static let xResolution = 282, yResolution = 283, resolutionUnit = 296, compression = 259
    public static let unitInch = 2
    static let legacyDeflate = 32946, adobeDeflate = 8

    /// One write into the file: `bytes` at `offset`.
    public struct Edit: Sendable, Equatable {
        public var offset: Int
        public var bytes: [UInt8]
    }

    /// The writes that set the resolution of a TIFF whose first IFD holds the three resolution tags.
    ///
    /// Pure: the handler applies them to the file with a few seeks, the tests to an array.
    /// - Throws: ``ImageHeaderError/malformed(_:)`` when a tag is missing or has an unexpected type.
    public static func edits(for source: some ByteSource, dpi: Int) throws(ImageHeaderError) -> [Edit] {
        guard dpi > 0, dpi < 1 << 31 else { throw .malformed("dpi \(dpi) cannot be stored") }
        let directory = try TIFFDirectory(source)
        let order = directory.order
        var edits: [Edit] = []
        for tag in [xResolution, yResolution] {
            guard let entry = directory.entry(tag), entry.type == TIFFDirectory.rational, entry.count == 1 else {
                throw .malformed("the TIFF has no single RATIONAL tag \(tag)")
            }
            let offset = order.uint32(try source.exactly(4, at: entry.valueOffset, "tag \(tag)"), 0)
            _ = try source.exactly(8, at: offset, "the value of tag \(tag)")
            var value = [UInt8](repeating: 0, count: 8)
            order.put32(dpi, into: &value, at: 0)
            order.put32(1, into: &value, at: 4)
            edits.append(Edit(offset: offset, bytes: value))
        }
        guard let unit = directory.entry(resolutionUnit), unit.type == TIFFDirectory.short, unit.count == 1 else {
            throw .malformed("the TIFF has no single SHORT tag \(resolutionUnit)")
        }
        edits.append(Edit(offset: unit.valueOffset, bytes: short(unitInch, order)))
        if let codec = directory.entry(compression), codec.type == TIFFDirectory.short, codec.count == 1,
            order.uint16(try source.exactly(2, at: codec.valueOffset, "the compression tag"), 0) == legacyDeflate
        {
            edits.append(Edit(offset: codec.valueOffset, bytes: short(adobeDeflate, order)))
        }
        return edits
    }

    /// Applies ``edits(for:dpi:)`` to bytes in memory.
    public static func patch(_ bytes: inout [UInt8], dpi: Int) throws(ImageHeaderError) {
        for edit in try edits(for: bytes, dpi: dpi) {
            bytes.replaceSubrange(edit.offset..<(edit.offset + edit.bytes.count), with: edit.bytes)
        }
    }

    /// Applies ``edits(for:dpi:)`` to the file at `path` in place.
    public static func patch(path: String, dpi: Int) throws(ImageHeaderError) {
        let edits = try edits(for: try FileByteSource(path: path), dpi: dpi)
        do {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            for edit in edits {
                try handle.seek(toOffset: UInt64(edit.offset))
                try handle.write(contentsOf: edit.bytes)
            }
            try handle.synchronize()
        } catch {
            throw .unreadable("\(path): \(error)")
        }
    }

    private static func short(_ value: Int, _ order: ByteOrder) -> [UInt8] {
        var bytes: [UInt8] = [0, 0]
        order.put16(value, into: &bytes, at: 0)
        return bytes
    }

    /// Reads the resolution back: (x dpi, y dpi, unit). Used by tests and by the handler to verify.
    public static func resolution(of source: some ByteSource) throws(ImageHeaderError) -> (x: Double, y: Double, unit: Int) {
        let directory = try TIFFDirectory(source)
        func rational(_ tag: Int) throws(ImageHeaderError) -> Double {
            guard let entry = directory.entry(tag), entry.type == TIFFDirectory.rational, entry.count == 1 else {
                throw .malformed("the TIFF has no single RATIONAL tag \(tag)")
            }
            let offset = directory.order.uint32(try source.exactly(4, at: entry.valueOffset, "tag \(tag)"), 0)
            let value = try source.exactly(8, at: offset, "the value of tag \(tag)")
            let denominator = directory.order.uint32(value, 4)
            guard denominator != 0 else { throw .malformed("tag \(tag) has a zero denominator") }
            return Double(directory.order.uint32(value, 0)) / Double(denominator)
        }
        return (try rational(xResolution), try rational(yResolution), try directory.integer(resolutionUnit, "resolution unit", in: source))
    }
}

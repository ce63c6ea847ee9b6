import Foundation
import Testing

@testable import Handler

/// The in-place TIFF resolution patcher, on hand-built TIFFs in both byte orders.
@Suite struct ImageTIFFPatcherTests {
    /// A TIFF laid out like Blender's: IFD at 8, RATIONAL values after it.
    static func blenderLike(bigEndian: Bool, compression: Int = 32946, withUnit: Bool = true, rationalAt: Int? = nil) -> [UInt8] {
        var entries: [(Int, Int, Int, Int)] = [(256, 3, 1, 4), (257, 3, 1, 2), (259, 3, 1, compression)]
        let entryCount = 5 + (withUnit ? 1 : 0)
        let valuesAt = 8 + 2 + 12 * entryCount + 4
        entries.append((282, 5, 1, rationalAt ?? valuesAt))
        entries.append((283, 5, 1, (rationalAt ?? valuesAt) + 8))
        if withUnit { entries.append((296, 3, 1, 2)) }
        var bytes = ImageHeaderTests.tiff(bigEndian: bigEndian, entries: entries)
        func u32(_ v: Int) -> [UInt8] {
            let b = [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            return bigEndian ? b : b.reversed()
        }
        bytes += u32(72) + u32(1) + u32(72) + u32(1)
        return bytes
    }

    @Test(arguments: [false, true])
    func setsDpiAndUnit(bigEndian: Bool) throws {
        var bytes = Self.blenderLike(bigEndian: bigEndian)
        let before = try ImageTestTIFF(bytes)
        #expect(before.tags[282] == [72] && before.tags[283] == [72])
        try TIFFResolutionPatcher.patch(&bytes, dpi: 300)
        let after = try ImageTestTIFF(bytes)
        #expect(after.tags[282] == [300])
        #expect(after.tags[283] == [300])
        #expect(after.value(296) == 2)
        #expect(after.value(259) == 8, "legacy deflate 32946 relabelled as 8")
        #expect(after.width == 4 && after.height == 2)
        let read = try TIFFResolutionPatcher.resolution(of: bytes)
        #expect(read.x == 300 && read.y == 300 && read.unit == 2)
    }

    @Test func patchingTwiceIsTheSame() throws {
        var once = Self.blenderLike(bigEndian: false)
        try TIFFResolutionPatcher.patch(&once, dpi: 600)
        var twice = once
        try TIFFResolutionPatcher.patch(&twice, dpi: 600)
        #expect(once == twice)
        #expect(once.count == Self.blenderLike(bigEndian: false).count, "patched in place, nothing appended")
    }

    @Test func otherCompressionIsLeftAlone() throws {
        var bytes = Self.blenderLike(bigEndian: false, compression: 5)
        try TIFFResolutionPatcher.patch(&bytes, dpi: 150)
        #expect(try ImageTestTIFF(bytes).value(259) == 5)
    }

    static let failures: [(String, [UInt8], Int, ImageHeaderError)] = [
        ("no unit tag", blenderLike(bigEndian: false, withUnit: false), 300, .malformed("the TIFF has no single SHORT tag 296")),
        ("rational past the end", blenderLike(bigEndian: true, rationalAt: 10_000), 300, .truncated("the value of tag 282")),
        ("no resolution at all", ImageHeaderTests.tiff(entries: [(256, 3, 1, 1), (257, 3, 1, 1)]), 300, .malformed("the TIFF has no single RATIONAL tag 282")),
        ("not a TIFF", ImageTestPNG.header(width: 1, height: 1), 300, .unknownFormat),
        ("dpi 0", blenderLike(bigEndian: false), 0, .malformed("dpi 0 cannot be stored")),
    ]

    @Test(arguments: failures.indices)
    func refusesWhatItCannotPatch(_ index: Int) {
        let (name, bytes, dpi, expected) = Self.failures[index]
        var copy = bytes
        #expect(throws: expected, "\(name)") { try TIFFResolutionPatcher.patch(&copy, dpi: dpi) }
        #expect(copy == bytes, "\(name): a refused patch changes nothing")
    }

    @Test func patchesAFileInPlace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("patch-\(UUID().uuidString).tiff").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.blenderLike(bigEndian: true)).write(to: URL(fileURLWithPath: path))
        try TIFFResolutionPatcher.patch(path: path, dpi: 300)
        let patched = try ImageTestTIFF(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(patched.tags[282] == [300] && patched.tags[283] == [300] && patched.value(296) == 2)
    }
}

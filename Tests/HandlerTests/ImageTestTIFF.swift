import Foundation

/// An independent little TIFF reader for tests: every tag of the first IFD, and the pixels of a
/// single-image 8-bit RGB file (deflate strips inflated by Python's zlib: Foundation on Linux has
/// no inflate and the test should not trust our own code to check our own output).
struct ImageTestTIFF {
    var littleEndian: Bool
    /// Tag → values (SHORT/LONG as integers, RATIONAL as numerator/denominator).
    var tags: [Int: [Double]] = [:]
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 8 else { throw TestTIFFError.bad("short file") }
        littleEndian = bytes[0] == 0x49
        func u16(_ at: Int) -> Int { littleEndian ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { littleEndian ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2) }
        guard u16(2) == 42 else { throw TestTIFFError.bad("magic") }
        let ifd = u32(4)
        for index in 0..<u16(ifd) {
            let entry = ifd + 2 + 12 * index
            let (tag, type, count) = (u16(entry), u16(entry + 2), u32(entry + 4))
            let size = [3: 2, 4: 4, 5: 8][type] ?? 1
            let base = size * count > 4 ? u32(entry + 8) : entry + 8
            tags[tag] = (0..<count).map { item in
                switch type {
                case 3: Double(u16(base + 2 * item))
                case 4: Double(u32(base + 4 * item))
                case 5: Double(u32(base + 8 * item)) / Double(u32(base + 8 * item + 4))
                default: Double(bytes[base + item])
                }
            }
        }
    }

    func value(_ tag: Int) -> Int? { tags[tag]?.first.map { Int($0) } }
    var width: Int { value(256) ?? 0 }
    var height: Int { value(257) ?? 0 }

    /// Interleaved 8-bit RGB, row by row.
    func rgb() throws -> [UInt8] {
        guard tags[258] == [8, 8, 8], value(277) == 3, value(284) ?? 1 == 1 else { throw TestTIFFError.bad("not 8-bit RGB") }
        let offsets = tags[273] ?? [], counts = tags[279] ?? []
        var compressed: [[UInt8]] = []
        for (offset, count) in zip(offsets, counts) { compressed.append(Array(bytes[Int(offset)..<Int(offset + count)])) }
        var pixels: [UInt8] = []
        for strip in compressed {
            switch value(259) {
            case 1: pixels += strip
            case 8, 32946: pixels += try Self.inflate(strip)
            default: throw TestTIFFError.bad("compression \(value(259) ?? -1)")
            }
        }
        guard pixels.count == width * height * 3 else { throw TestTIFFError.bad("\(pixels.count) bytes of pixels") }
        return pixels
    }

    static func inflate(_ data: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in"), output = directory.appendingPathComponent("out")
        try Data(data).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sys, zlib; open(sys.argv[2], 'wb').write(zlib.decompress(open(sys.argv[1], 'rb').read()))",
            input.path, output.path,
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestTIFFError.bad("python zlib failed") }
        return Array(try Data(contentsOf: output))
    }
}

enum TestTIFFError: Error { case bad(String) }

/// The frame size from a JPEG's SOF segment, parsed independently of the production reader.
func testJPEGSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    var index = 2
    while index + 9 < bytes.count, bytes[index] == 0xFF {
        let marker = bytes[index + 1]
        let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
        if [0xC0, 0xC1, 0xC2].contains(marker) {
            return (Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]), Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]))
        }
        index += 2 + length
    }
    return nil
}

/// Mean absolute difference of two equally sized byte buffers, in 0...255.
func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
    precondition(a.count == b.count)
    var total = 0
    for index in a.indices { total += abs(Int(a[index]) - Int(b[index])) }
    return Double(total) / Double(max(a.count, 1))
}

import Foundation

@testable import Handler

/// A minimal PNG encoder for tests: 8-bit RGB, zlib "stored" (uncompressed) blocks, real CRCs.
///
/// Tests make their own photos so nothing binary is checked in and the pixel values are known.
enum ImageTestPNG {
    static func encode(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw += [r, g, b]
            }
        }
        return header(width: width, height: height) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    /// Signature and IHDR only: enough for a header reader, nothing for a decoder.
    static func header(width: Int, height: Int) -> [UInt8] {
        PNGHeader.signature + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(CRC32.checksum(body)))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(Int(b << 16 | a))
    }
}

/// The test photo: a colour gradient with a red disc and a blue rectangle, so every style has
/// edges to draw and colours to shift, and `none` can be compared with the known pixels.
enum TestPhoto {
    static func pixel(x: Int, y: Int, width: Int, height: Int) -> (UInt8, UInt8, UInt8) {
        let u = Double(x) / Double(width), v = Double(y) / Double(height)
        let dx = u - 0.3, dy = v - 0.4
        if dx * dx + dy * dy < 0.15 * 0.15 { return (220, 30, 40) }
        if (0.55...0.85).contains(u), (0.2...0.7).contains(v) { return (30, 60, 200) }
        return (UInt8(u * 255), UInt8(v * 255), 128)
    }

    static func png(width: Int = 800, height: Int = 600) -> [UInt8] {
        ImageTestPNG.encode(width: width, height: height) { pixel(x: $0, y: $1, width: width, height: height) }
    }
}

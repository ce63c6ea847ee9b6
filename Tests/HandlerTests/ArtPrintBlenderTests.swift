import Foundation
import Runtime
import Testing

@testable import Handler

/// `art-print` end to end with real Blender, one job at a time (each print is 1–20 s on 2 cores).
///
/// Presets that only need their pixel size checked run at 72 dpi; 9x12 and 24x36 run at 300 dpi,
/// as a shop would print them.
@Suite("art-print with real Blender", .serialized, .enabled(if: blenderInstalled || ProcessInfo.processInfo.environment["CI"] == "true"))
struct ArtPrintBlenderTests {
    static let photoWidth = 800, photoHeight = 600

    struct Print {
        var tiff: ImageTestTIFF
        var jpegSize: (width: Int, height: Int)
    }

    static func read(_ outcome: JobOutcome) throws -> Print {
        #expect(outcome.files.map(\.name) == ["print.tiff", "preview.jpg"])
        #expect(outcome.files.map(\.contentType) == ["image/tiff", "image/jpeg"])
        let tiffBytes = Array(try Data(contentsOf: try #require(outcome.files.first).localURL))
        let jpegBytes = Array(try Data(contentsOf: try #require(outcome.files.last).localURL))
        return Print(tiff: try ImageTestTIFF(tiffBytes), jpegSize: try #require(testJPEGSize(jpegBytes)))
    }

    static let presetRuns: [(preset: String, dpi: Int)] = [
        ("9x12", 300), ("12x16", 72), ("16x20", 72), ("18x24", 72), ("24x36", 300),
    ]

    @Test("each preset: exact pixel size, dpi in the resolution tags, 8-bit RGB deflate, 1200 px preview",
          arguments: presetRuns)
    func preset(_ preset: String, dpi: Int) async throws {
        let fixture = try ArtPrintFixture()
        let photo = try fixture.photo(TestPhoto.png(width: Self.photoWidth, height: Self.photoHeight))
        let started = ContinuousClock.now
        let outcome = try await fixture.run(
            json(#"{"preset": "\#(preset)", "dpi": \#(dpi), "style": "none"}"#), photo: photo)
        let elapsed = ContinuousClock.now - started
        let print = try Self.read(outcome)
        let inches = try #require(PrintPreset.named(preset))
        // The photo is landscape, so auto orientation makes the long side the width.
        #expect(print.tiff.width == Int(inches.longInches) * dpi, "\(preset) width")
        #expect(print.tiff.height == Int(inches.shortInches) * dpi, "\(preset) height")
        #expect(print.tiff.tags[282] == [Double(dpi)] && print.tiff.tags[283] == [Double(dpi)], "\(preset) resolution")
        #expect(print.tiff.value(296) == 2, "resolution unit inch")
        #expect(print.tiff.tags[258] == [8, 8, 8] && print.tiff.value(277) == 3, "8-bit RGB")
        #expect([5, 8].contains(print.tiff.value(259) ?? 0), "deflate or LZW")
        let previewHeight = Int((1200 * inches.shortInches / inches.longInches).rounded())
        #expect(print.jpegSize.width == 1200 && print.jpegSize.height == previewHeight, "preview \(print.jpegSize)")
        #expect(outcome.metrics["dpi"] == .number(Double(dpi)))
        #expect(outcome.tool == ToolInfo(name: "blender", version: "3.4.1"))
        print_("art-print \(preset) at \(dpi) dpi: \(print.tiff.width)×\(print.tiff.height) in \(elapsed)")

        if preset == "9x12" {
            let pixels = try print.tiff.rgb()
            let expected = Self.expectedNone(width: print.tiff.width, height: print.tiff.height)
            let difference = meanAbsoluteDifference(pixels, expected)
            #expect(difference <= 2, "style none must keep the colours: mean difference \(difference)")
        }
    }

    /// The test photo sampled at each print pixel's centre (cover fit; the photo is 4:3 like 12x9).
    static func expectedNone(width: Int, height: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * height * 3)
        for y in 0..<height {
            let sy = min(photoHeight - 1, Int((Double(y) + 0.5) * Double(photoHeight) / Double(height)))
            for x in 0..<width {
                let sx = min(photoWidth - 1, Int((Double(x) + 0.5) * Double(photoWidth) / Double(width)))
                let (r, g, b) = TestPhoto.pixel(x: sx, y: sy, width: photoWidth, height: photoHeight)
                bytes += [r, g, b]
            }
        }
        return bytes
    }

    @Test("every style changes the picture measurably, and differently from the others")
    func styles() async throws {
        let fixture = try ArtPrintFixture()
        let photo = try fixture.photo(TestPhoto.png(width: Self.photoWidth, height: Self.photoHeight))
        var results: [ArtPrintStyle: [UInt8]] = [:]
        for style in ArtPrintStyle.allCases {
            let outcome = try await fixture.run(json(#"{"dpi": 72, "style": "\#(style.rawValue)"}"#), photo: photo)
            let print = try Self.read(outcome)
            #expect(print.tiff.width == 864 && print.tiff.height == 648)
            results[style] = try print.tiff.rgb()
        }
        let plain = try #require(results[.none])
        #expect(meanAbsoluteDifference(plain, Self.expectedNone(width: 864, height: 648)) <= 2)
        for style in ArtPrintStyle.allCases where style != .none {
            let styled = try #require(results[style])
            let difference = meanAbsoluteDifference(styled, plain)
            #expect(difference >= 4, "\(style) differs from the photo by only \(difference) / 255")
            for other in ArtPrintStyle.allCases where other != .none && other.rawValue < style.rawValue {
                let apart = meanAbsoluteDifference(styled, try #require(results[other]))
                #expect(apart >= 2, "\(style) and \(other) are nearly the same (\(apart))")
            }
        }
        // Pencil is graphite: grey everywhere.
        let pencil = try #require(results[.pencil])
        let colourful = stride(from: 0, to: pencil.count, by: 3).filter { index in
            max(pencil[index], pencil[index + 1], pencil[index + 2]) - min(pencil[index], pencil[index + 1], pencil[index + 2]) > 3
        }
        #expect(colourful.isEmpty, "\(colourful.count) coloured pixels in a pencil drawing")
    }

    @Test("contain pads with padColor; portrait orientation overrides the photo's aspect")
    func containPads() async throws {
        let fixture = try ArtPrintFixture()
        let photo = try fixture.photo(TestPhoto.png(width: Self.photoWidth, height: Self.photoHeight))
        let outcome = try await fixture.run(
            json(##"{"dpi": 72, "fit": "contain", "orientation": "portrait", "padColor": "#00FF00"}"##), photo: photo)
        let print = try Self.read(outcome)
        #expect(print.tiff.width == 648 && print.tiff.height == 864)
        #expect(print.jpegSize.width == 900 && print.jpegSize.height == 1200)
        let pixels = try print.tiff.rgb()
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(pixels[(y * 648 + x) * 3..<(y * 648 + x) * 3 + 3]) }
        // 800×600 into 648 wide is 486 tall: (864 − 486) / 2 = 189 rows of padding above and below.
        for (x, y) in [(5, 5), (324, 100), (640, 180), (324, 760), (10, 860)] {
            #expect(pixel(x, y) == [0, 255, 0], "padding at \(x),\(y) is \(pixel(x, y))")
        }
        #expect(pixel(324, 432) != [0, 255, 0], "the photo is in the middle")
    }

    @Test("a 30000×30000 PNG header is refused in under a second, before Blender starts")
    func decompressionBomb() async throws {
        let fixture = try ArtPrintFixture()
        let photo = try fixture.photo(ImageTestPNG.header(width: 30_000, height: 30_000) + ImageTestPNG.chunk("IEND", []))
        let runner = RefusingRunner()
        let started = ContinuousClock.now
        let error = await #expect(throws: JobError.self) { try await fixture.run(json("{}"), photo: photo, runner: runner) }
        // Refused from the header alone (no decode, no Blender): generous bound, the machines are shared.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("900000000 pixels, more than maxPixels 100000000") == true, "\(String(describing: error))")
        #expect(runner.started.isEmpty)
    }

    @Test("a lower maxPixels is honoured; a text file is not an image; both before Blender")
    func refusedBeforeBlender() async throws {
        let fixture = try ArtPrintFixture()
        let runner = RefusingRunner()
        let photo = try fixture.photo(TestPhoto.png(width: 80, height: 60))
        let small = await #expect(throws: JobError.self) {
            try await fixture.run(json(#"{"maxPixels": 4000}"#), photo: photo, runner: runner)
        }
        #expect(small?.code == .badInput)
        let text = try fixture.photo(Array("just some words".utf8), name: "photo.jpg")
        let notImage = await #expect(throws: JobError.self) { try await fixture.run(json("{}"), photo: text, runner: runner) }
        #expect(notImage == .badInput("the image is not a PNG, JPEG or TIFF file"))
        #expect(runner.started.isEmpty)
    }

    @Test("a PNG with a good header and corrupt pixels is bad input (65) from Blender")
    func corruptPixels() async throws {
        let fixture = try ArtPrintFixture()
        var bytes = TestPhoto.png(width: 64, height: 48)
        let idat = ImageTestPNG.header(width: 64, height: 48).count
        for index in (idat + 8)..<(bytes.count - 12) { bytes[index] = 0xA5 }
        let photo = try fixture.photo(bytes)
        let error = await #expect(throws: JobError.self) { try await fixture.run(json(#"{"dpi": 72}"#), photo: photo) }
        #expect(error?.code == .badInput, "\(String(describing: error))")
    }
}

/// `print` is shadowed by the local `print` values above.
func print_(_ text: String) { print(text) }

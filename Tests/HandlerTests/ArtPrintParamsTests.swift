import Testing

@testable import Handler
@testable import Runtime

/// Validation of `art-print` params and the pure size arithmetic.
/// A JSON literal for tables.
func json(_ text: String) -> JSONValue {
    (try? JSONParser.parse(Array(text.utf8))) ?? .null
}

@Suite struct ArtPrintParamsTests {
    @Test func defaultsAreFilledIn() throws {
        let params = try ArtPrintParams(validating: json("{}"))
        #expect(params.style == .none && params.preset == "9x12" && params.dpi == 300)
        #expect(params.orientation == .auto && params.fit == .cover && params.padColor == "#FFFFFF")
        #expect(params.maxPixels == 100_000_000)
        #expect(params.normalized["preset"] == .string("9x12"))
        #expect(params.normalized["dpi"] == .number(300))
    }

    static let sizes: [(JSONValue, Int, Int, (Int, Int))] = [
        (json(#"{"preset": "9x12"}"#), 4000, 3000, (3600, 2700)),
        (json(#"{"preset": "9x12"}"#), 3000, 4000, (2700, 3600)),
        (json(#"{"preset": "24x36"}"#), 100, 100, (7200, 10800)),
        (json(#"{"preset": "16x20", "orientation": "landscape"}"#), 10, 20, (6000, 4800)),
        (json(#"{"preset": "18x24", "orientation": "portrait", "dpi": 72}"#), 20, 10, (1296, 1728)),
        (json(#"{"widthInches": 10, "heightInches": 8.5, "dpi": 100}"#), 10, 20, (850, 1000)),
        (json(#"{"preset": "12x16", "dpi": 600}"#), 1, 1, (7200, 9600)),
    ]

    @Test(arguments: sizes.indices)
    func pixelSizes(_ index: Int) throws {
        let (json, photoWidth, photoHeight, expected) = Self.sizes[index]
        let size = try ArtPrintParams(validating: json).pixelSize(photoWidth: photoWidth, photoHeight: photoHeight)
        #expect(size.width == expected.0 && size.height == expected.1, "\(json.compactText)")
    }

    static let invalid: [(JSONValue, String)] = [
        (json(#"{"style": "cubism"}"#), "params.style"),
        (json(#"{"preset": "8x10"}"#), "params.preset"),
        (json(#"{"preset": "9x12", "widthInches": 5, "heightInches": 5}"#), "params.preset"),
        (json(#"{"widthInches": 5}"#), "params.heightInches"),
        (json(#"{"heightInches": 5}"#), "params.widthInches"),
        (json(#"{"widthInches": 0.5, "heightInches": 5}"#), "params.widthInches"),
        (json(#"{"dpi": 71}"#), "params.dpi"),
        (json(#"{"dpi": 601}"#), "params.dpi"),
        (json(#"{"dpi": 300.5}"#), "params.dpi"),
        (json(#"{"preset": "24x36", "dpi": 600}"#), "params.dpi"),
        (json(#"{"orientation": "diagonal"}"#), "params.orientation"),
        (json(#"{"fit": "stretch"}"#), "params.fit"),
        (json(#"{"padColor": "white"}"#), "params.padColor"),
        (json(##"{"padColor": "#GG0000"}"##), "params.padColor"),
        (json(#"{"maxPixels": 200000000}"#), "params.maxPixels"),
        (json(#"{"maxPixels": 0}"#), "params.maxPixels"),
        (json(#"{"stlye": "oil"}"#), "params.stlye"),
        (json(#""oil""#), "params"),
    ]

    @Test(arguments: invalid.indices)
    func rejects(_ index: Int) {
        let (json, path) = Self.invalid[index]
        let error = #expect(throws: JobError.self) { try ArtPrintParams(validating: json) }
        #expect(error?.code == .invalidJob)
        #expect(error?.detail["path"] == path, "\(json.compactText): \(String(describing: error))")
    }

    @Test func padColorIsNormalisedAndParsed() throws {
        let params = try ArtPrintParams(validating: json(##"{"padColor": "#ff8000"}"##))
        #expect(params.padColor == "#FF8000")
        #expect(ArtPrintParams.rgb(hex: "#FF8000") == [1, 128.0 / 255, 0])
        #expect(ArtPrintParams.rgb(hex: "#FF80") == nil)
    }

    @Test func presetListingAtADpi() throws {
        let listing = PrintPreset.listing(dpi: 150).json
        let presets = try #require(listing["presets"]?.arrayValue)
        #expect(presets.count == 5)
        #expect(presets.map { $0["name"]?.stringValue } == ["9x12", "12x16", "16x20", "18x24", "24x36"])
        #expect(presets.last?["widthPx"] == .number(3600) && presets.last?["heightPx"] == .number(5400))
        #expect(listing["dpi"] == .number(150))
    }
}

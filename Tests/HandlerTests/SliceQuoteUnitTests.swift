import Foundation
import Runtime
import Testing

@testable import Handler

/// Pure pieces of slice-quote: argv, output parsing, money, complexity, params.
@Suite struct SliceQuoteUnitTests {
    static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    // MARK: - argv

    @Test func sliceArgvLoadsProfilesThenOverrides() {
        let settings = PrusaSlicerCommand.SliceSettings(
            layerHeight: 0.2, infillPercent: 20, supports: .auto, rotation: .identity)
        #expect(
            PrusaSlicerCommand.slice(
                model: "/w/m.stl", profiles: ["/w/printer.ini", "/w/print.ini", "/w/filament.ini"], settings: settings,
                output: "/o/model.gcode")
                == [
                    "--export-gcode", "--load", "/w/printer.ini", "--load", "/w/print.ini", "--load", "/w/filament.ini",
                    "--layer-height", "0.2", "--fill-density", "20%", "--support-material", "--support-material-auto",
                    "--support-material-buildplate-only", "--output", "/o/model.gcode", "/w/m.stl",
                ])
    }

    @Test func solidInfillRotationAndSupports() {
        let settings = PrusaSlicerCommand.SliceSettings(
            layerHeight: 0.15, infillPercent: 100, supports: .none,
            rotation: ModelRotation(xDegrees: 180, yDegrees: -35.264389))
        let argv = PrusaSlicerCommand.slice(model: "m.stl", profiles: [], settings: settings, output: "g")
        #expect(
            argv == [
                "--export-gcode", "--layer-height", "0.15", "--fill-density", "100%", "--fill-pattern", "rectilinear",
                "--no-support-material", "--rotate-x", "180", "--rotate-y", "-35.264389", "--output", "g", "m.stl",
            ])
        let everywhere = PrusaSlicerCommand.SliceSettings(
            layerHeight: 0.2, infillPercent: 99, supports: .everywhere, rotation: .identity)
        let second = PrusaSlicerCommand.slice(model: "m", profiles: [], settings: everywhere, output: "g")
        #expect(second.contains("--no-support-material-buildplate-only"))
        #expect(!second.contains("--fill-pattern"))
    }

    @Test func readingArgv() {
        #expect(PrusaSlicerCommand.info(model: "/m.stl") == ["--info", "/m.stl"])
        #expect(
            PrusaSlicerCommand.convertToSTL(model: "/m.step", output: "/w/model.stl") == [
                "--export-stl", "--merge", "--output", "/w/model.stl", "/m.step",
            ])
    }

    // MARK: - Output

    @Test(arguments: [
        (
            "[2026-11-23 02:22:46.173458] [0x00007ff53fa89d80] [trace]   Initializing StaticPrintConfigs",
            PrusaSlicerOutput.LineKind.noise
        ),
        ("", .noise),
        ("30 => Preparing infill", .progress(30)),
        (
            "[2026-11-23 02:23:54.323107] [0x00007f944494ad80] [error]   stl_open_count_facets: The file trunc.stl has the wrong size.",
            .warning("stl_open_count_facets: The file trunc.stl has the wrong size.")
        ),
        (
            "error: The selected fill pattern is not supposed to work at 100% density",
            .warning("error: The selected fill pattern is not supposed to work at 100% density")
        ),
        ("Slicing result exported to cube.gcode", .other("Slicing result exported to cube.gcode")),
    ])
    func classifyLines(line: String, kind: PrusaSlicerOutput.LineKind) {
        #expect(PrusaSlicerOutput.classify(line) == kind)
    }

    @Test func stepErrorsBecomeReadable() {
        let result = ToolResult(
            termination: .exited(1),
            stdout:
                "[2026-11-23] [0x1] [trace]   Initializing StaticPrintConfigs\n\u{1B}[31;1m**** ERR StepFile : Undefined Parsing: Line 32: Incorrect syntax: unexpected end of file, expecting TYPE or IDENT or QUID or '('    ****\u{1B}[0m\n",
            stderr: "box.step: basic_string::erase: __pos (which is 18446744073709551615) > this->size() (which is 0)",
            duration: .zero)
        let error = PrusaSlicerOutput.unreadableModel(result, displayName: "box.step", format: .step)
        #expect(error.code == .badInput)
        #expect(
            error.message
                == "the STEP model box.step could not be read: it is not a valid STEP (ISO 10303-21) file or it has no solid bodies: Undefined Parsing: Line 32: Incorrect syntax: unexpected end of file, expecting TYPE or IDENT or QUID or '('"
        )
        let crashed = ToolResult(termination: .signaled(11), stdout: "", stderr: "", duration: .zero)
        #expect(PrusaSlicerOutput.unreadableModel(crashed, displayName: "m.obj", format: .obj).code == .toolFailed)
        let failed = ToolResult(
            termination: .exited(1), stdout: "",
            stderr: "error: The selected fill pattern is not supposed to work at 100% density\n", duration: .zero)
        #expect(
            PrusaSlicerOutput.sliceFailure(failed)
                == .toolFailed(
                    "prusa-slicer exited with status 1 while slicing: The selected fill pattern is not supposed to work at 100% density"
                ))
    }

    @Test func infoOutputParses() throws {
        let text = """
            [2026-11-23 02:23:53.493537] [0x00007f9a52734d80] [trace]   Initializing StaticPrintConfigs
            [open.stl]
            size_x = 20.000000
            size_y = 20.000000
            size_z = 20.000000
            number_of_facets = 10
            manifold = no
            open_edges = 4
            number_of_parts =  1
            volume = 5333.333496
            [second.stl]
            size_x = 1.0
            """
        let info = try #require(ModelInfo(infoOutput: text))
        #expect(
            info
                == ModelInfo(
                    size: SIMD3(20, 20, 20), facets: 10, manifold: false, openEdges: 4, parts: 1, volume: 5333.333496))
        #expect(ModelInfo(infoOutput: "[x.stl]\nsize_x = 1\n") == nil)
    }

    @Test func gcodeStatisticsParse() throws {
        let text = """
            G1 X1
            ; filament used [mm] = 1373.09
            ; filament used [cm3] = 3.30
            ; filament used [g] = 4.10
            ; filament cost = 0.10
            ; estimated printing time (normal mode) = 1d 2h 29m 13s
            ; estimated printing time (silent mode) = 29m 16s
            """
        let summary = try #require(GCodeSummary(gcodeText: text))
        #expect(summary.filamentGrams == Self.decimal("4.10"))
        #expect(summary.filamentCubicCentimetres == Self.decimal("3.3"))
        #expect(summary.filamentMillimetres == Self.decimal("1373.09"))
        #expect(summary.printSeconds == 86_400 + 2 * 3600 + 29 * 60 + 13)
        #expect(GCodeSummary(gcodeText: "; filament used [g] = 4.10\n") == nil)
        #expect(
            GCodeSummary.seconds("45s") == 45 && GCodeSummary.seconds("") == nil && GCodeSummary.seconds("5x") == nil)
        #expect(
            PrusaSlicerOutput.version(fromStdout: "; generated by PrusaSlicer 2.5.0+UNKNOWN on 2026-11-23") == "2.5.0")
    }

    @Test(arguments: [
        (0, "0s"), (45, "45s"), (60, "1m"), (1753, "30m"), (15_300, "4h 15m"), (15_301, "4h 16m"), (97_200, "27h 0m"),
    ])
    func printTimeText(seconds: Int, text: String) {
        #expect(PrintTime.text(seconds: seconds) == text)
    }

    // MARK: - Money

    /// (grams, seconds, quantity, price/kg, hourly, setup, markup %) → (material, machine, subtotal, markup, total, unit)
    @Test(arguments: [
        ("4.10", 1753, 1, "25.4", "2", "3", "20", ["0.10", "0.97", "4.07", "0.81", "4.88", "4.88"]),
        ("4.10", 1753, 10, "25.4", "2", "3", "20", ["1.00", "9.70", "13.70", "2.74", "16.44", "1.64"]),
        ("10.06", 3600, 1, "27.82", "1.5", "0", "0", ["0.28", "1.50", "1.78", "0", "1.78", "1.78"]),
        ("0", 0, 1, "25.4", "2", "3", "20", ["0", "0", "3", "0.60", "3.60", "3.60"]),
        ("125.5", 15_300, 3, "30", "2.5", "5", "12.5", ["11.31", "31.89", "48.20", "6.03", "54.23", "18.08"]),
        // Half-cent cases round half up: 0.125 → 0.13, 0.005 → 0.01.
        ("5", 180, 1, "25", "0.1", "0", "0", ["0.13", "0.01", "0.14", "0", "0.14", "0.14"]),
    ])
    func costArithmetic(
        grams: String, seconds: Int, quantity: Int, perKg: String, hourly: String, setup: String, markup: String,
        expected: [String]
    ) {
        let pricing = Pricing(
            machinePerHour: Self.decimal(hourly), setupFee: Self.decimal(setup), markupPercent: Self.decimal(markup))
        let cost = CostBreakdown(
            grams: Self.decimal(grams), printSeconds: seconds, quantity: quantity, pricing: pricing,
            materialPerKg: Self.decimal(perKg))
        let actual = [cost.material, cost.machine, cost.subtotal, cost.markup, cost.total, cost.unitPrice]
        #expect(actual == expected.map(Self.decimal), "\(actual)")
        #expect(cost.material + cost.machine + cost.setupFee + cost.markup == cost.total, "lines add up")
    }

    @Test func moneyLeavesJSONAsWrittenDecimals() {
        #expect(Money.double(Self.decimal("0.81")) == 0.81)
        #expect(JSONValue.number(Money.double(Self.decimal("16.44"))).compactText == "16.44")
        #expect(Pricing.decimal(0.1) == Self.decimal("0.1"))
    }

    @Test(arguments: [
        (0.0, false, 1, true, Complexity.low),
        (0.03, false, 1, true, .medium),
        (0.2, false, 1, true, .medium),
        (0.2, true, 1, true, .high),
        (0.0, false, 3, false, .medium),
        (0.05, true, 2, true, .high),
    ])
    func complexityRule(share: Double, supports: Bool, parts: Int, manifold: Bool, expected: Complexity) {
        #expect(
            Complexity.rate(overhangShare: share, supportsUsed: supports, parts: parts, manifold: manifold) == expected)
    }

    // MARK: - Params

    @Test func defaultsAreFilledIn() throws {
        let params = try SliceQuoteParams(validating: .object([:]))
        #expect(params == SliceQuoteParams())
        #expect(params.json["printer"] == .string("Original Prusa i3 MK3S & MK3S+"))
        #expect(params.json["pricing"]?["machinePerHour"] == .number(2))
        #expect(params.json["pricing"]?["materialPerKg"] == nil)
    }

    @Test(arguments: [
        (#"{"infill":101}"#, "params.infill"),
        (#"{"infill":20.5}"#, "params.infill"),
        (#"{"layerHeight":0.5}"#, "params.layerHeight"),
        (#"{"material":"Wood"}"#, "params.material"),
        (#"{"printer":"Ender 3"}"#, "params.printer"),
        (#"{"quantity":0}"#, "params.quantity"),
        (#"{"orient":"best"}"#, "params.orient"),
        (#"{"supports":"maybe"}"#, "params.supports"),
        (#"{"pricing":{"setupfee":1}}"#, "params.pricing.setupfee"),
        (#"{"pricing":{"currency":"usd"}}"#, "params.pricing.currency"),
        (#"{"pricing":{"machinePerHour":-1}}"#, "params.pricing.machinePerHour"),
        (#"{"colour":"red"}"#, "params.colour"),
    ])
    func invalidParamsNameTheirPath(json: String, path: String) throws {
        let value = try JSONParser.parse(Array(json.utf8))
        do {
            _ = try SliceQuoteParams(validating: value)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.code == .invalidJob)
            #expect(error.detail["path"] == path, "\(error)")
        }
    }

    @Test func pricingOverridesAreKeptExactly() throws {
        let value = try JSONParser.parse(
            Array(#"{"pricing":{"materialPerKg":19.99,"currency":"EUR"},"quantity":3}"#.utf8))
        let params = try SliceQuoteParams(validating: value)
        #expect(params.pricing.materialPerKg == Self.decimal("19.99"))
        #expect(params.pricing.currency == "EUR")
        #expect(params.json["pricing"]?["materialPerKg"] == .number(19.99))
    }
}

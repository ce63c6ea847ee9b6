import Foundation
import Runtime
import Testing

@testable import Handler

/// The built `onejob` binary with slice-quote jobs: the shipped example (its model URL pointed at a
/// local file), an exit code 65, and `onejob printers`.
@Suite(.serialized, .enabled(if: prusaSlicerInstalled))
struct SliceQuoteCommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `examples/slice-quote.json` with `inputs.model` replaced by `model`, written to `directory`.
    static func example(model: URL, in directory: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("examples/slice-quote.json"), encoding: .utf8)
        let job = try JSONParser.parse(Array(text.utf8))
            .setting("inputs", to: .object(["model": .string(model.absoluteString)]))
            .removing(["output"])
        let path = directory + "/job.json"
        try Data(job.prettyText().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func exampleRunsAndReportsItsTimings() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let model = try SliceModels.write(
            SliceModels.binarySTL(SliceModels.upsideDownT), to: URL(fileURLWithPath: directory), name: "bracket.stl")
        let output = try await BuiltBinary.run([
            "run", "--job", try Self.example(model: model, in: directory), "--output", directory + "/out",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let result = try JSONParser.parse(Array(output.stdout.utf8))
        #expect(result["status"] == .string("succeeded"))
        #expect(result["outputs"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["model.gcode", "quote.json"])
        let metrics = try #require(result["metrics"])
        for key in ["validationMs", "orientationMs", "sliceMs"] {
            #expect((metrics[key]?.doubleValue ?? -1) >= 0, "metrics.\(key)")
        }
        #expect(metrics["currency"] == .string("EUR"))
        #expect(metrics["quantity"] == .number(4))
        #expect(metrics["rotateXDegrees"] != .number(0) || metrics["rotateYDegrees"] != .number(0), "the T is turned")
        #expect(!output.stderr.contains("Initializing StaticPrintConfigs"), "PrusaSlicer's trace noise is filtered")
        let quote = try JSONParser.parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/out/bracket-quote/quote.json"))))
        #expect(quote["cost"]?["total"] == metrics["total"])
    }

    @Test func truncatedModelExits65WithAMessage() async throws {
        let directory = try BuiltBinary.temporaryDirectory()
        let bytes = SliceModels.binarySTL(SliceModels.cube)
        let model = try SliceModels.write(
            Array(bytes.prefix(500)), to: URL(fileURLWithPath: directory), name: "bracket.stl")
        let output = try await BuiltBinary.run([
            "run", "--job", try Self.example(model: model, in: directory), "--output", directory + "/out",
        ])
        #expect(output.status == 65)
        #expect(output.stderr.contains("the STL model bracket.stl is truncated (cut off)"), "\(output.stderr)")
        let result = try JSONParser.parse(Array(output.stdout.utf8))
        #expect(result["exitCode"] == .number(65))
    }

    @Test func printersListsTheCatalogAsJSON() async throws {
        let output = try await BuiltBinary.run(["printers"])
        #expect(output.status == 0, "\(output.stderr)")
        let listing = try JSONParser.parse(Array(output.stdout.utf8))
        let names = listing["printers"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == PrinterCatalog.names)
        let missing = try await BuiltBinary.run(["printers"], environment: ["ONEJOB_PRUSA_PROFILES": "/nonexistent.ini"])
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("/nonexistent.ini is missing"))
    }
}

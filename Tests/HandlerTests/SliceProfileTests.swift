import Foundation
import Runtime
import Testing

@testable import Handler

/// The vendor-bundle INI parser and `inherits` resolver: table tests on a small synthetic bundle,
/// then the real PrusaResearch bundle Debian installs.
@Suite struct SliceProfileTests {
    static let synthetic = """
        # comment
        [vendor]
        name = Test

        [print:*common*]
        layer_height = 0.3
        perimeters = 2
        fill_pattern = gyroid
        start_gcode = G28 ; home\\nG1 Z5 ; a = b

        [print:*fine*]
        layer_height = 0.1
        perimeters = 3

        [print:*fast*]
        perimeters = 1
        infill_speed = 200

        [print:Fine and fast]
        inherits = *common*; *fine*; *fast*
        renamed_from = "Old name"
        alias = Fine

        [print:Own wins]
        inherits = Fine and fast
        perimeters = 5

        [print:Loop A]
        inherits = Loop B

        [print:Loop B]
        inherits = Loop A

        [print:Orphan]
        inherits = *missing*

        [filament:Plain]
        filament_density = 1.24
        filament_cost = 25.4
        """

    static var resolver: ProfileResolver { ProfileResolver(ini: ProfileINI(text: synthetic)) }

    @Test func parserKeepsSectionsAndVerbatimValues() throws {
        let ini = ProfileINI(text: Self.synthetic)
        #expect(ini.sections.map(\.name).prefix(3) == ["vendor", "print:*common*", "print:*fine*"])
        let common = try #require(ini[section: "print:*common*"])
        #expect(common.entries.last == ProfileINI.Entry(key: "start_gcode", value: #"G28 ; home\nG1 Z5 ; a = b"#))
        #expect(ini[section: "print:nothing"] == nil)
    }

    @Test(arguments: [
        ("Fine and fast", "layer_height", "0.1"),  // *fine* overrides *common*
        ("Fine and fast", "perimeters", "1"),  // the last parent wins
        ("Fine and fast", "fill_pattern", "gyroid"),  // from the first parent
        ("Fine and fast", "infill_speed", "200"),
        ("Own wins", "perimeters", "5"),  // the section's own key beats every parent
        ("Own wins", "layer_height", "0.1"),  // through two levels
    ])
    func inheritanceOrder(preset: String, key: String, value: String) throws {
        #expect(try Self.resolver.resolve(.print, named: preset)[key] == value)
    }

    @Test func bundleBookkeepingKeysAreDropped() throws {
        let preset = try Self.resolver.resolve(.print, named: "Fine and fast")
        for key in ["inherits", "renamed_from", "alias"] { #expect(preset[key] == nil, "\(key)") }
        #expect(preset.iniText.contains("start_gcode = G28 ; home\\nG1 Z5 ; a = b\n"))
        #expect(!preset.iniText.contains("inherits"))
    }

    @Test(arguments: [
        ("Loop A", "inheritance cycle: Loop A → Loop B → Loop A"),
        ("Orphan", "no print preset \"*missing*\" (inherited by Orphan)"),
        ("Nobody", "no print preset \"Nobody\""),
    ])
    func brokenChainsAreAnInstallationProblem(preset: String, message: String) {
        do {
            _ = try Self.resolver.resolve(.print, named: preset)
            Issue.record("\(preset) resolved")
        } catch {
            #expect(error.code == .toolMissing)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func kindsAreSeparateNamespaces() {
        #expect(Self.resolver.contains(.filament, named: "Plain"))
        #expect(!Self.resolver.contains(.print, named: "Plain"))
    }

    @Test func nearestPrintPresetByLayerHeight() {
        let presets = [0.1, 0.15, 0.2, 0.3].map {
            ResolvedPreset(
                kind: .print, name: "\($0)", entries: [ProfileINI.Entry(key: "layer_height", value: "\($0)")])
        }
        #expect(ProfileSet.nearest(presets, layerHeight: 0.2)?.name == "0.2")
        #expect(ProfileSet.nearest(presets, layerHeight: 0.28)?.name == "0.3")
        #expect(ProfileSet.nearest(presets, layerHeight: 0.05)?.name == "0.1")
        #expect(ProfileSet.nearest([], layerHeight: 0.2) == nil)
    }
}

/// The same resolver on the real bundle: every catalog name exists and the facts the quote uses
/// are the ones PrusaSlicer's own profiles state.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: ProfileSet.defaultBundlePath)
            || ProcessInfo.processInfo.environment["CI"] == "true"))
struct SliceBundleTests {
    static func resolver() throws -> ProfileResolver { try ProfileSet.loadBundle(path: ProfileSet.defaultBundlePath) }

    @Test func defaultPrinterFacts() throws {
        let set = try ProfileSet(
            resolver: try Self.resolver(),
            spec: try #require(PrinterCatalog.spec(named: PrinterCatalog.defaultPrinter)),
            material: .pla, layerHeight: 0.2)
        #expect(set.bedSize?.width == 250 && set.bedSize?.depth == 210)
        #expect(set.maxPrintHeight == 210)
        #expect(set.nozzleDiameter == 0.4)
        #expect(set.print.name == "0.20mm QUALITY @MK3")
        #expect(set.print["fill_pattern"] == "gyroid", "why 100 % infill must switch pattern")
        #expect(set.filament.name == "Generic PLA")
        #expect(set.filamentDensity == 1.24 && set.filamentCostPerKg == 25.4)
        #expect(set.printer["inherits"] == nil)
        #expect(set.printer["printer_model"] == "MK3S")
        #expect(set.printer["start_gcode"]?.contains("M862.3 P") == true, "inherited from Original Prusa i3 MK3")
    }

    @Test func petgFacts() throws {
        let set = try ProfileSet(
            resolver: try Self.resolver(),
            spec: try #require(PrinterCatalog.spec(named: PrinterCatalog.defaultPrinter)),
            material: .petg, layerHeight: 0.15)
        #expect(set.filamentDensity == 1.27 && set.filamentCostPerKg == 27.82)
        #expect(set.print.name == "0.15mm QUALITY @MK3")
    }

    @Test func unpricedFilamentNeedsAPriceFromTheJob() throws {
        let set = try ProfileSet(
            resolver: try Self.resolver(),
            spec: try #require(PrinterCatalog.spec(named: "Original Prusa MINI & MINI+")),
            material: .tpu, layerHeight: 0.2)
        #expect(set.filamentCostPerKg == 0)
        #expect(
            throws: JobError.invalidJob(
                "the filament profile Generic FLEX @MINI has no price (filament_cost = 0); set params.pricing.materialPerKg",
                path: "params.pricing.materialPerKg")
        ) { try SliceQuoteHandler.bundlePrice(set) }
    }

    @Test func everyCatalogPresetResolves() throws {
        let listing = try PrintersCommand.listing(resolver: try Self.resolver())
        let printers = try #require(listing["printers"]?.arrayValue)
        #expect(printers.count == PrinterCatalog.printers.count)
        for printer in printers {
            #expect(printer["bedMm"]?["x"]?.doubleValue ?? 0 > 100, "\(printer)")
            for material in printer["materials"]?.arrayValue ?? [] {
                #expect(material["densityGPerCm3"]?.doubleValue ?? 0 > 1, "\(material)")
                // The bundle prices most filaments; Generic FLEX @MINI says 0 (the job must then give a price).
                let cost = material["costPerKg"]?.doubleValue ?? -1
                #expect(
                    cost > 0 || (cost == 0 && printer["name"] != .string(PrinterCatalog.defaultPrinter)), "\(material)")
            }
        }
        #expect(printers.filter { $0["default"] == .bool(true) }.count == 1)
    }
}

import ArgumentParser
import Foundation
import Logging
import Runtime

/// `onejob printers`: the printers `slice-quote` supports, as JSON, with what the installed
/// PrusaSlicer bundle says about each (bed, height, nozzle, filament density and price).
struct PrintersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printers",
        abstract: "List the printers slice-quote supports (JSON), read from the installed PrusaSlicer profiles.",
        discussion: """
            With --export-profiles DIR, writes instead the three resolved ini files (printer.ini, print.ini,
            filament.ini) a slice-quote job would load for --printer, --material and --layer-height, so the
            same slice can be reproduced with prusa-slicer alone (bench/slice.sh does).
            """)

    @Option(help: "Write the resolved printer/print/filament ini files into this directory.")
    var exportProfiles: String?
    @Option(help: "Printer for --export-profiles.")
    var printer = PrinterCatalog.defaultPrinter
    @Option(help: "Material for --export-profiles (PLA, PETG, ABS, ASA, TPU).")
    var material = Material.pla.rawValue
    @Option(help: "Layer height (mm) for --export-profiles.")
    var layerHeight = 0.2

    func run() throws {
        let environment = Runtime.Environment.current()
        let path = environment["ONEJOB_PRUSA_PROFILES"] ?? ProfileSet.defaultBundlePath
        let work = { [exportProfiles, printer, material, layerHeight] () throws(JobError) -> JSONValue in
            let resolver = try ProfileSet.loadBundle(path: path)
            guard let directory = exportProfiles else { return try Self.listing(resolver: resolver) }
            guard let spec = PrinterCatalog.spec(named: printer) else {
                throw JobError.invalidJob(
                    "unknown printer \(printer); known: \(PrinterCatalog.names.joined(separator: ", "))")
            }
            guard let material = Material(rawValue: material) else {
                throw JobError.invalidJob("unknown material \(material)")
            }
            let set = try ProfileSet(resolver: resolver, spec: spec, material: material, layerHeight: layerHeight)
            let paths = try set.write(to: URL(fileURLWithPath: directory, isDirectory: true))
            return .object(["profiles": .array(paths.map { .string($0) })])
        }
        switch Result(catching: work) {
        case .success(let listing):
            print(listing.prettyText())
        case .failure(let error):
            Bootstrap(environment: environment).logger.error(
                "\(error.message)", metadata: ["exitCode": .stringConvertible(error.code.rawValue)])
            throw exitProcess(error.code)
        }
    }

    /// The listing, every preset resolved so a name the bundle lacks fails here rather than in a job.
    static func listing(resolver: ProfileResolver) throws(JobError) -> JSONValue {
        var printers: [JSONValue] = []
        for spec in PrinterCatalog.printers {
            var materials: [JSONValue] = []
            var profiles: ProfileSet?
            for material in Material.allCases {
                let set = try ProfileSet(resolver: resolver, spec: spec, material: material, layerHeight: 0.2)
                profiles = profiles ?? set
                materials.append(
                    .object([
                        "material": .string(material.rawValue), "filament": .string(set.filament.name),
                        "densityGPerCm3": set.filamentDensity.map(JSONValue.number) ?? .null,
                        "costPerKg": set.filamentCostPerKg.map(JSONValue.number) ?? .null,
                    ]))
            }
            let bed = profiles?.bedSize
            printers.append(
                .object([
                    "name": .string(spec.name),
                    "default": .bool(spec.name == PrinterCatalog.defaultPrinter),
                    "bedMm": .object([
                        "x": bed.map { .number($0.width) } ?? .null, "y": bed.map { .number($0.depth) } ?? .null,
                    ]),
                    "maxHeightMm": profiles?.maxPrintHeight.map(JSONValue.number) ?? .null,
                    "nozzleMm": profiles?.nozzleDiameter.map(JSONValue.number) ?? .null,
                    "printPresets": .array(spec.printPresets.map { .string($0) }),
                    "materials": .array(materials),
                ]))
        }
        return .object(["printers": .array(printers)])
    }
}

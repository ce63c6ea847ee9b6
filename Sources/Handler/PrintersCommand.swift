import ArgumentParser
import Foundation
import Logging
import Runtime

/// `onejob printers`: the printers `slice-quote` supports, as JSON, with what the installed
/// PrusaSlicer bundle says about each (bed, height, nozzle, filament density and price).
struct PrintersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printers",
        abstract: "List the printers slice-quote supports (JSON), read from the installed PrusaSlicer profiles.")

    func run() throws {
        let environment = Runtime.Environment.current()
        let path = environment["ONEJOB_PRUSA_PROFILES"] ?? ProfileSet.defaultBundlePath
        switch Result(catching: { () throws(JobError) -> JSONValue in try Self.listing(resolver: ProfileSet.loadBundle(path: path)) }) {
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
                materials.append(.object([
                    "material": .string(material.rawValue), "filament": .string(set.filament.name),
                    "densityGPerCm3": set.filamentDensity.map(JSONValue.number) ?? .null,
                    "costPerKg": set.filamentCostPerKg.map(JSONValue.number) ?? .null,
                ]))
            }
            let bed = profiles?.bedSize
            printers.append(.object([
                "name": .string(spec.name),
                "default": .bool(spec.name == PrinterCatalog.defaultPrinter),
                "bedMm": .object(["x": bed.map { .number($0.width) } ?? .null, "y": bed.map { .number($0.depth) } ?? .null]),
                "maxHeightMm": profiles?.maxPrintHeight.map(JSONValue.number) ?? .null,
                "nozzleMm": profiles?.nozzleDiameter.map(JSONValue.number) ?? .null,
                "printPresets": .array(spec.printPresets.map { .string($0) }),
                "materials": .array(materials),
            ]))
        }
        return .object(["printers": .array(printers)])
    }
}

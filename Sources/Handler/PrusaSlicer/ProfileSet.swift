import Foundation
import Runtime

/// The three resolved presets one slice needs (printer, print, filament), with the facts the quote
/// and the validation read from them.
public struct ProfileSet: Sendable, Equatable {
    /// Debian's `prusa-slicer` package installs the vendor bundles here; `ONEJOB_PRUSA_PROFILES` overrides.
    public static let defaultBundlePath = "/usr/share/PrusaSlicer/profiles/PrusaResearch.ini"

    public var printer: ResolvedPreset
    public var print: ResolvedPreset
    public var filament: ResolvedPreset

    /// Chooses and resolves the presets for `spec`, `material` and `layerHeight`.
    /// - Throws: ``JobError`` `.toolMissing` when the bundle lacks a preset the catalog names.
    public init(
        resolver: ProfileResolver, spec: PrinterSpec, material: Material, layerHeight: Double
    ) throws(JobError) {
        printer = try resolver.resolve(.printer, named: spec.name)
        guard let filamentName = spec.filaments[material] else {
            throw JobError.invalidJob("\(spec.name) has no profile for \(material.rawValue)", path: "params.material")
        }
        filament = try resolver.resolve(.filament, named: filamentName)
        var prints: [ResolvedPreset] = []
        for name in spec.printPresets { prints.append(try resolver.resolve(.print, named: name)) }
        guard let nearest = Self.nearest(prints, layerHeight: layerHeight) else {
            throw JobError.toolMissing("no print preset is configured for \(spec.name)")
        }
        print = nearest
    }

    /// The print preset whose layer height is closest to `layerHeight` (the first on a tie).
    static func nearest(_ prints: [ResolvedPreset], layerHeight: Double) -> ResolvedPreset? {
        prints.min {
            abs(($0.number("layer_height") ?? 0) - layerHeight) < abs(($1.number("layer_height") ?? 0) - layerHeight)
        }
    }

    /// Loads and parses the bundle at `path`.
    /// - Throws: ``JobError`` `.toolMissing` when it cannot be read.
    public static func loadBundle(path: String) throws(JobError) -> ProfileResolver {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobError.toolMissing(
                "the PrusaSlicer profile bundle \(path) is missing; install it with: apt-get install prusa-slicer")
        }
        return ProfileResolver(ini: ProfileINI(text: String(decoding: data, as: UTF8.self)))
    }

    // MARK: - Facts

    /// Bed width and depth (mm): the bounding box of `bed_shape` (`0x0,250x0,250x210,0x210`).
    public var bedSize: (width: Double, depth: Double)? {
        guard let shape = printer["bed_shape"] else { return nil }
        let points = shape.split(separator: ",").compactMap { pair -> (Double, Double)? in
            let parts = pair.split(separator: "x")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
        guard let minX = points.map(\.0).min(), let maxX = points.map(\.0).max(),
            let minY = points.map(\.1).min(), let maxY = points.map(\.1).max()
        else { return nil }
        return (maxX - minX, maxY - minY)
    }

    public var maxPrintHeight: Double? { printer.number("max_print_height") }
    public var nozzleDiameter: Double? { printer.number("nozzle_diameter") }
    /// Filament density (g/cm³) and cost (currency per kg) as the bundle states them.
    public var filamentDensity: Double? { filament.number("filament_density") }
    public var filamentCostPerKg: Double? { filament.number("filament_cost") }

    /// Writes the three ini files into `directory` and returns their paths (printer, print, filament).
    /// - Throws: ``JobError`` `.toolFailed` when the scratch directory is not writable.
    public func write(to directory: URL) throws(JobError) -> [String] {
        var paths: [String] = []
        for preset in [printer, print, filament] {
            let url = directory.appendingPathComponent("\(preset.kind.rawValue).ini")
            do {
                try Data(preset.iniText.utf8).write(to: url)
            } catch {
                throw JobError.toolFailed("could not write \(url.path): \(error)")
            }
            paths.append(url.path)
        }
        return paths
    }
}

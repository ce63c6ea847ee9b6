import Foundation
import Runtime

/// The argv of each PrusaSlicer 2.5 run `slice-quote` makes: pure, so the flags are table-tested.
///
/// Why each flag: `--info` prints the mesh statistics validation reads; `--export-stl --merge`
/// turns a 3MF/OBJ/STEP upload into one STL (all objects in one file; without `--merge` each
/// object overwrites the last) so orientation and slicing see the same triangles; the ini files from
/// ``ProfileSet`` are loaded with `--load` and the job's own choices come after them as options,
/// which PrusaSlicer ranks above loaded files. `--rotate-x`/`--rotate-y` are applied X first
/// whatever their order.
public enum PrusaSlicerCommand {
    /// The fill pattern for 100 % infill: the vendor's `gyroid` refuses it ("not supposed to work at
    /// 100% density", exit 1).
    public static let solidFillPattern = "rectilinear"

    public static func info(model: String) -> [String] {
        ["--info", model]
    }

    public static func convertToSTL(model: String, output: String) -> [String] {
        ["--export-stl", "--merge", "--output", output, model]
    }

    /// The job's print settings as PrusaSlicer options (after the loaded ini files).
    public struct SliceSettings: Sendable, Equatable {
        public var layerHeight: Double
        public var infillPercent: Int
        public var supports: SupportMode
        public var rotation: ModelRotation

        public init(layerHeight: Double, infillPercent: Int, supports: SupportMode, rotation: ModelRotation) {
            self.layerHeight = layerHeight
            self.infillPercent = infillPercent
            self.supports = supports
            self.rotation = rotation
        }
    }

    public static func slice(model: String, profiles: [String], settings: SliceSettings, output: String) -> [String] {
        var arguments = ["--export-gcode"]
        for profile in profiles { arguments += ["--load", profile] }
        arguments += ["--layer-height", number(settings.layerHeight), "--fill-density", "\(settings.infillPercent)%"]
        if settings.infillPercent >= 100 { arguments += ["--fill-pattern", solidFillPattern] }
        switch settings.supports {
        case .none: arguments.append("--no-support-material")
        case .auto:
            arguments += ["--support-material", "--support-material-auto", "--support-material-buildplate-only"]
        case .everywhere:
            arguments += ["--support-material", "--support-material-auto", "--no-support-material-buildplate-only"]
        }
        if settings.rotation.xDegrees != 0 { arguments += ["--rotate-x", number(settings.rotation.xDegrees)] }
        if settings.rotation.yDegrees != 0 { arguments += ["--rotate-y", number(settings.rotation.yDegrees)] }
        arguments += ["--output", output, model]
        return arguments
    }

    /// A number as PrusaSlicer reads it: plain decimal, no exponent, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// Where supports go: `none`; `auto`, PrusaSlicer's automatic supports from the build plate only
/// (no support resting on the part, which scars it); `everywhere`, automatic supports also on the part.
public enum SupportMode: String, Sendable, CaseIterable {
    case auto, none, everywhere
}

import ArgumentParser
import Runtime

/// `onejob presets`: the `art-print` print sizes with their pixel size at a dpi, as JSON.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "Print the art-print presets (name, inches, pixels at --dpi) as JSON.")

    @Option(help: "Dots per inch for the pixel sizes (\(ArtPrintParams.dpiRange.lowerBound)–\(ArtPrintParams.dpiRange.upperBound)).")
    var dpi: Int = 300

    func validate() throws {
        guard ArtPrintParams.dpiRange.contains(dpi) else {
            throw ValidationError(
                "--dpi must be between \(ArtPrintParams.dpiRange.lowerBound) and \(ArtPrintParams.dpiRange.upperBound)")
        }
    }

    func run() throws {
        print(PrintPreset.listing(dpi: dpi).json.prettyText())
    }
}

/// The printers `slice-quote` supports, with the vendor presets used for each.
///
/// Curated rather than discovered: a vendor bundle has dozens of printer variants (MMU, nozzle
/// sizes) and hundreds of filament presets whose compatibility is written as PrusaSlicer condition
/// expressions. The table names, per printer, the print presets to choose from (the one whose layer
/// height is nearest the job's is loaded, then the layer height is set exactly) and a filament
/// preset per material. A test checks every name against the installed bundle.
public struct PrinterSpec: Sendable, Equatable {
    public var name: String
    public var printPresets: [String]
    public var filaments: [Material: String]
}

public enum PrinterCatalog {
    public static let defaultPrinter = "Original Prusa i3 MK3S & MK3S+"

    static let mk3Prints = ["0.10mm DETAIL @MK3", "0.15mm QUALITY @MK3", "0.20mm QUALITY @MK3", "0.30mm DRAFT @MK3"]
    static let genericFilaments: [Material: String] = [
        .pla: "Generic PLA", .petg: "Generic PETG", .abs: "Generic ABS", .asa: "Prusament ASA", .tpu: "Generic FLEX",
    ]

    public static let printers: [PrinterSpec] = [
        PrinterSpec(name: "Original Prusa i3 MK3S & MK3S+", printPresets: mk3Prints, filaments: genericFilaments),
        PrinterSpec(name: "Original Prusa i3 MK3", printPresets: mk3Prints, filaments: genericFilaments),
        PrinterSpec(
            name: "Original Prusa MINI & MINI+",
            printPresets: [
                "0.10mm DETAIL @MINI", "0.15mm QUALITY @MINI", "0.20mm QUALITY @MINI", "0.25mm DRAFT @MINI",
            ],
            filaments: [
                .pla: "Generic PLA", .petg: "Generic PETG @MINI", .abs: "Generic ABS @MINI",
                .asa: "Prusament ASA @MINI", .tpu: "Generic FLEX @MINI",
            ]),
        PrinterSpec(
            name: "Original Prusa i3 MK2.5S",
            printPresets: [
                "0.10mm DETAIL @MK2.5", "0.15mm OPTIMAL @MK2.5", "0.20mm NORMAL @MK2.5", "0.35mm FAST @MK2.5",
            ],
            filaments: genericFilaments),
    ]

    public static var names: [String] { printers.map(\.name) }

    public static func spec(named name: String) -> PrinterSpec? {
        printers.first { $0.name == name }
    }
}

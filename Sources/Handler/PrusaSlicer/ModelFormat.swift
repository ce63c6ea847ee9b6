/// The model file formats `slice-quote` accepts, recognised by the input's file extension (the
/// fetcher keeps the URL's extension; PrusaSlicer itself picks its reader by extension too).
public enum ModelFormat: String, Sendable, CaseIterable {
    case stl, obj
    case threeMF = "3mf"
    case step

    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "stl": self = .stl
        case "obj": self = .obj
        case "3mf": self = .threeMF
        case "step", "stp": self = .step
        default: return nil
        }
    }

    public var label: String {
        switch self {
        case .stl: "STL"
        case .obj: "OBJ"
        case .threeMF: "3MF"
        case .step: "STEP"
        }
    }
}

/// The filament materials a quote can be made for.
public enum Material: String, Sendable, CaseIterable {
    case pla = "PLA"
    case petg = "PETG"
    case abs = "ABS"
    case asa = "ASA"
    case tpu = "TPU"
}

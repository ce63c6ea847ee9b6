/// The looks `art-print` can give a photo; `none` prints it as it is.
public enum ArtPrintStyle: String, Sendable, CaseIterable {
    case none, watercolor, oil, sketch, pencil, posterize
}

/// Which way up the print is: `auto` follows the photo (taller than wide → portrait).
public enum PrintOrientation: String, Sendable, CaseIterable {
    case auto, portrait, landscape
}

/// How the photo fills the page: `cover` crops the overflow, `contain` pads with `padColor`.
public enum PrintFit: String, Sendable, CaseIterable {
    case cover, contain
}

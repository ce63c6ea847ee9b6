import Runtime

/// Why an image header could not be read: always the input's fault (exit 65), except an I/O error.
public enum ImageHeaderError: Error, Equatable, Sendable {
    /// The first bytes match no format we accept (PNG, JPEG, TIFF).
    case unknownFormat
    /// The file ends inside the header; names the field being read.
    case truncated(String)
    /// The header is present but says something impossible (zero width, bad IHDR length, a loop).
    case malformed(String)
    /// The file could not be read at all.
    case unreadable(String)

    /// The job error it becomes: every case is unusable input.
    public var jobError: JobError {
        switch self {
        case .unknownFormat: .badInput("the image is not a PNG, JPEG or TIFF file")
        case .truncated(let what): .badInput("the image is truncated (while reading \(what))")
        case .malformed(let why): .badInput("the image header is corrupt: \(why)")
        case .unreadable(let why): .badInput("the image could not be read: \(why)")
        }
    }
}

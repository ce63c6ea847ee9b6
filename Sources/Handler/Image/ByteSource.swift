import Foundation

/// Random access to the bytes of an image, so header readers can follow offsets (a TIFF's first
/// IFD often sits at the end of the file) without reading a 100 MB file into memory.
///
/// Reads past the end return fewer bytes rather than throwing; the readers treat a short read as a
/// truncated header, which is the input's fault.
public protocol ByteSource {
    /// The total size in bytes.
    var count: Int { get }
    /// Up to `length` bytes starting at `offset` (fewer at the end, none past it).
    func bytes(at offset: Int, length: Int) throws(ImageHeaderError) -> [UInt8]
}

extension ByteSource {
    /// Exactly `length` bytes at `offset`, or a truncation error naming `what` was being read.
    func exactly(_ length: Int, at offset: Int, _ what: String) throws(ImageHeaderError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw .truncated(what)
        }
        let read = try bytes(at: offset, length: length)
        guard read.count == length else { throw .truncated(what) }
        return read
    }
}

/// In-memory bytes: what the table tests feed the readers.
extension Array: ByteSource where Element == UInt8 {
    public func bytes(at offset: Int, length: Int) throws(ImageHeaderError) -> [UInt8] {
        guard offset >= 0, offset < count, length > 0 else { return [] }
        return Array(self[offset..<(offset + Swift.min(length, count - offset))])
    }
}

/// A file read on demand through a `FileHandle`, one small read per header field.
public final class FileByteSource: ByteSource {
    public let count: Int
    private let handle: FileHandle
    private let path: String

    /// - Throws: ``ImageHeaderError/unreadable(_:)`` when the file cannot be opened or sized.
    public init(path: String) throws(ImageHeaderError) {
        self.path = path
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            count = Int(try handle.seekToEnd())
        } catch {
            throw .unreadable("\(path): \(error)")
        }
    }

    deinit { try? handle.close() }

    public func bytes(at offset: Int, length: Int) throws(ImageHeaderError) -> [UInt8] {
        guard offset >= 0, offset < count, length > 0 else { return [] }
        do {
            try handle.seek(toOffset: UInt64(offset))
            return Array(try handle.read(upToCount: Swift.min(length, count - offset)) ?? Data())
        } catch {
            throw .unreadable("\(path): \(error)")
        }
    }
}

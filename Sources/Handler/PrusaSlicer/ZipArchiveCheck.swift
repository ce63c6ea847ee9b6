import CZlib
import Foundation
import Runtime

/// Measures a 3MF (zip) upload before PrusaSlicer opens it, so a zip bomb is refused (65) instead of
/// inflating gigabytes inside the slicer.
///
/// Two checks, because the first can lie: the sizes the central directory declares are summed and
/// capped; then every entry is really inflated (zlib, raw deflate, into a small scratch buffer that
/// is thrown away) and counted, stopping the moment an entry yields more than it declared or the
/// archive more than the cap. Memory stays at a few hundred KB whatever the archive claims.
public struct ZipArchiveCheck: Sendable {
    /// The default cap on the inflated size of a 3MF; `ONEJOB_MAX_UNZIPPED_BYTES` overrides it.
    /// A 20-million-triangle 3MF (the triangle cap) is about 1 GiB of XML.
    public static let defaultMaxExpandedBytes: Int64 = 1 << 30
    public static let maxEntries = 10_000
    /// A central directory larger than this is not a 3MF's (which has a handful of entries).
    static let maxDirectoryBytes = 16 << 20

    public var maxExpandedBytes: Int64
    public var name: String

    public init(maxExpandedBytes: Int64 = defaultMaxExpandedBytes, displayName: String) {
        self.maxExpandedBytes = maxExpandedBytes
        self.name = displayName
    }

    public static func maxExpandedBytes(_ environment: Runtime.Environment) -> Int64 {
        environment["ONEJOB_MAX_UNZIPPED_BYTES"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
            ?? defaultMaxExpandedBytes
    }

    /// What the archive holds, as measured.
    public struct Measure: Sendable, Equatable {
        public var entries: Int
        public var declaredBytes: Int64
        public var inflatedBytes: Int64
    }

    /// - Throws: ``JobError`` `.badInput` for an archive that is not a zip, is corrupt, uses a
    ///   compression method PrusaSlicer cannot read, or expands past the cap (declared or real).
    @discardableResult
    public func check(path: String) throws(JobError) -> Measure {
        let file: ZipFile
        do {
            file = try ZipFile(path: path)
        } catch {
            throw JobError.badInput("the model \(name) cannot be read")
        }
        let entries = try directory(of: file)
        let declared = entries.reduce(Int64(0)) { $0 + $1.uncompressed }
        guard declared <= maxExpandedBytes else {
            throw JobError.badInput(
                "the 3MF model \(name) would expand to \(declared) bytes (as its entries declare), more than the \(maxExpandedBytes)-byte limit")
        }
        var total: Int64 = 0
        for entry in entries {
            total += try inflatedSize(of: entry, in: file, alreadyInflated: total)
        }
        return Measure(entries: entries.count, declaredBytes: declared, inflatedBytes: total)
    }

    // MARK: - Central directory

    struct Entry {
        var method: UInt16
        var compressed: Int64
        var uncompressed: Int64
        var localHeaderOffset: Int64
    }

    private func corrupt(_ why: String) -> JobError {
        JobError.badInput("the 3MF model \(name) is not a valid zip archive (\(why)); export it again")
    }

    private func directory(of file: ZipFile) throws(JobError) -> [Entry] {
        let tailLength = Int(min(file.size, 22 + 65_535))
        let tail = try read(file, at: file.size - Int64(tailLength), count: tailLength)
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.u32($0) == 0x0605_4B50 })
        else { throw corrupt("no end of central directory") }
        var count = Int64(tail.u16(end + 10))
        var size = Int64(tail.u32(end + 12))
        var offset = Int64(tail.u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the classic record and points at the zip64 record.
            guard end >= 20, tail.u32(end - 20) == 0x0706_4B50 else { throw corrupt("zip64 locator missing") }
            let recordOffset = Int64(tail.u64(end - 20 + 8))
            guard recordOffset >= 0, recordOffset + 56 <= file.size else { throw corrupt("zip64 record out of range") }
            let record = try read(file, at: recordOffset, count: 56)
            guard record.u32(0) == 0x0606_4B50 else { throw corrupt("zip64 record missing") }
            count = Int64(truncatingIfNeeded: record.u64(32))
            size = Int64(truncatingIfNeeded: record.u64(40))
            offset = Int64(truncatingIfNeeded: record.u64(48))
        }
        guard count <= Self.maxEntries else {
            throw JobError.badInput("the 3MF model \(name) has \(count) entries, more than \(Self.maxEntries)")
        }
        guard size >= 0, size <= Self.maxDirectoryBytes, offset >= 0, offset + size <= file.size else {
            throw corrupt("central directory out of range")
        }
        let bytes = try read(file, at: offset, count: Int(size))
        var entries: [Entry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= bytes.count, bytes.u32(position) == 0x0201_4B50 else {
                throw corrupt("central directory entry \(entries.count + 1) is damaged")
            }
            var entry = Entry(
                method: bytes.u16(position + 10), compressed: Int64(bytes.u32(position + 20)),
                uncompressed: Int64(bytes.u32(position + 24)), localHeaderOffset: Int64(bytes.u32(position + 42)))
            let nameLength = Int(bytes.u16(position + 28))
            let extraLength = Int(bytes.u16(position + 30))
            let commentLength = Int(bytes.u16(position + 32))
            let extraStart = position + 46 + nameLength
            guard extraStart + extraLength + commentLength <= bytes.count else { throw corrupt("entry runs past the directory") }
            try applyZip64(bytes[extraStart..<extraStart + extraLength], to: &entry)
            entries.append(entry)
            position = extraStart + extraLength + commentLength
        }
        return entries
    }

    /// Replaces the 32-bit fields that say 0xFFFFFFFF with the zip64 extra field's 64-bit values.
    private func applyZip64(_ extra: ArraySlice<UInt8>, to entry: inout Entry) throws(JobError) {
        let fields = Array(extra)
        var position = 0
        while position + 4 <= fields.count {
            let id = fields.u16(position)
            let length = Int(fields.u16(position + 2))
            let body = position + 4
            guard body + length <= fields.count else { throw corrupt("extra field runs past its entry") }
            if id == 0x0001 {
                var cursor = body
                func next() throws(JobError) -> Int64 {
                    guard cursor + 8 <= body + length else { throw corrupt("zip64 field too short") }
                    defer { cursor += 8 }
                    return Int64(truncatingIfNeeded: fields.u64(cursor))
                }
                if entry.uncompressed == 0xFFFF_FFFF { entry.uncompressed = try next() }
                if entry.compressed == 0xFFFF_FFFF { entry.compressed = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
            }
            position = body + length
        }
        guard entry.uncompressed >= 0, entry.compressed >= 0, entry.localHeaderOffset >= 0 else {
            throw corrupt("negative zip64 size")
        }
    }

    // MARK: - Inflating

    /// Inflates one entry into a throw-away buffer, counting; refuses as soon as it yields more than
    /// it declared (a lying directory) or the archive passes the cap.
    private func inflatedSize(of entry: Entry, in file: ZipFile, alreadyInflated: Int64) throws(JobError) -> Int64 {
        let header = try read(file, at: entry.localHeaderOffset, count: 30)
        guard header.u32(0) == 0x0403_4B50 else { throw corrupt("local header missing") }
        let dataStart = entry.localHeaderOffset + 30 + Int64(header.u16(26)) + Int64(header.u16(28))
        guard dataStart + entry.compressed <= file.size else { throw corrupt("entry data runs past the end of the file") }
        switch entry.method {
        case 0:
            guard entry.compressed == entry.uncompressed else { throw corrupt("stored entry sizes disagree") }
            return entry.compressed
        case 8:
            return try inflate(entry, from: file, at: dataStart, alreadyInflated: alreadyInflated)
        default:
            throw JobError.badInput(
                "the 3MF model \(name) uses zip compression method \(entry.method); PrusaSlicer reads only stored and deflated entries")
        }
    }

    private enum Step {
        case more, end, overLimit, overDeclared, damaged
    }

    private func inflate(_ entry: Entry, from file: ZipFile, at start: Int64, alreadyInflated: Int64) throws(JobError) -> Int64 {
        var stream = z_stream()
        // Negative window bits: a raw deflate stream, as zip stores it (no zlib header).
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw JobError.toolFailed("zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        let chunk = 64 * 1024
        var output = [UInt8](repeating: 0, count: chunk)
        var produced: Int64 = 0
        var consumed: Int64 = 0
        while true {
            let count = Int(min(Int64(chunk), entry.compressed - consumed))
            guard count > 0 else { throw corrupt("an entry's compressed data ends early") }
            var input = try read(file, at: start + consumed, count: count)
            consumed += Int64(count)
            let step: Step = input.withUnsafeMutableBufferPointer { inputBuffer in
                defer { stream.next_in = nil }
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                // Inflate until this input is used up: output that fills the buffer means there is more.
                while true {
                    let status = output.withUnsafeMutableBufferPointer { outputBuffer in
                        stream.next_out = outputBuffer.baseAddress
                        stream.avail_out = uInt(outputBuffer.count)
                        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        produced += Int64(outputBuffer.count - Int(stream.avail_out))
                        return status
                    }
                    if alreadyInflated + produced > maxExpandedBytes { return .overLimit }
                    if produced > entry.uncompressed { return .overDeclared }
                    switch status {
                    case Z_STREAM_END: return .end
                    case Z_OK where stream.avail_out == 0: continue
                    case Z_OK, Z_BUF_ERROR: return .more
                    default: return .damaged
                    }
                }
            }
            switch step {
            case .more: continue
            case .end:
                guard produced == entry.uncompressed else {
                    throw corrupt("an entry inflates to \(produced) bytes but declares \(entry.uncompressed)")
                }
                return produced
            case .overLimit:
                throw JobError.badInput(
                    "the 3MF model \(name) expands to more than the \(maxExpandedBytes)-byte limit (a zip bomb, or a model too large to slice)")
            case .overDeclared:
                throw corrupt("an entry inflates to more than the \(entry.uncompressed) bytes it declares")
            case .damaged:
                throw corrupt("an entry's compressed data is damaged")
            }
        }
    }

    private func read(_ file: ZipFile, at offset: Int64, count: Int) throws(JobError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= file.size, let bytes = file.read(at: offset, count: count) else {
            throw corrupt("a record lies outside the file")
        }
        return bytes
    }
}

/// An open file read with `pread`, closed when released.
private final class ZipFile {
    let descriptor: Int32
    let size: Int64

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw CocoaError(.fileReadUnknown)
        }
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or nil on a read error or short file.
    func read(at offset: Int64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return pread(descriptor, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    fileprivate func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    fileprivate func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}

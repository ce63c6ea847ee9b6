import Foundation
import Runtime

/// Streams the triangles of an STL file, binary or ASCII, without holding the file in memory.
///
/// Everything that can be wrong with an uploaded STL is the uploader's problem (exit 65), so every
/// failure is a ``JobError`` `.badInput` whose message says what is wrong in words a customer
/// understands: a binary file whose size disagrees with its triangle count was cut off in transit or
/// lies about its count; an ASCII file that stops inside a facet was cut off. The triangle cap keeps a
/// hostile or absurd model (a billion facets) from eating the job's memory and time in PrusaSlicer.
public struct STLReader: TriangleSource, Sendable {
    public enum Encoding: Sendable, Equatable {
        case binary(triangles: Int)
        case ascii
    }

    /// The default triangle cap; `ONEJOB_MAX_TRIANGLES` overrides it.
    public static let defaultMaxTriangles = 20_000_000
    static let headerSize = 84
    static let recordSize = 50
    static let chunkSize = 1 << 20

    public let path: String
    public let encoding: Encoding
    public let maxTriangles: Int
    public let fileSize: Int
    /// The file name messages use: the one the submitter uploaded, not our local copy's.
    public let name: String

    /// Opens `path` and decides binary or ASCII from its first bytes and its size.
    /// - Throws: ``JobError`` `.badInput` for a file that cannot be an STL, a truncated binary file,
    ///   or one over the triangle cap.
    public init(path: String, maxTriangles: Int = defaultMaxTriangles, displayName: String? = nil) throws(JobError) {
        self.path = path
        self.maxTriangles = maxTriangles
        let name = displayName ?? URL(fileURLWithPath: path).lastPathComponent
        self.name = name
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { throw JobError.badInput("the model \(name) cannot be read") }
        fileSize = size
        guard size > 0 else { throw JobError.badInput("the model \(name) is an empty file") }

        let head = try Self.readPrefix(path: path, count: min(size, 1024))
        let declared = head.count >= Self.headerSize ? Int(Self.uint32(head, at: 80)) : nil
        if let declared, Self.headerSize + Self.recordSize * declared == size {
            guard declared <= maxTriangles else { throw Self.tooMany(declared, maxTriangles) }
            encoding = .binary(triangles: declared)
        } else if Self.looksLikeText(head) {
            encoding = .ascii
        } else if let declared {
            let needed = Self.headerSize + Self.recordSize * declared
            let cause = size < needed ? "is truncated (cut off)" : "has extra bytes after its last triangle"
            throw JobError.badInput(
                "the STL model \(name) \(cause): its header announces \(declared) triangles, which take "
                    + "\(needed) bytes, but the file has \(size) bytes; upload the complete file again")
        } else {
            throw JobError.badInput(
                "the model \(name) is too short to be an STL file (\(size) bytes; a binary STL has at least 84)")
        }
    }

    /// Calls `body` with every triangle, in file order.
    /// - Throws: ``JobError`` `.badInput` for malformed content, or whatever `body` throws.
    public func forEachTriangle(_ body: (Triangle) throws -> Void) throws {
        switch encoding {
        case .binary(let count): try forEachBinary(count: count, body)
        case .ascii: try forEachASCII(body)
        }
    }

    // MARK: - Binary

    private func forEachBinary(count: Int, _ body: (Triangle) throws -> Void) throws {
        let file = try Self.open(path)
        defer { try? file.close() }
        try file.seek(toOffset: UInt64(Self.headerSize))
        var remaining = count
        let perChunk = Self.chunkSize / Self.recordSize
        while remaining > 0 {
            let want = min(remaining, perChunk)
            guard let data = try file.read(upToCount: want * Self.recordSize), data.count == want * Self.recordSize
            else { throw JobError.badInput("the STL model \(name) ended early while it was being read") }
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                for index in 0..<want {
                    let base = index * Self.recordSize + 12
                    var corners: [SIMD3<Double>] = []
                    corners.reserveCapacity(3)
                    for corner in 0..<3 {
                        let at = base + corner * 12
                        let point = SIMD3(
                            Self.float(raw, at: at), Self.float(raw, at: at + 4), Self.float(raw, at: at + 8))
                        guard point.isFinite else {
                            throw JobError.badInput(
                                "the STL model \(name) has an invalid (NaN or infinite) coordinate in triangle \(count - remaining + index + 1)"
                            )
                        }
                        corners.append(point)
                    }
                    try body(Triangle(corners[0], corners[1], corners[2]))
                }
            }
            remaining -= want
        }
    }

    private static func float(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Double {
        Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
    }

    // MARK: - ASCII

    private func forEachASCII(_ body: (Triangle) throws -> Void) throws {
        let file = try Self.open(path)
        defer { try? file.close() }
        var parser = ASCIISTLParser(name: name, maxTriangles: maxTriangles)
        var pending: [UInt8] = []
        while let data = try file.read(upToCount: Self.chunkSize), !data.isEmpty {
            pending.append(contentsOf: data)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if let triangle = try parser.consume(line: pending[start..<newline]) { try body(triangle) }
                start = newline + 1
            }
            pending.removeFirst(start)
            guard pending.count <= ASCIISTLParser.maxLineLength else {
                throw JobError.badInput(
                    "the STL model \(name) has a line longer than \(ASCIISTLParser.maxLineLength) bytes: it is not a valid ASCII STL"
                )
            }
        }
        if !pending.isEmpty {
            // A last line without a newline that does not parse was cut off mid-line.
            let last: Triangle?
            do {
                last = try parser.consume(line: pending[...])
            } catch {
                throw parser.truncated()
            }
            if let last { try body(last) }
        }
        try parser.finish()
    }

    // MARK: - Helpers

    static func tooMany(_ count: Int, _ limit: Int) -> JobError {
        JobError.badInput(
            "the model has \(count) triangles, more than the limit of \(limit); simplify (decimate) it before uploading"
        )
    }

    private static func open(_ path: String) throws(JobError) -> FileHandle {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw JobError.badInput("the model \(URL(fileURLWithPath: path).lastPathComponent) cannot be opened")
        }
        return file
    }

    private static func readPrefix(path: String, count: Int) throws(JobError) -> [UInt8] {
        let file = try open(path)
        defer { try? file.close() }
        guard let data = try? file.read(upToCount: count) else {
            throw JobError.badInput("the model \(URL(fileURLWithPath: path).lastPathComponent) cannot be read")
        }
        return Array(data)
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    /// ASCII STL starts with `solid`; binary headers may too, but their triangle records hold NUL
    /// and high bytes, which text never does.
    private static func looksLikeText(_ head: [UInt8]) -> Bool {
        let text = head.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        guard text.starts(with: Array("solid".utf8)) else { return false }
        return head.allSatisfy { $0 != 0 && $0 < 0x80 }
    }
}

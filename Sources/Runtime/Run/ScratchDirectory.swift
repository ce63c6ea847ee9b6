import Foundation

/// A job's private working directory (`inputs/`, `outputs/`, tool home), removed on every exit path.
public struct ScratchDirectory: Sendable {
    public let root: URL

    public var inputs: URL { root.appendingPathComponent("inputs") }
    public var outputs: URL { root.appendingPathComponent("outputs") }

    /// Creates `<parent>/onejob-<id>-XXXXXX` with mode 0700 (mkdtemp), so other users cannot read inputs.
    public static func create(in parent: String, id: String) throws -> ScratchDirectory {
        var template = Array("\(parent)/onejob-\(id.prefix(32))-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw JobError(.ioFailed, "mkdtemp in \(parent) failed: \(String(cString: strerror(errno)))")
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let scratch = ScratchDirectory(root: URL(fileURLWithPath: path, isDirectory: true))
        do {
            try FileManager.default.createDirectory(at: scratch.inputs, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: scratch.outputs, withIntermediateDirectories: true)
        } catch {
            scratch.remove()
            throw JobError(.ioFailed, "cannot create scratch folders in \(path): \(error.localizedDescription)")
        }
        return scratch
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

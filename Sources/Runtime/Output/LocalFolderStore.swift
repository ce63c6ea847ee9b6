import Foundation

/// Writes outputs into a local folder: each file copied under a temporary name then renamed, so a
/// reader never sees a partial file, and `result.json` last.
public struct LocalFolderStore: OutputStore {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var location: String { directory }

    public func prepare() async throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JobError(.ioFailed, "cannot create output folder \(directory): \(error.localizedDescription)")
        }
        let result = directory + "/result.json"
        if FileManager.default.fileExists(atPath: result) {
            try? FileManager.default.removeItem(atPath: result)
        }
    }

    public func store(_ file: OutputFile) async throws -> StoredOutput {
        try OutputName.validate(file.name)
        let destination = directory + "/" + file.name
        let parent = (destination as NSString).deletingLastPathComponent
        let temporary = parent + "/.\((file.name as NSString).lastPathComponent).partial-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: file.localURL.path, toPath: temporary)
            let digest = try Digest.sha256Hex(fileAt: temporary)
            try Self.renameReplacing(temporary, destination)
            return StoredOutput(
                name: file.name, path: destination, bytes: digest.bytes, sha256: digest.hex, contentType: file.contentType)
        } catch let error as JobError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw JobError(.ioFailed, "cannot write \(destination): \(error.localizedDescription)")
        }
    }

    public func commit(result: [UInt8]) async throws -> String {
        let destination = directory + "/result.json"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Self.writeAtomically(result, to: destination)
        } catch {
            throw JobError(.ioFailed, "cannot write \(destination): \(error.localizedDescription)")
        }
        return destination
    }

    public func abandon() async {}

    /// Writes through a temporary file in the same folder and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".partial-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            try renameReplacing(temporary, path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// `rename(2)`, which replaces the destination atomically (FileManager's move refuses to).
    static func renameReplacing(_ source: String, _ destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw JobError(.ioFailed, "rename to \(destination) failed: \(String(cString: strerror(errno)))")
        }
    }
}

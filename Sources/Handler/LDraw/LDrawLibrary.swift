import Foundation
import Runtime

/// Finds files in an LDraw library folder (`LDRAW_DIR`), ignoring the case of every path component.
///
/// The official library ships lower-case names but files reference each other in any case
/// (`S\3001S01.DAT`), and unofficial or hand-made libraries use upper case; on a case-sensitive file
/// system the lookup must fold case itself. Most names hit on the first `stat` of the name as written
/// or lower-cased; only a miss lists the directory, once per directory and job (`parts/` holds ~20,000
/// files, so listing it is kept for when it is really needed).
///
/// Not `Sendable`: one resolver owns it for the length of one job, caches included.
public final class LDrawLibrary {
    /// The folders a reference is looked up in, in order: parts, primitives, models, then the
    /// subpart and high-resolution primitive folders for references written without their prefix.
    public static let searchFolders = ["parts", "p", "models", "parts/s", "p/48"]
    public static let configFile = "LDConfig.ldr"
    /// A single library file larger than this is not a part (the biggest official files are ~2 MB).
    public static let maxFileBytes = 32 << 20

    public let root: URL
    private var listings: [String: [String: String]] = [:]
    private var folders: [String: String] = [:]

    /// - Throws: ``JobError`` `.toolMissing` (69) when `root` is not a library with a `parts` folder:
    ///   the operator's installation is incomplete, no job can fix that.
    public init(root: URL) throws(JobError) {
        self.root = root.standardizedFileURL
        guard locateFolder("parts") != nil else {
            throw JobError.toolMissing(
                "no LDraw library at \(self.root.path) (no parts folder); set LDRAW_DIR or install the library")
        }
    }

    /// The library folder named by `LDRAW_DIR`, else `/usr/share/ldraw`.
    public static func rootPath(in environment: Environment) -> String {
        environment["LDRAW_DIR"] ?? "/usr/share/ldraw"
    }

    /// The colour table.
    /// - Throws: ``JobError`` `.toolMissing` when the library has no `LDConfig.ldr`.
    public func colorTable() throws(JobError) -> LDrawColorTable {
        guard let path = child(of: root.path, named: Self.configFile) else {
            throw JobError.toolMissing("the LDraw library at \(root.path) has no \(Self.configFile)")
        }
        return LDrawColorTable(ldconfig: try read(path: path, name: Self.configFile))
    }

    /// The path of the file a reference names, or `nil` when no search folder has it.
    /// - Parameter name: as written in a type 1 line or a job (`s\3001s01.dat`, `48/1-4cyli.dat`).
    /// - Throws: ``JobError`` `.badInput` for a name that would leave the library (`..`, absolute).
    public func locate(_ name: String) throws(JobError) -> String? {
        // A path ends at its first NUL for the C calls behind FileManager: "stud.dat\0x" would find
        // stud.dat, and "..\0" would slip past the check below and then mean "..".
        guard !name.utf8.contains(0) else {
            throw JobError.badInput("LDraw reference \"\(name.replacing("\0", with: "\\0"))\" contains a NUL byte")
        }
        let components = name.replacing("\\", with: "/").split(separator: "/").map(String.init)
        // A NUL would cut the path short in the C calls below; `C:` is a Windows absolute path.
        let driveLetter = name.count >= 2 && name.first?.isLetter == true && name.dropFirst().first == ":"
        guard !name.hasPrefix("/"), !name.hasPrefix("\\"), !components.isEmpty, !driveLetter,
            !name.unicodeScalars.contains("\u{0}"), !components.contains(where: { $0 == ".." || $0 == "." })
        else {
            throw JobError.badInput("LDraw reference \"\(name)\" points outside the library")
        }
        let candidates = Self.searchFolders.compactMap { locateFolder($0) }
        // Cheap pass first: stat the name as written and lower-cased in every folder.
        for folder in candidates {
            for variant in [components, components.map { $0.lowercased() }] {
                let path = folder + "/" + variant.joined(separator: "/")
                if isRegularFile(path) { return path }
            }
        }
        for folder in candidates {
            if let path = walk(from: folder, components), isRegularFile(path) { return path }
        }
        return nil
    }

    /// The text of a library file, decoded as UTF-8 or, failing that, Latin-1 (older files).
    /// - Throws: ``JobError`` `.badInput` when it cannot be read or is implausibly large.
    public func read(path: String, name: String) throws(JobError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobError.badInput("LDraw file \(name) (\(path)) could not be read")
        }
        guard data.count <= Self.maxFileBytes else {
            throw JobError.badInput("LDraw file \(name) is \(data.count) bytes, more than \(Self.maxFileBytes)")
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        // Latin-1 maps every byte to the code point of the same value.
        return String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
    }

    // MARK: - Case folding

    private func locateFolder(_ logical: String) -> String? {
        if let known = folders[logical] { return known }
        let parts = logical.split(separator: "/").map(String.init)
        guard let path = walk(from: root.path, parts), isDirectory(path) else { return nil }
        folders[logical] = path
        return path
    }

    private func walk(from start: String, _ components: [String]) -> String? {
        var path = start
        for component in components {
            guard let next = child(of: path, named: component) else { return nil }
            path = next
        }
        return path
    }

    /// `directory/name` as it exists on disk, matching `name` without regard to case.
    private func child(of directory: String, named name: String) -> String? {
        for variant in [name, name.lowercased(), name.uppercased()] {
            let path = directory + "/" + variant
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        if listings[directory] == nil {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            var folded: [String: String] = [:]
            for entry in entries { folded[entry.lowercased()] = entry }
            listings[directory] = folded
        }
        return listings[directory]?[name.lowercased()].map { directory + "/" + $0 }
    }

    private func isRegularFile(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

import Foundation

/// Finds tool executables by name on `PATH`, or from an explicit override variable.
///
/// Tools are always run by absolute path: the lookup happens once, here, and a missing tool becomes
/// exit 69 with an install hint instead of a confusing spawn error.
public struct ToolLocator: Sendable {
    public var environment: Environment

    public init(environment: Environment) {
        self.environment = environment
    }

    /// The absolute path of `name`, honouring `override` (e.g. `ONEJOB_BLENDER=/opt/blender/blender`).
    /// - Throws: ``JobError`` `.toolMissing` with `installHint` in the message.
    public func locate(_ name: String, override: String? = nil, installHint: String) throws -> String {
        if let override, let path = environment[override] {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw JobError.toolMissing("\(override)=\(path) is not an executable file; \(installHint)")
            }
            return path
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw JobError.toolMissing("\(name) was not found on PATH; \(installHint)")
    }
}

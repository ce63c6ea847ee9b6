import Foundation
import Runtime

/// The Python scripts shipped in the `blender` resource folder.
///
/// They are package resources rather than strings in Swift so they stay ordinary, lintable Python
/// and no job data can ever be spliced into their source.
public enum BlenderScript: String, Sendable, CaseIterable {
    case textMesh = "text_mesh"

    /// The script's path on disk. The resource bundle must sit next to the `onejob` binary
    /// (`onejob_Handler.resources`), which is where SwiftPM puts it and where the image copies it.
    /// - Throws: ``JobError`` `.toolMissing` when the script is not installed.
    public func path() throws -> String {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "py", subdirectory: "blender") else {
            throw JobError.toolMissing("the Blender script blender/\(rawValue).py is missing from the resource bundle")
        }
        return url.path
    }
}

import Foundation

/// What must hold before a long-lived mode (Lambda, serve) takes work: failing here is reported once
/// as a start-up error (Lambda's `/init/error`) instead of failing every job the same way.
public enum StartupCheck {
    /// - Returns: the first problem found, or nil.
    public static func problem(runner: JobRunner) -> JobError? {
        let scratch = runner.environment["ONEJOB_SCRATCH_DIR"] ?? runner.environment["TMPDIR"] ?? "/tmp"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: scratch, isDirectory: &isDirectory), isDirectory.boolValue,
            access(scratch, W_OK) == 0
        else {
            return JobError(.toolMissing, "the scratch directory \(scratch) is not a writable directory")
        }
        if let output = runner.outputOverride {
            do {
                try OutputLocation.validate(output, path: "ONEJOB_OUTPUT")
            } catch {
                return error
            }
        }
        return nil
    }
}

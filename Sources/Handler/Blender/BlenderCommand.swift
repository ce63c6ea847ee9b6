import Runtime

/// The argv of a headless Blender run of one of our scripts: pure, so its flags are table-tested.
///
/// Every flag is there for isolation or for a usable exit status:
/// `-b` runs without a window; `--factory-startup` ignores any user preferences and startup file in
/// `$HOME`; `-noaudio` skips opening a sound device a container does not have; `--disable-autoexec`
/// refuses Python embedded in .blend files; `--python-exit-code 3` turns an uncaught script
/// exception into exit status 3 instead of Blender's default 0. Script arguments follow `--`, where
/// Blender stops parsing and leaves them in `sys.argv` for the script.
public struct BlenderCommand: Sendable, Equatable {
    /// The status Blender exits with when the script raises.
    public static let scriptFailureStatus: Int32 = 3

    public var executable: String
    public var script: String
    public var scriptArguments: [String]

    public init(executable: String, script: String, scriptArguments: [String]) {
        self.executable = executable
        self.script = script
        self.scriptArguments = scriptArguments
    }

    public var arguments: [String] {
        [
            "-b", "--factory-startup", "-noaudio", "--disable-autoexec",
            "--python-exit-code", String(Self.scriptFailureStatus),
            "--python", script, "--",
        ] + scriptArguments
    }

    /// The command for ``ProcessRunning``, with the environment the caller scrubbed.
    public func toolCommand(
        environment: [String: String], workingDirectory: String?,
        onLine: (@Sendable (ToolStream, String) -> Void)? = nil
    ) -> ToolCommand {
        ToolCommand(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: workingDirectory, onLine: onLine)
    }
}

import Runtime
import Testing

@testable import Handler

@Suite("Blender output parsing")
struct BlenderOutputTests {
    @Test(
        "version from the banner",
        arguments: [
            ("Blender 3.4.1\nONEJOB-PROGRESS: 5\n", "3.4.1"),
            ("\nBlender 4.2.0 LTS\n", "4.2.0"),
            ("Read prefs: x\nBlender 3.6.5 (hash abc)\n", "3.6.5"),
            ("Blender quit\n", nil),
            ("", nil),
        ] as [(String, String?)])
    func version(stdout: String, expected: String?) {
        #expect(BlenderOutput.version(fromStdout: stdout) == expected)
    }

    @Test(
        "progress lines",
        arguments: [
            ("ONEJOB-PROGRESS: 50", 50), ("ONEJOB-PROGRESS: 12.5", 12.5), ("ONEJOB-PROGRESS: 150", 100),
            ("ONEJOB-PROGRESS: -3", 0), ("ONEJOB-PROGRESS: nan", nil), ("ONEJOB-PROGRESS: x", nil),
            ("progress: 50", nil), ("Blender 3.4.1", nil),
        ] as [(String, Double?)])
    func progress(line: String, expected: Double?) {
        #expect(BlenderOutput.progress(inLine: line) == expected)
    }

    static func result(_ termination: ToolResult.Termination, stderr: String) -> ToolResult {
        ToolResult(termination: termination, stdout: "Blender 3.4.1\n", stderr: stderr, duration: .seconds(1))
    }

    @Test("a bad-input error line becomes exit 65 with the script's message")
    func badInput() {
        let stderr = "Error: Cannot read\nONEJOB-ERROR: bad-input: font /x.ttf could not be loaded: nope\nTraceback\n"
        let error = BlenderOutput.failure(of: Self.result(.exited(3), stderr: stderr))
        #expect(error == .badInput("font /x.ttf could not be loaded: nope"))
    }

    @Test("a tool-failed error line becomes exit 70 with the script's message")
    func toolFailedLine() {
        let stderr = "ONEJOB-ERROR: tool-failed: RuntimeError: export failed\n"
        #expect(BlenderOutput.failure(of: Self.result(.exited(3), stderr: stderr)) == .toolFailed("RuntimeError: export failed"))
    }

    @Test("without an error line, the status and the stderr tail are reported")
    func noErrorLine() {
        let stderr = (1...8).map { "line \($0)" }.joined(separator: "\n")
        let error = BlenderOutput.failure(of: Self.result(.exited(139), stderr: stderr))
        #expect(error == .toolFailed("blender exited with status 139: line 4 | line 5 | line 6 | line 7 | line 8"))
        #expect(BlenderOutput.failure(of: Self.result(.signaled(9), stderr: "")) == .toolFailed("blender was killed by signal 9"))
    }
}

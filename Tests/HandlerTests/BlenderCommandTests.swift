import Runtime
import Testing

@testable import Handler

@Suite("Blender argv builder")
struct BlenderCommandTests {
    static let table: [(BlenderCommand, [String])] = [
        (
            BlenderCommand(executable: "/usr/bin/blender", script: "/s/text_mesh.py", scriptArguments: ["/w/p.json", "/w/r.json"]),
            [
                "-b", "--factory-startup", "-noaudio", "--disable-autoexec", "--python-exit-code", "3",
                "--python", "/s/text_mesh.py", "--", "/w/p.json", "/w/r.json",
            ]
        ),
        (
            BlenderCommand(executable: "/b", script: "/has space/x.py", scriptArguments: []),
            [
                "-b", "--factory-startup", "-noaudio", "--disable-autoexec", "--python-exit-code", "3",
                "--python", "/has space/x.py", "--",
            ]
        ),
        (
            // Arguments that look like Blender flags stay after "--", where Blender no longer parses.
            BlenderCommand(executable: "/b", script: "/x.py", scriptArguments: ["--python-expr", "import os"]),
            [
                "-b", "--factory-startup", "-noaudio", "--disable-autoexec", "--python-exit-code", "3",
                "--python", "/x.py", "--", "--python-expr", "import os",
            ]
        ),
    ]

    @Test("argv", arguments: table)
    func arguments(command: BlenderCommand, expected: [String]) {
        #expect(command.arguments == expected)
    }

    @Test("the tool command carries executable, argv, environment and directory unchanged")
    func toolCommand() {
        let command = BlenderCommand(executable: "/usr/bin/blender", script: "/x.py", scriptArguments: ["a"])
        let tool = command.toolCommand(environment: ["HOME": "/scratch"], workingDirectory: "/scratch/w")
        #expect(tool.executable == "/usr/bin/blender")
        #expect(tool.arguments == command.arguments)
        #expect(tool.environment == ["HOME": "/scratch"])
        #expect(tool.workingDirectory == "/scratch/w")
    }

    @Test("the text-mesh script ships as a resource")
    func scriptResource() throws {
        let path = try BlenderScript.textMesh.path()
        #expect(path.hasSuffix("blender/text_mesh.py"))
    }
}

import Foundation
import Runtime
import Testing

@testable import Handler

/// Whether real Blender is here; CI installs it, so a skipped suite there is a failure.
let blenderInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/blender")

/// `actual` within 2 % of `expected`.
func near(_ actual: Double, _ expected: Double, tolerance: Double = 0.02) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

/// End-to-end runs of the text-mesh handler with real Blender, one at a time (2 cores, ~2 s per start).
@Suite("text-mesh with real Blender", .serialized, .enabled(if: blenderInstalled))
struct TextMeshBlenderTests {
    static func params(_ text: String = "H", format: String, bevel: Double = 0) -> JSONValue {
        .object(["text": .string(text), "format": .string(format), "bevel": .number(bevel)])
    }

    static func facts(_ outcome: JobOutcome) throws -> (triangles: Int, x: Double, y: Double, z: Double, manifold: Bool) {
        let metrics = outcome.metrics
        let bounds = try #require(metrics["boundsMm"])
        return (
            try #require(metrics["triangles"]?.doubleValue).asInt,
            try #require(bounds["x"]?.doubleValue), try #require(bounds["y"]?.doubleValue),
            try #require(bounds["z"]?.doubleValue), try #require(metrics["manifold"]?.boolValue as Bool?)
        )
    }

    static func onlyFile(_ outcome: JobOutcome, name: String, contentType: String) throws -> [UInt8] {
        #expect(outcome.files.count == 1)
        let file = try #require(outcome.files.first)
        #expect(file.name == name)
        #expect(file.contentType == contentType)
        return Array(try Data(contentsOf: file.localURL))
    }

    @Test("STL: binary, cap height and depth as asked, manifold, version and progress reported")
    func stl() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "stl"))
        let stl = try MeshSTL(try Self.onlyFile(outcome, name: "text.stl", contentType: "model/stl"))
        let facts = try Self.facts(outcome)

        #expect(stl.triangleCount == facts.triangles)
        #expect(stl.triangleCount > 0)
        #expect(near(stl.bounds.size.y, 20), "cap height of H: \(stl.bounds.size.y)")
        #expect(near(stl.bounds.size.z, 5), "depth: \(stl.bounds.size.z)")
        #expect(abs(stl.bounds.low.x) < 1e-3 && abs(stl.bounds.low.y) < 1e-3 && abs(stl.bounds.low.z) < 1e-3)
        #expect(near(facts.x, stl.bounds.size.x) && near(facts.y, 20) && near(facts.z, 5))
        #expect(facts.manifold)
        #expect(outcome.tool == ToolInfo(name: "blender", version: "3.4.1"))
        let progress = fixture.progress.all
        #expect(progress.last == 100)
        #expect(progress == progress.sorted())
    }

    @Test("OBJ: one face per triangle, Y-up in millimetres")
    func obj() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "obj"))
        let obj = MeshOBJ(String(decoding: try Self.onlyFile(outcome, name: "text.obj", contentType: "model/obj"), as: UTF8.self))
        let facts = try Self.facts(outcome)
        #expect(obj.faceCount == facts.triangles)
        #expect(near(obj.bounds.size.y, 5), "OBJ up axis is the depth")
        #expect(near(obj.bounds.size.z, 20), "OBJ depth axis is the cap height")
    }

    @Test("PLY: binary with one face per triangle")
    func ply() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "ply"))
        let ply = try MeshPLY(try Self.onlyFile(outcome, name: "text.ply", contentType: "application/octet-stream"))
        #expect(ply.format == "binary_little_endian")
        #expect(ply.faceCount == (try Self.facts(outcome)).triangles)
        #expect(ply.vertexCount > 0)
    }

    @Test("FBX: binary, and its unit is the millimetre (UnitScaleFactor 0.1 cm)")
    func fbx() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "fbx"))
        let fbx = try MeshFBX(try Self.onlyFile(outcome, name: "text.fbx", contentType: "application/octet-stream"))
        #expect(fbx.version >= 7000)
        #expect(abs(fbx.unitScaleFactor - 0.1) < 1e-6, "0.1 as Blender's float32 scale_length")
    }

    @Test("GLB: glTF 2 container whose bounds are in metres")
    func glb() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "glb"))
        let bytes = try Self.onlyFile(outcome, name: "text.glb", contentType: "model/gltf-binary")
        let glb = try MeshGLB(bytes)
        let facts = try Self.facts(outcome)
        #expect(glb.version == 2)
        #expect(glb.declaredLength == bytes.count)
        #expect(glb.triangleCount == facts.triangles)
        #expect(near(glb.bounds.size.x, facts.x / 1000))
        #expect(near(glb.bounds.size.y, 0.005), "glTF up axis is the depth, 5 mm = 0.005 m")
        #expect(near(glb.bounds.size.z, 0.020), "cap height 20 mm = 0.02 m")
    }

    @Test("a bevel stays inside the cap height and the depth")
    func bevel() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(format: "stl", bevel: 1.5))
        let stl = try MeshSTL(try Self.onlyFile(outcome, name: "text.stl", contentType: "model/stl"))
        let plain = 44  // triangles of a plain H: a bevel must add its rounded walls
        #expect(stl.triangleCount > plain)
        #expect(near(stl.bounds.size.y, 20), "cap height with bevel: \(stl.bounds.size.y)")
        #expect(near(stl.bounds.size.z, 5), "depth with bevel: \(stl.bounds.size.z)")
        #expect(try Self.facts(outcome).manifold)
    }

    @Test("hostile text is rendered literally and nothing in it runs")
    func hostileText() async throws {
        let marker = "/tmp/onejob-pwned-\(UUID().uuidString.prefix(8))"
        let text = """
            "q" 's' \"\"\" ''' back\\slash \\n {text} %s $(id) `id`
            __import__('os').system('touch \(marker)')
            exec("open('\(marker)','w')") 🙂 مرحبا שלום
            """
        #expect(text.count <= 200)
        let fixture = try TextMeshFixture()
        let outcome = try await fixture.run(Self.params(text, format: "stl"))

        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try fixture.scriptResult()["body"] == .string(text), "Blender's curve body must equal the text")
        let stl = try MeshSTL(try Self.onlyFile(outcome, name: "text.stl", contentType: "model/stl"))
        #expect(stl.triangleCount > 1000)
        #expect(stl.bounds.size.y > 3 * 20, "three lines of text")
    }

    @Test("a file that is not a font is bad input (65) with Blender's reason")
    func notAFont() async throws {
        let fixture = try TextMeshFixture()
        let fake = fixture.scratch.appendingPathComponent("fake.ttf")
        try Data("not a font".utf8).write(to: fake)
        let error = await #expect(throws: JobError.self) {
            try await fixture.run(.object(["text": .string("H"), "font": .string(fake.path)]))
        }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("could not be loaded") == true, "\(String(describing: error))")
    }

    @Test("a missing font is bad input (65) found before Blender starts")
    func missingFont() async throws {
        let fixture = try TextMeshFixture()
        let error = await #expect(throws: JobError.self) {
            try await fixture.run(.object(["text": .string("H"), "font": .string("/nonexistent/font.ttf")]))
        }
        #expect(error == .badInput("font /nonexistent/font.ttf does not exist"))
        #expect(fixture.progress.all.isEmpty)
    }

    @Test("a tool that fails without an error line is tool-failed (70) with its status")
    func toolFails() async throws {
        let fixture = try TextMeshFixture()
        var environment = Environment.current()
        environment.values["ONEJOB_BLENDER"] = "/usr/bin/false"
        let error = await #expect(throws: JobError.self) {
            try await fixture.run(.object(["text": .string("H")]), environment: environment)
        }
        #expect(error == .toolFailed("blender exited with status 1"))
    }
}

extension Double {
    fileprivate var asInt: Int { Int(self) }
}

import Runtime
import Testing

@testable import Handler

@Suite("text-mesh parameters")
struct TextMeshParamsTests {
    let handler = TextMeshHandler()

    @Test("defaults are filled in, in documented order")
    func defaults() throws {
        let normalized = try handler.normalize(params: .object(["text": .string("Hi")]))
        #expect(
            normalized
                == .object([
                    "text": .string("Hi"),
                    "font": .string("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
                    "height": .number(20), "depth": .number(5), "bevel": .number(0), "format": .string("stl"),
                ]))
    }

    @Test("given values are kept")
    func explicitValues() throws {
        let params: JSONValue = .object([
            "format": .string("glb"), "text": .string("A\nB"), "font": .string("/fonts/X.OTF"),
            "height": .number(0.5), "depth": .number(1000), "bevel": .number(0.125),
        ])
        let parsed = try TextMeshParams(validating: params)
        #expect(
            parsed
                == TextMeshParams(text: "A\nB", font: "/fonts/X.OTF", height: 0.5, depth: 1000, bevel: 0.125, format: .glb))
    }

    @Test("text length counts characters, not bytes or scalars")
    func textLength() throws {
        let family = "👨‍👩‍👧‍👦"  // one Character, seven scalars, 25 bytes
        #expect(try TextMeshParams(validating: .object(["text": .string(String(repeating: family, count: 200))])).text.count == 200)
        #expect(throws: JobError.invalidJob("text must be 1 to 200 characters, found 201", path: "params.text")) {
            try handler.normalize(params: .object(["text": .string(String(repeating: "é", count: 201))]))
        }
    }

    static let badParams: [(JSONValue, String)] = [
        (.object([:]), "params.text"),
        (.null, "params.text"),
        (.array([]), "params"),
        (.object(["text": .number(1)]), "params.text"),
        (.object(["text": .string("")]), "params.text"),
        (.object(["text": .string(" \n\t ")]), "params.text"),
        (.object(["text": .string("a\u{0}b")]), "params.text"),
        (.object(["text": .string("a"), "font": .string("fonts/x.ttf")]), "params.font"),
        (.object(["text": .string("a"), "font": .string("/etc/passwd")]), "params.font"),
        (.object(["text": .string("a"), "font": .bool(true)]), "params.font"),
        (.object(["text": .string("a"), "height": .number(0.49)]), "params.height"),
        (.object(["text": .string("a"), "height": .number(1000.5)]), "params.height"),
        (.object(["text": .string("a"), "height": .string("20")]), "params.height"),
        (.object(["text": .string("a"), "depth": .number(0.09)]), "params.depth"),
        (.object(["text": .string("a"), "depth": .number(1001)]), "params.depth"),
        (.object(["text": .string("a"), "bevel": .number(-0.1)]), "params.bevel"),
        (.object(["text": .string("a"), "height": .number(4), "bevel": .number(1.01)]), "params.bevel"),
        (.object(["text": .string("a"), "depth": .number(1), "bevel": .number(0.6)]), "params.bevel"),
        (.object(["text": .string("a"), "format": .string("STL")]), "params.format"),
        (.object(["text": .string("a"), "format": .string("3mf")]), "params.format"),
        (.object(["text": .string("a"), "size": .number(20)]), "params.size"),
        (.object(["text": .string("a"), "Text": .string("b")]), "params.Text"),
    ]

    @Test("each bad value is rejected with its path", arguments: badParams)
    func rejects(params: JSONValue, path: String) {
        let error = #expect(throws: JobError.self) { try handler.normalize(params: params) }
        #expect(error?.code == .invalidJob)
        #expect(error?.detail["path"] == path)
    }

    @Test("the bevel limit is a quarter of the height and half the depth")
    func bevelLimit() throws {
        #expect(TextMeshParams.maxBevel(height: 20, depth: 5) == 2.5)
        #expect(TextMeshParams.maxBevel(height: 4, depth: 100) == 1)
        let edge = try TextMeshParams(validating: .object(["text": .string("a"), "bevel": .number(2.5)]))
        #expect(edge.bevel == 2.5)
    }

    @Test("the unknown-parameter error names the parameter")
    func unknownParameterMessage() {
        let error = #expect(throws: JobError.self) {
            try handler.normalize(params: .object(["text": .string("a"), "colour": .string("red")]))
        }
        #expect(error?.message.contains("\"colour\"") == true)
    }

    @Test("each format has its extension and content type")
    func formats() {
        let table = TextMeshFormat.allCases.map { "\($0.fileExtension)=\($0.contentType)" }
        #expect(
            table == [
                "stl=model/stl", "obj=model/obj", "ply=application/octet-stream", "fbx=application/octet-stream",
                "glb=model/gltf-binary",
            ])
    }

    @Test("the schema names exactly the accepted parameters, with the same defaults")
    func schemaAgrees() throws {
        let properties = try #require(handler.paramsSchema["properties"]?.objectValue)
        #expect(Set(properties.map(\.key)) == TextMeshParams.knownNames)
        let normalized = try handler.normalize(params: .object(["text": .string("x")]))
        for (name, property) in properties where name != "text" {
            #expect(property["default"] == normalized[name], "default of \(name)")
        }
        #expect(handler.paramsSchema["required"] == .array([.string("text")]))
    }

    @Test("the kind is text-mesh and takes no inputs yet")
    func kind() {
        #expect(handler.kind == "text-mesh")
        #expect(handler.inputs.isEmpty)
    }
}

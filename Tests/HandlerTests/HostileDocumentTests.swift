import Foundation
import Testing

@testable import Handler
@testable import Runtime

/// Hostile job documents, parameters and paths: each row an input, the exit code and a fragment of
/// the message. Document rows run the built binary (`onejob validate`); parameter rows that only
/// exercise validation call the kinds' validators directly (pure logic, hundreds of rows).
@Suite struct HostileDocumentTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var document: [UInt8]
        var status: Int32
        var fragment: String
        var testDescription: String { name }
    }

    static func row(_ name: String, _ text: String, _ status: Int32, _ fragment: String) -> Row {
        Row(name: name, document: Array(text.utf8), status: status, fragment: fragment)
    }

    /// Runs `onejob validate --job FILE` on raw bytes (invalid UTF-8 cannot travel in a Swift String).
    static func validate(_ bytes: [UInt8], environment: [String: String] = [:]) async throws -> (status: Int32, message: String) {
        let directory = try BuiltBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/job.json"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let output = try await BuiltBinary.run(["validate", "--job", file], environment: environment)
        let line = output.stderr.split(separator: "\n").last(where: { $0.contains(#""severity":"ERROR""#) })
        let message = line.flatMap { try? JSONParser.parse(Array($0.utf8)) }?["message"]?.stringValue ?? ""
        return (output.status, message)
    }

    // MARK: - Job documents

    static let documents: [Row] = [
        row("10,000 levels of arrays", #"{"kind":"text-mesh","params":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}", 64, "nesting deeper than 64 levels"),
        row("10,000 levels of objects", String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000), 64, "nesting deeper than 64 levels"),
        row("300 KiB document", #"{"kind":"text-mesh","params":{"text":"a"},"id":""# + String(repeating: "a", count: 300 * 1024) + #""}"#, 64, "256 KiB limit"),
        row("duplicate top-level key", #"{"kind":"text-mesh","kind":"ldraw-svg","params":{"text":"a"}}"#, 64, #"duplicate key "kind""#),
        row("duplicate param", #"{"kind":"text-mesh","params":{"text":"a","text":"b"}}"#, 64, #"duplicate key "text""#),
        Row(name: "invalid UTF-8 in a string", document: Array(#"{"kind":"text-mesh","params":{"text":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8), status: 64, fragment: "invalid UTF-8"),
        Row(name: "overlong UTF-8 slash", document: Array(#"{"kind":"text-mesh","params":{"text":""#.utf8) + [0xC0, 0xAF] + Array(#""}}"#.utf8), status: 64, fragment: "invalid UTF-8"),
        Row(name: "UTF-8 surrogate", document: Array(#"{"kind":"text-mesh","params":{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}}"#.utf8), status: 64, fragment: "invalid UTF-8"),
        row("lone surrogate escape", #"{"kind":"text-mesh","params":{"text":"\ud800"}}"#, 64, "lone high surrogate"),
        row("1e400", #"{"kind":"text-mesh","params":{"text":"a","height":1e400}}"#, 64, "number 1e400 is out of range"),
        row("-1e400", #"{"kind":"text-mesh","params":{"text":"a","depth":-1e400}}"#, 64, "out of range"),
        row("huge integer for an integer param", #"{"kind":"ldraw-svg","params":{"part":"3001","size":99999999999999999999999}}"#, 64, "params.size must be between 16 and 8192"),
        row("1e300 for an integer param", #"{"kind":"slice-quote","inputs":{"model":"https://h.example/m.stl"},"params":{"quantity":1e300}}"#, 64, "params.quantity must be between"),
        row("2^53+1 for an integer param", #"{"kind":"slice-quote","inputs":{"model":"https://h.example/m.stl"},"params":{"infill":9007199254740993}}"#, 64, "params.infill must be between"),
        row("fraction for an integer param", #"{"kind":"ldraw-svg","params":{"part":"3001","size":100.5}}"#, 64, "whole number"),
        row("huge timeout", #"{"kind":"text-mesh","params":{"text":"a"},"timeoutSeconds":1e18}"#, 64, "timeoutSeconds must be a whole number"),
        row("NaN", #"{"kind":"text-mesh","params":{"text":"a","height":NaN}}"#, 64, "NaN and Infinity are not JSON numbers"),
        row("Infinity", #"{"kind":"text-mesh","params":{"text":"a","height":Infinity}}"#, 64, "NaN and Infinity are not JSON numbers"),
        row("-Infinity", #"{"kind":"text-mesh","params":{"text":"a","height":-Infinity}}"#, 64, "NaN and Infinity are not JSON numbers"),
        row("NUL in text", #"{"kind":"text-mesh","params":{"text":"a\u0000b"}}"#, 64, "U+0000"),
    ]

    @Test(arguments: documents)
    func documentsAreRefusedWithAClearMessage(row: Row) async throws {
        let (status, message) = try await Self.validate(row.document)
        #expect(status == row.status, "\(message)")
        #expect(message.contains(row.fragment), "\(message)")
    }

    // MARK: - Injection: every string parameter of every kind

    static let payloads = [
        #"x"; import os; os.system("touch /tmp/onejob-pwned") #"#,
        #"'; __import__('os').system('touch /tmp/onejob-pwned'); '"#,
        "$(touch /tmp/onejob-pwned)", "`touch /tmp/onejob-pwned`", "a; touch /tmp/onejob-pwned", "a\ntouch /tmp/onejob-pwned",
        "a && rm -rf /", "%s%s%s%n", "{0.__class__}{}", #"\"\\"#, "' OR 1=1 --", "<svg onload=alert(1)>",
    ]

    /// Each string parameter with a valid job around it: enumerated values and patterns refuse every
    /// payload (64 naming the parameter); the free-text `text` keeps it verbatim, as data.
    static let stringParams: [(kind: String, base: [(key: String, value: JSONValue)], key: String)] = [
        ("text-mesh", [], "format"),
        ("ldraw-svg", [], "part"),
        ("ldraw-svg", [("part", .string("3001"))], "fill"),
        ("ldraw-svg", [("part", .string("3001"))], "background"),
        ("art-print", [], "style"), ("art-print", [], "preset"), ("art-print", [], "orientation"),
        ("art-print", [], "fit"), ("art-print", [], "padColor"),
        ("slice-quote", [], "material"), ("slice-quote", [], "supports"), ("slice-quote", [], "printer"),
        ("slice-quote", [], "orient"),
    ]

    @Test func enumeratedStringParamsRefuseEveryPayload() throws {
        var rows = 0
        for (kind, base, key) in Self.stringParams {
            let handler = try #require(Kinds.registry[kind])
            for payload in Self.payloads {
                let params = JSONValue.object(base + [(key: key, value: .string(payload))])
                let error = #expect(throws: JobError.self, "\(kind) \(key) \(payload)") { try handler.normalize(params: params) }
                #expect(error?.code == .invalidJob)
                #expect(error?.detail["path"] == "params.\(key)", "\(kind) \(key): \(String(describing: error))")
                rows += 1
            }
        }
        for payload in Self.payloads {
            let handler = try #require(Kinds.registry["slice-quote"])
            let params = JSONValue.object([("pricing", .object([("currency", .string(payload))]))])
            let error = #expect(throws: JobError.self) { try handler.normalize(params: params) }
            #expect(error?.detail["path"] == "params.pricing.currency")
            rows += 1
        }
        #expect(rows == (Self.stringParams.count + 1) * Self.payloads.count)
    }

    @Test func freeTextIsKeptVerbatimAsData() async throws {
        for payload in Self.payloads {
            let job = JSONValue.object([("kind", .string("text-mesh")), ("params", .object([("text", .string(payload))]))])
            let (status, _) = try await Self.validate(Array(job.compactText.utf8))
            #expect(status == 0, "\(payload)")
        }
        let handler = TextMeshHandler()
        for payload in Self.payloads {
            let normalized = try handler.normalize(params: .object([("text", .string(payload))]))
            #expect(normalized["text"] == .string(payload))
        }
    }

    /// The arguments each tool gets: absolute paths we made, never a parameter value.
    @Test func toolsGetArgvPathsNeverParameterText() throws {
        let blender = BlenderCommand(executable: "/usr/bin/blender", script: "/s/text_mesh.py", scriptArguments: ["/w/params.json", "/w/result.json"])
        #expect(blender.arguments.suffix(3) == ["--", "/w/params.json", "/w/result.json"])
        #expect(!blender.arguments.contains("--python-expr") && blender.arguments.contains("--disable-autoexec"))
        let settings = PrusaSlicerCommand.SliceSettings(
            layerHeight: 0.2, infillPercent: 20, supports: .auto, rotation: ModelRotation(xDegrees: 0, yDegrees: 0))
        let slice = PrusaSlicerCommand.slice(model: "/w/model.stl", profiles: ["/w/p.ini"], settings: settings, output: "/o/model.gcode")
        #expect(slice.allSatisfy { !$0.contains("$") && !$0.contains("`") && !$0.contains(";") })
    }

    // MARK: - Paths

    static let partIDs = [
        "../../etc/passwd", "/etc/passwd", "..\\..\\x", "C:\\Windows\\x.dat", "a/b", "a\u{0}b", ".dat", "..", "3001.dat/..",
    ]

    @Test(arguments: partIDs)
    func ldrawPartIDsThatAreNotIDsAre64(part: String) async throws {
        let job = JSONValue.object([("kind", .string("ldraw-svg")), ("params", .object([("part", .string(part))]))])
        let (status, message) = try await Self.validate(Array(job.compactText.utf8))
        #expect(status == 64)
        #expect(message.contains("params.part must be an LDraw part id"), "\(message)")
    }

    @Test func subfileReferencesLeavingTheLibraryAre65() throws {
        let mini = try LDrawMiniLibrary()
        for (index, reference) in ["..\\..\\..\\etc\\passwd", "/etc/passwd", "s/../../LDConfig.ldr", "C:\\x.dat"].enumerated() {
            try mini.write("parts/evil\(index).dat", "0 evil\n1 16 0 0 0 1 0 0 0 1 0 0 0 1 \(reference)\n")
            let environment = Runtime.Environment(["LDRAW_DIR": mini.root.path])
            let params = try LDrawSVGParams(validating: .object([("part", .string("evil\(index)"))]))
            let error = #expect(throws: JobError.self, "\(reference)") { try LDrawSVGHandler.prepare(params, environment: environment) }
            #expect(error?.code == .badInput)
            #expect(error?.message.contains("outside the library") == true, "\(String(describing: error))")
        }
    }

    static let outputs: [(String, Int32)] = [
        ("s3://bucket/../other/", 64), ("s3://bucket/a/../../b/", 64), ("s3://bucket/./x/", 64), ("s3://bucket/a\\..\\b/", 64),
        ("s3://bucket/ok/prefix/", 0), ("ftp://x/y", 64),
    ]

    @Test(arguments: outputs)
    func outputPrefixesWithDotSegmentsAre64(output: String, status: Int32) async throws {
        let job = JSONValue.object([
            ("kind", .string("text-mesh")), ("params", .object([("text", .string("a"))])), ("output", .string(output)),
        ])
        let (got, message) = try await Self.validate(Array(job.compactText.utf8))
        #expect(got == status, "\(message)")
    }

    @Test(arguments: ["../x", "/etc/passwd", "a/../../b", "..\\..\\b", "C:\\x", "a\u{0}b", "", ".", "a/./b", "result.json"])
    func outputNamesThatCouldEscapeAreRefused(name: String) {
        #expect(throws: JobError.self) { try OutputName.validate(name) }
    }

    /// Input files are named `<input name><extension>`; the URL contributes only a short alphanumeric extension.
    @Test(arguments: [
        ("https://h/model.stl", ".stl"), ("https://h/a/..%2F..%2Fetc%2Fpasswd", ""), ("https://h/x.st%00l", ""),
        ("https://h/..\\..\\evil.3mf", ".3mf"), ("https://h/x./", "."), ("https://h/x.aaaaaaaaaaaaaaa", ""),
        ("https://h/x.s/t/l", ""), ("s3://b/k/../../m.STL", ".stl"),
    ])
    func inputFileNamesStayInTheScratchFolder(url: String, fileExtension: String) {
        let got = JobRunner.fileExtension(of: url)
        #expect(got == fileExtension)
        #expect(!got.contains("/") && !got.contains("\\") && !got.contains("\0"))
    }
}

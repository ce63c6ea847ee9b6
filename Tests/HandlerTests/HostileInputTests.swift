import Foundation
import Runtime
import TestSupport
import Testing

@testable import Handler

/// Hostile inputs through the built `onejob run`: resource bombs refused before the tool starts
/// (the tool is a script that leaves a marker if it is ever run), URLs refused by the policy, and
/// injection payloads that reach Blender as data only.
@Suite(.serialized) struct HostileInputTests {
    let directory: String

    init() throws {
        directory = try BuiltBinary.temporaryDirectory()
    }

    /// A stand-in tool that proves, by its marker, whether it was started.
    func markerTool() throws -> (path: String, marker: String) {
        let path = directory + "/tool.sh"
        let marker = directory + "/tool-started"
        try ExecutableScript.write("#!/bin/sh\ntouch '\(marker)'\nexit 1\n", to: path)
        return (path, marker)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = URL(fileURLWithPath: directory + "/" + name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Runs the job and checks the binary's peak memory stayed bounded. The image and STL bombs claim
    /// tens of gigabytes and the zip bombs expand to 100 MiB, so holding any of them would cross this
    /// bound, which is the binary's ~35 MiB baseline plus a margin wide enough for a noisy machine.
    /// `toolRuns`: a real tool runs, and its memory counts in the peak, so no bound applies.
    func run(_ job: JSONValue, _ environment: [String: String], toolRuns: Bool = false) async throws -> (status: Int32, message: String) {
        let output = try await BuiltBinary.run(
            ["run", "--output", directory + "/out"], environment: environment.merging(["ONEJOB_JOB": job.compactText]) { $1 },
            measuringPeakRSS: !toolRuns)
        let line = output.stderr.split(separator: "\n").last(where: { $0.contains(#""severity":"ERROR""#) })
        let message = line.flatMap { try? JSONParser.parse(Array($0.utf8)) }?["message"]?.stringValue ?? ""
        if !toolRuns {
            let peak = try #require(output.peakRSSKiB, "peak RSS not measured")
            #expect(peak < Self.boundedPeakKiB, "peak RSS \(peak) KiB for \(job.compactText.prefix(120))")
        }
        return (output.status, message)
    }

    static let boundedPeakKiB = 96 * 1024

    static func job(_ kind: String, input: (String, String)? = nil, params: [(key: String, value: JSONValue)] = []) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("kind", .string(kind)), ("params", .object(params))]
        if let input { members.append(("inputs", .object([(input.0, .string(input.1))]))) }
        return .object(members)
    }

    // MARK: - Image bombs (art-print)

    static let imageBombs: [(name: String, bytes: [UInt8])] = [
        ("png 100000×100000", ImageTestPNG.header(width: 100_000, height: 100_000)),
        ("tiff 100000×100000", ImageHeaderTests.tiff(entries: [(256, 4, 1, 100_000), (257, 4, 1, 100_000)])),
        ("jpeg 65535×65535", ImageHeaderTests.jpeg([ImageHeaderTests.sof(width: 65_535, height: 65_535)])),
    ]

    @Test(arguments: imageBombs.indices)
    func imageHeadersOfBillionsOfPixelsAre65BeforeBlender(index: Int) async throws {
        let (name, bytes) = Self.imageBombs[index]
        let tool = try markerTool()
        let image = try write(bytes, "photo." + String(name.prefix(while: { $0 != " " })))
        let (status, message) = try await run(Self.job("art-print", input: ("image", image.absoluteString)), ["ONEJOB_BLENDER": tool.path])
        #expect(status == 65, "\(name): \(message)")
        #expect(message.contains("more than maxPixels"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: tool.marker), "Blender was started")
    }

    // MARK: - Mesh bombs (slice-quote)

    @Test(.enabled(if: prusaSlicerInstalled))
    func anSTLClaiming2To31TrianglesIs65WithoutTheSlicer() async throws {
        let tool = try markerTool()
        let stl = try write(SliceModels.binarySTL(SliceModels.box(10, 10, 10), declaredCount: 1 << 31), "claims.stl")
        let (status, message) = try await run(Self.job("slice-quote", input: ("model", stl.absoluteString)), ["ONEJOB_PRUSA_SLICER": tool.path])
        #expect(status == 65, "\(message)")
        #expect(message.contains("2147483648 triangles"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: tool.marker))
    }

    @Test(.enabled(if: prusaSlicerInstalled))
    func anASCIISTLOfAMillionLinesOverTheTriangleCapIs65() async throws {
        let tool = try markerTool()
        let path = directory + "/big.stl"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data("solid big\n".utf8))
        var block = ""
        for index in 0..<1000 {
            let x = Double(index % 100)
            block += "facet normal 0 0 1\nouter loop\nvertex \(x) 0 0\nvertex \(x + 1) 0 0\nvertex \(x) 1 0\nendloop\nendfacet\n"
        }
        let data = Data(block.utf8)
        for _ in 0..<150 { try handle.write(contentsOf: data) }  // 150,000 facets, 1,050,000 lines
        try handle.write(contentsOf: Data("endsolid big\n".utf8))
        try handle.close()
        let (status, message) = try await run(
            Self.job("slice-quote", input: ("model", URL(fileURLWithPath: path).absoluteString)),
            ["ONEJOB_PRUSA_SLICER": tool.path, "ONEJOB_MAX_TRIANGLES": "100000"])
        #expect(status == 65, "\(message)")
        #expect(message.contains("100000"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: tool.marker))
    }

    // MARK: - Zip bombs (3MF for slice-quote)

    /// Writes a 3MF-shaped zip with Python's zipfile: `bomb` deflates `size` zero bytes (about 1000:1);
    /// `lying` then rewrites the entry's declared size to 1000 in both headers; `bzip2` uses a
    /// method PrusaSlicer cannot read; `small` is an honest little archive.
    static let zipScript = #"""
        import struct, sys, zipfile
        out, mode, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
        method = zipfile.ZIP_BZIP2 if mode == "bzip2" else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(out, "w", method) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            with archive.open("3D/3dmodel.model", "w") as entry:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    entry.write(chunk)
                entry.write(b"\0" * (size & ((1 << 20) - 1)))
            offset = archive.getinfo("3D/3dmodel.model").header_offset
        if mode == "lying":
            data = bytearray(open(out, "rb").read())
            struct.pack_into("<I", data, offset + 22, 1000)
            position = data.find(b"PK\x01\x02")
            while position >= 0:
                name_length = struct.unpack_from("<H", data, position + 28)[0]
                if data[position + 46:position + 46 + name_length] == b"3D/3dmodel.model":
                    struct.pack_into("<I", data, position + 24, 1000)
                position = data.find(b"PK\x01\x02", position + 4)
            open(out, "wb").write(bytes(data))
        """#

    func zip(_ mode: String, size: Int) async throws -> URL {
        let path = directory + "/\(mode).3mf"
        let result = try await ExternalProcess.run("/usr/bin/python3", ["-c", Self.zipScript, path, mode, String(size)])
        #expect(result.status == 0, "\(result.stderr)")
        return URL(fileURLWithPath: path)
    }

    static let zipRows: [(mode: String, size: Int, fragment: String)] = [
        ("bomb", 100 << 20, "would expand to 104857608 bytes"),
        ("lying", 100 << 20, "more than the 1000 bytes it declares"),
        ("bzip2", 1000, "compression method 12"),
    ]

    @Test(.enabled(if: prusaSlicerInstalled), arguments: zipRows.indices)
    func zipBombsAre65BeforePrusaSlicerStarts(index: Int) async throws {
        let row = Self.zipRows[index]
        let tool = try markerTool()
        let model = try await zip(row.mode, size: row.size)
        let (status, message) = try await run(
            Self.job("slice-quote", input: ("model", model.absoluteString)),
            ["ONEJOB_PRUSA_SLICER": tool.path, "ONEJOB_MAX_UNZIPPED_BYTES": "10000000"])
        #expect(status == 65, "\(message)")
        #expect(message.contains(row.fragment), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: tool.marker), "PrusaSlicer was started")
    }

    @Test func theZipCheckCountsWhatEntriesReallyInflateTo() async throws {
        let small = try await zip("small", size: 3_000_000)
        let measure = try ZipArchiveCheck(displayName: "small.3mf").check(path: small.path)
        #expect(measure.entries == 2)
        #expect(measure.inflatedBytes == 3_000_000 + 8 && measure.declaredBytes == measure.inflatedBytes)
        let error = #expect(throws: JobError.self) {
            try ZipArchiveCheck(maxExpandedBytes: 2_000_000, displayName: "small.3mf").check(path: small.path)
        }
        #expect(error?.code == .badInput)
        let notZip = try write(Array("solid x\nendsolid x\n".utf8), "text.3mf")
        #expect(throws: JobError.self) { try ZipArchiveCheck(displayName: "text.3mf").check(path: notZip.path) }
    }

    // MARK: - Downloads and URLs through the binary

    static let origin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("RuntimeTests/Fixtures/http_origin.py").path

    @Test(arguments: ["/file/model.stl?size=2000000", "/chunked?size=2000000"])
    func aDownloadOverItsCapIs65(path: String) async throws {
        try await PythonFixtureServer.with(script: Self.origin) { server in
            let (status, message) = try await run(
                Self.job("slice-quote", input: ("model", server.url(path))),
                ["ONEJOB_MAX_DOWNLOAD_BYTES": "100000", "ONEJOB_ALLOW_HTTP_URLS": "1", "ONEJOB_ALLOW_PRIVATE_URLS": "1"])
            #expect(status == 65, "\(message)")
            #expect(message.contains("100000-byte limit"), "\(message)")
        }
    }

    static let refusedURLs = [
        "https://127.0.0.1/m.stl", "https://[::1]/m.stl", "https://169.254.169.254/m.stl", "https://169.254.170.2/m.stl",
        "https://10.0.0.1/m.stl", "https://172.16.0.1/m.stl", "https://192.168.1.1/m.stl", "https://[fd00::1]/m.stl",
        "https://2130706433/m.stl", "https://0177.0.0.1/m.stl", "https://0x7f.0.0.1/m.stl", "https://[::ffff:127.0.0.1]/m.stl",
        "https://localhost/m.stl", "https://a.localhost/m.stl",
    ]

    @Test func restrictedInputURLsAre64NamingTheRuleUnlessAllowed() async throws {
        for url in Self.refusedURLs {
            let job = Self.job("slice-quote", input: ("model", url)).compactText
            let refused = try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": job])
            #expect(refused.status == 64, "\(url)")
            #expect(refused.stderr.contains("ONEJOB_ALLOW_PRIVATE_URLS=1"), "\(url): \(refused.stderr)")
            let allowed = try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": job, "ONEJOB_ALLOW_PRIVATE_URLS": "1"])
            #expect(allowed.status == 0, "\(url): \(allowed.stderr)")
        }
        let http = Self.job("slice-quote", input: ("model", "http://h.example/m.stl")).compactText
        #expect(try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": http]).status == 64)
        #expect(try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": http, "ONEJOB_ALLOW_HTTP_URLS": "1"]).status == 0)
        let file = Self.job("slice-quote", input: ("model", "file:///etc/passwd")).setting("output", to: .string("s3://b/p/")).compactText
        let fileOutput = try await BuiltBinary.run(["validate"], environment: ["ONEJOB_JOB": file])
        #expect(fileOutput.status == 64 && fileOutput.stderr.contains("ONEJOB_ALLOW_FILE_URLS"))
    }

    // MARK: - Injection into the tools

    @Test func aFontPathPayloadIsOnlyAPath() async throws {
        let marker = directory + "/font-pwned"
        let font = directory + "/$(touch \(marker))`touch \(marker)`.ttf"
        let (status, message) = try await run(
            Self.job("text-mesh", params: [("text", .string("a")), ("font", .string(font))]), ["ONEJOB_BLENDER": "/bin/false"])
        #expect(status == 65, "\(message)")
        #expect(message.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test(.enabled(if: blenderInstalled))
    func textPayloadsReachBlenderAsDataOnly() async throws {
        // A short marker folder, so each payload fits the 200-character text limit.
        let markers = "/tmp/ojx-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: markers, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: markers) }
        let m = markers + "/m"
        let payloads = [
            #"a"); import os; os.system("touch \#(m)1") #'); __import__('os').system('touch \#(m)2'); x=('{}%s\"#,
            "$(touch \(m)3) `touch \(m)4`; touch \(m)5\n&& touch \(m)6 | touch \(m)7",
        ]
        for (index, text) in payloads.enumerated() {
            #expect(text.count <= 200)
            let output = directory + "/out"
            let job = Self.job("text-mesh", params: [("text", .string(text)), ("preview", .bool(false))])
                .setting("id", to: .string("inject\(index)"))
            let (status, message) = try await run(job, [:], toolRuns: true)
            #expect(status == 0, "\(message)")
            let mesh = output + "/inject\(index)/text.stl"
            let size = (try? FileManager.default.attributesOfItem(atPath: mesh)[.size] as? Int) ?? 0
            #expect(size > 84 + 50 * 100, "the payload was extruded as text")
        }
        for n in 1...7 {
            #expect(!FileManager.default.fileExists(atPath: m + "\(n)"), "marker \(n) exists: a payload ran")
        }
    }
}

import Foundation
import Logging
import Runtime
import Testing

@testable import Handler

/// One ldraw-svg job run through the handler against a mini library.
final class LDrawSVGRun {
    let mini: LDrawMiniLibrary
    let scratch: URL
    let progress = ProgressLog()

    init() throws {
        mini = try LDrawMiniLibrary()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ldraw-svg-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var environment: Environment {
        var environment = Environment.current()
        environment.values["LDRAW_DIR"] = mini.root.path
        return environment
    }

    func run(_ params: JSONValue, environment: Environment? = nil) async throws -> JobOutcome {
        let handler = LDrawSVGHandler()
        let environment = environment ?? self.environment
        let job = Job(id: "test", kind: handler.kind, params: try handler.normalize(params: params))
        let log = progress
        let context = JobContext(
            job: job, scratchDirectory: scratch, outputDirectory: scratch.appendingPathComponent("out"),
            inputFiles: [:], runner: ProcessSupervisor(), tools: ToolLocator(environment: environment),
            environment: environment, logger: Logger(label: "ldraw-svg-test"), progress: { log.record($0) })
        return try await handler.run(context)
    }

    /// The camera the handler fits for `params`, computed the same way from the same library.
    func camera(_ params: JSONValue) throws -> LDrawCamera {
        try LDrawSVGHandler.prepare(try LDrawSVGParams(validating: params), environment: environment).camera
    }
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data)
    guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        bytes[12..<16] == Array("IHDR".utf8)[...]
    else { return nil }
    func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}

/// Failures that must be found before Blender starts: `/usr/bin/false` stands in for Blender, so
/// reaching it would turn the expected 65 into a 70.
@Suite struct LDrawSVGPreflightTests {
    static func noBlender(_ run: LDrawSVGRun) -> Environment {
        var environment = run.environment
        environment.values["ONEJOB_BLENDER"] = "/usr/bin/false"
        return environment
    }

    @Test func aMissingSubfileIs65NamingItBeforeBlenderRuns() async throws {
        let run = try LDrawSVGRun()
        try run.mini.remove("parts/s/BRICK1S01.DAT")
        let error = await #expect(throws: JobError.self) {
            try await run.run(.object(["part": .string("brick1")]), environment: Self.noBlender(run))
        }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("subfile s\\brick1s01.dat referenced by brick1.dat") == true, "\(String(describing: error))")
        #expect(run.progress.all.isEmpty)
    }

    @Test func anUnknownPartIs65BeforeBlenderRuns() async throws {
        let run = try LDrawSVGRun()
        let error = await #expect(throws: JobError.self) {
            try await run.run(.object(["part": .string("3001")]), environment: Self.noBlender(run))
        }
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("part 3001.dat") == true)
    }

    @Test func noLibraryIs69() async throws {
        let run = try LDrawSVGRun()
        var environment = Self.noBlender(run)
        environment.values["LDRAW_DIR"] = run.scratch.appendingPathComponent("nothing").path
        let error = await #expect(throws: JobError.self) {
            try await run.run(.object(["part": .string("brick1")]), environment: environment)
        }
        #expect(error?.code == .toolMissing)
    }

    @Test func theCommandLineGives64ForAHostilePartAnd65ForAMissingSubfile() async throws {
        let mini = try LDrawMiniLibrary()
        try mini.remove("p/4-4DISC.DAT")
        let output = try BuiltBinary.temporaryDirectory()
        let hostile = try await BuiltBinary.run(
            ["run", "--output", output], environment: ["LDRAW_DIR": mini.root.path],
            stdin: #"{"kind":"ldraw-svg","params":{"part":"../../etc/passwd"}}"#)
        #expect(hostile.status == 64)
        let missing = try await BuiltBinary.run(
            ["run", "--output", output], environment: ["LDRAW_DIR": mini.root.path, "ONEJOB_BLENDER": "/usr/bin/false"],
            stdin: #"{"kind":"ldraw-svg","params":{"part":"brick1"}}"#)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("4-4disc.dat"), "\(missing.stderr)")
    }
}

/// End-to-end drawings by real Blender, one at a time.
@Suite("ldraw-svg with real Blender", .serialized, .enabled(if: blenderInstalled || ProcessInfo.processInfo.environment["CI"] == "true"))
struct LDrawSVGBlenderTests {
    static func point(_ x: Double, _ y: Double, _ z: Double) -> LDrawVector { LDrawVector(x, y, z) }

    /// Points along a 3-D segment (ends left out: corners are where hidden and visible meet).
    static func samples(_ a: LDrawVector, _ b: LDrawVector, from: Double = 0.1, to: Double = 0.9) -> [LDrawVector] {
        stride(from: from, through: to, by: 0.1).map { a + (b - a) * $0 }
    }

    @Test("default view: visible edges and silhouettes drawn, occluded ones absent, stroke = thickness")
    func defaultView() async throws {
        let run = try LDrawSVGRun()
        let params: JSONValue = .object(["part": .string("brick1"), "thickness": .number(3.5)])
        let outcome = try await run.run(params)
        let camera = try run.camera(params)

        #expect(outcome.files.map(\.name) == ["brick1.svg", "brick1.png"])
        #expect(outcome.files.map(\.contentType) == ["image/svg+xml", "image/png"])
        let svgData = try Data(contentsOf: try #require(outcome.files.first).localURL)
        let svg = try LDrawSVGDocument(svgData)

        #expect(svg.width == camera.width && svg.height == camera.height)
        #expect(max(camera.width, camera.height) == 800)
        #expect(svg.rootAttributes["viewBox"] == "0 0 \(Int(camera.width)) \(Int(camera.height))")
        #expect(svg.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.lineGroup["stroke-width"] == "3.5")
        #expect(svg.lineGroup["stroke-linecap"] == "round" && svg.lineGroup["stroke-linejoin"] == "round")
        #expect(svg.backgroundFill == nil, "transparent by default")
        #expect(svg.polygonFills.isEmpty, "no fill by default")
        #expect(Set(svg.strokes) == ["#333333"], "edges in red's edge colour from LDConfig.ldr")

        let visible: [(String, LDrawVector, LDrawVector)] = [
            ("front vertical edge", Self.point(10, 0, -10), Self.point(10, 24, -10)),
            ("top right edge", Self.point(10, 0, -10), Self.point(10, 0, 10)),
            ("top front edge", Self.point(-10, 0, -10), Self.point(10, 0, -10)),
            ("bottom front edge", Self.point(-10, 24, -10), Self.point(10, 24, -10)),
            ("bottom right edge", Self.point(10, 24, -10), Self.point(10, 24, 10)),
            ("stud silhouette right", Self.point(4.2426, 0, 4.2426), Self.point(4.2426, -4, 4.2426)),
            ("stud silhouette left", Self.point(-4.2426, 0, -4.2426), Self.point(-4.2426, -4, -4.2426)),
        ]
        for (name, a, b) in visible {
            for p in Self.samples(a, b) {
                let (x, y) = camera.project(p)
                #expect(svg.distance(toNearestSegmentFrom: x, y) < 1.0, "\(name) at (\(x), \(y)) is not drawn")
            }
        }
        let frontOfStudBase = camera.project(Self.point(4.2426, 0, -4.2426))
        #expect(svg.distance(toNearestSegmentFrom: frontOfStudBase.x, frontOfStudBase.y) < 1.0)

        let hidden: [(String, LDrawVector, LDrawVector)] = [
            ("bottom left edge", Self.point(-10, 24, -10), Self.point(-10, 24, 10)),
            ("bottom back edge", Self.point(-10, 24, 10), Self.point(10, 24, 10)),
            ("back of the stud base circle", Self.point(-4.2426, 0, 4.2426), Self.point(-4.2426, 0, 4.2426)),
            ("optional line facing the viewer", Self.point(4.2426, -1, -4.2426), Self.point(4.2426, -3, -4.2426)),
        ]
        for (name, a, b) in hidden {
            for p in Self.samples(a, b, from: 0.2, to: 0.8) {
                let (x, y) = camera.project(p)
                #expect(svg.distance(toNearestSegmentFrom: x, y) > 4, "\(name) at (\(x), \(y)) is drawn")
            }
        }

        #expect(outcome.metrics["optionalLinesDrawn"] == .number(2), "only the two silhouettes of the stud")
        #expect(outcome.metrics["optionalLines"] == .number(16))
        let png = try #require(pngSize(try Data(contentsOf: outcome.files[1].localURL)))
        #expect(png.width == Int(camera.width) && png.height == Int(camera.height))
        #expect(outcome.tool == ToolInfo(name: "blender", version: "3.4.1"))
        #expect(run.progress.all.last == 100)
    }

    @Test("fill color and a background: faces in the part colour under the lines, background rect")
    func filled() async throws {
        let run = try LDrawSVGRun()
        let params: JSONValue = .object([
            "part": .string("BRICK1.dat"), "color": .number(1), "fill": .string("color"), "background": .string("#FFF"),
            "size": .number(300), "latitude": .number(20), "longitude": .number(-30),
        ])
        let outcome = try await run.run(params)
        let svgData = try Data(contentsOf: try #require(outcome.files.first).localURL)
        let text = String(decoding: svgData, as: UTF8.self)
        let svg = try LDrawSVGDocument(svgData)
        #expect(outcome.files.map(\.name) == ["BRICK1.svg", "BRICK1.png"])
        #expect(max(svg.width ?? 0, svg.height ?? 0) == 300)
        #expect(svg.backgroundFill == "#ffffff")
        #expect(!svg.polygonFills.isEmpty)
        #expect(Set(svg.polygonFills) == ["#1e5aa8"], "blue faces")
        let facesEnd = try #require(text.range(of: "</g>\n<g id=\"lines\""))
        #expect(text.range(of: "<polygon")!.lowerBound < facesEnd.lowerBound, "faces come before (under) the lines")
        let png = try #require(pngSize(try Data(contentsOf: outcome.files[1].localURL)))
        #expect(max(png.width, png.height) == 300)
    }

    @Test("a view from straight below draws the bottom and hides the stud")
    func fromBelow() async throws {
        let run = try LDrawSVGRun()
        let params: JSONValue = .object(["part": .string("brick1"), "latitude": .number(-90), "longitude": .number(0)])
        let outcome = try await run.run(params)
        let camera = try run.camera(params)
        let svg = try LDrawSVGDocument(try Data(contentsOf: try #require(outcome.files.first).localURL))
        let corner = camera.project(Self.point(-10, 24, 10))
        #expect(svg.distance(toNearestSegmentFrom: corner.x, corner.y) < 1.0)
        let studRim = camera.project(Self.point(6, -4, 0))
        #expect(svg.distance(toNearestSegmentFrom: studRim.x, studRim.y) > 4, "the stud is behind the brick")
        #expect(abs((svg.width ?? 0) - (svg.height ?? 0)) < 1, "a square from below")
    }
}

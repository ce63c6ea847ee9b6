import Foundation
import Runtime
import Testing

@testable import Handler

/// `text-mesh` with an SVG `logo` input instead of text, with real Blender.
@Suite("text-mesh logos with real Blender", .serialized, .enabled(if: blenderInstalled || ProcessInfo.processInfo.environment["CI"] == "true"))
struct LogoBlenderTests {
    /// A 80×80 square, and the same square with a 40×40 hole as an even-odd compound path.
    static let solid = #"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><path d="M10 10 H90 V90 H10 Z"/></svg>"#
    static let holed = #"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><path fill-rule="evenodd" d="M10 10 H90 V90 H10 Z M30 30 V70 H70 V30 Z"/></svg>"#

    static func run(_ svg: String, _ params: JSONValue, fixture: borrowing TextMeshFixture) async throws -> JobOutcome {
        let logo = fixture.scratch.appendingPathComponent("logo.svg")
        try Data(svg.utf8).write(to: logo)
        return try await fixture.run(params, inputFiles: ["logo": logo])
    }

    @Test("a hole makes a manifold solid with less volume than the filled square; height and depth as asked")
    func holeReducesVolume() async throws {
        let params: JSONValue = .object(["height": .number(20), "depth": .number(5), "preview": .bool(false)])
        let solidFixture = try TextMeshFixture()
        let solid = try LogoSTLSolid(Array(try Data(contentsOf: try #require(
            try await Self.run(Self.solid, params, fixture: solidFixture).files.first).localURL)))
        let holedFixture = try TextMeshFixture()
        let holedOutcome = try await Self.run(Self.holed, params, fixture: holedFixture)
        let holed = try LogoSTLSolid(Array(try Data(contentsOf: try #require(holedOutcome.files.first).localURL)))

        #expect(solid.isManifold && holed.isManifold)
        #expect(near(solid.volume, 20 * 20 * 5), "solid volume \(solid.volume)")
        // The hole is half the side: a quarter of the area.
        #expect(near(holed.volume, 20 * 20 * 5 * 0.75), "holed volume \(holed.volume)")
        #expect(holed.volume < solid.volume)
        let ys = holed.triangles.flatMap { [$0.0.y, $0.1.y, $0.2.y] }
        let zs = holed.triangles.flatMap { [$0.0.z, $0.1.z, $0.2.z] }
        #expect(near(Double((ys.max() ?? 0) - (ys.min() ?? 0)), 20))
        #expect(near(Double((zs.max() ?? 0) - (zs.min() ?? 0)), 5))
        #expect(holedOutcome.files.count == 1, "preview: false")
        #expect(holedOutcome.metrics["manifold"] == .bool(true))
    }

    @Test("a logo gets a preview PNG by default")
    func preview() async throws {
        let fixture = try TextMeshFixture()
        let outcome = try await Self.run(Self.holed, .object([:]), fixture: fixture)
        #expect(outcome.files.map(\.name) == ["text.stl", "preview.png"])
        let header = try ImageHeader.read(path: try #require(outcome.files.last).localURL.path)
        #expect(header.format == .png && header.width == 800)
    }

    @Test("text and logo together, or neither, is invalid (64); bevel is for text")
    func exactlyOne() async throws {
        let fixture = try TextMeshFixture()
        let runner = RefusingRunner()
        let logo = fixture.scratch.appendingPathComponent("logo.svg")
        try Data(Self.solid.utf8).write(to: logo)
        let both = await #expect(throws: JobError.self) {
            try await fixture.run(.object(["text": .string("A")]), runner: runner, inputFiles: ["logo": logo])
        }
        #expect(both?.code == .invalidJob)
        let neither = await #expect(throws: JobError.self) { try await fixture.run(.object([:]), runner: runner) }
        #expect(neither?.code == .invalidJob)
        let bevel = await #expect(throws: JobError.self) {
            try await fixture.run(.object(["bevel": .number(1)]), runner: runner, inputFiles: ["logo": logo])
        }
        #expect(bevel?.detail["path"] == "params.bevel")
        #expect(runner.started.isEmpty)
    }

    @Test("a logo that is not SVG is bad input (65) before Blender starts")
    func notSVG() async throws {
        let fixture = try TextMeshFixture()
        let runner = RefusingRunner()
        let logo = fixture.scratch.appendingPathComponent("logo.svg")
        try Data(TestPhoto.png(width: 4, height: 4)).write(to: logo)
        let error = await #expect(throws: JobError.self) {
            try await fixture.run(.object([:]), runner: runner, inputFiles: ["logo": logo])
        }
        #expect(error?.code == .badInput)
        #expect(runner.started.isEmpty)
    }
}

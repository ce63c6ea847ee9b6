import Foundation
import Testing

@testable import Handler

/// Auto-orientation on generated models: pure, no PrusaSlicer.
@Suite struct OrientationPlannerTests {
    @Test func cubeIsLeftAsIs() throws {
        let plan = try OrientationPlanner().plan(SliceModels.cube)
        #expect(plan.rotation == .identity)
        #expect(plan.overhangBefore == 0 && plan.overhangAfter == 0)
        #expect(abs(plan.contactAfter - 400) < 1e-6)
        #expect(plan.triangles == 12)
        #expect(abs(plan.surfaceArea - 2400) < 1e-6)
        #expect(plan.candidatesConsidered >= 6)
    }

    @Test func standingCylinderIsLeftAsIs() throws {
        let plan = try OrientationPlanner().plan(SliceModels.cylinder())
        #expect(plan.rotation == .identity)
        #expect(plan.overhangAfter == 0)
        #expect(plan.contactAfter > 300, "the end disc, about π·10² mm²: \(plan.contactAfter)")
    }

    @Test func upsideDownTIsTurnedSoItsOverhangDrops() throws {
        let plan = try OrientationPlanner().plan(SliceModels.upsideDownT)
        #expect(abs(plan.overhangBefore - 300) < 1e-6, "the bar's underside: \(plan.overhangBefore)")
        #expect(plan.rotation != .identity)
        #expect(plan.overhangAfter < 1e-6)
        #expect(plan.contactAfter >= 100)
        // Applying the chosen rotation to the mesh and scoring it unmoved gives the promised numbers.
        let turned = SliceModels.upsideDownT.map {
            Triangle(plan.rotation.apply($0.a), plan.rotation.apply($0.b), plan.rotation.apply($0.c))
        }
        let check = try OrientationPlanner().plan(turned, search: false)
        #expect(check.rotation == .identity)
        #expect(abs(check.overhangBefore - plan.overhangAfter) < 1e-6)
        #expect(abs(check.contactBefore - plan.contactAfter) < 1e-6)
        #expect(abs(check.size.z - plan.size.z) < 1e-6)
    }

    @Test func upsideDownCubeOnlyFlipsWhenItMatters() throws {
        // A cube has no preference; the same cube mirrored is still a cube: no turn.
        let flipped = SliceModels.cube.map {
            Triangle(
                ModelRotation(xDegrees: 180, yDegrees: 0).apply($0.a),
                ModelRotation(xDegrees: 180, yDegrees: 0).apply($0.b),
                ModelRotation(xDegrees: 180, yDegrees: 0).apply($0.c))
        }
        #expect(try OrientationPlanner().plan(flipped).rotation == .identity)
    }

    @Test func searchOffOnlyScoresTheUploadedOrientation() throws {
        let plan = try OrientationPlanner().plan(SliceModels.upsideDownT, search: false)
        #expect(plan.rotation == .identity)
        #expect(plan.candidatesConsidered == 1)
        #expect(abs(plan.overhangAfter - 300) < 1e-6)
        #expect(abs(plan.size.x - 40) < 1e-9 && abs(plan.size.y - 10) < 1e-9 && abs(plan.size.z - 25) < 1e-9)
    }

    @Test(arguments: [
        SIMD3<Double>(0, 0, -1), SIMD3(0, 0, 1), SIMD3(1, 0, 0), SIMD3(-1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, -1, 0),
        SIMD3(1, 1, 1) / 3.0.squareRoot(), SIMD3(-0.2, 0.5, 0.3) / (0.38).squareRoot(),
    ])
    func bringingDownPointsTheDirectionDown(direction: SIMD3<Double>) {
        let rotation = ModelRotation.bringingDown(direction)
        let down = rotation.apply(direction)
        #expect((down - SIMD3(0, 0, -1)).length < 1e-6, "\(direction) → \(down) with \(rotation)")
    }

    @Test func identityForDownAndTableOfKnownTurns() {
        #expect(ModelRotation.bringingDown(SIMD3(0, 0, -1)) == .identity)
        #expect(ModelRotation.bringingDown(SIMD3(0, 0, 1)) == ModelRotation(xDegrees: 180, yDegrees: 0))
        #expect(ModelRotation.bringingDown(SIMD3(1, 0, 0)) == ModelRotation(xDegrees: 0, yDegrees: 90))
        #expect(ModelRotation.bringingDown(SIMD3(0, 1, 0)) == ModelRotation(xDegrees: -90, yDegrees: 0))
    }

    @Test func degenerateTrianglesAreIgnored() throws {
        let sliver = Triangle(SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(2, 0, 0))
        let plan = try OrientationPlanner().plan(SliceModels.cube + [sliver])
        #expect(plan.triangles == 12)
    }
}

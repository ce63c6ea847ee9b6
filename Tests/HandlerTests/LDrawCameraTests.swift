import Foundation
import Testing

@testable import Handler

@Suite struct LDrawCameraTests {
    static let cube: [LDrawVector] = [-10.0, 10].flatMap { x in [-10.0, 10].flatMap { y in [-10.0, 10].map { z in LDrawVector(x, y, z) } } }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    @Test(arguments: [(30.0, 45.0), (0, 0), (90, 0), (-90, 30), (60, -135), (12.5, 300)])
    func theBasisIsOrthonormalAndRightHanded(latitude: Double, longitude: Double) {
        let camera = LDrawCamera(latitude: latitude, longitude: longitude, points: Self.cube, size: 100, thickness: 1)
        for v in [camera.right, camera.up, camera.toViewer] { #expect(close(v.length, 1)) }
        #expect(close(camera.right.dot(camera.up), 0) && close(camera.up.dot(camera.toViewer), 0))
        #expect(close(camera.right.dot(camera.toViewer), 0))
        let handed = camera.right.cross(camera.up) - camera.toViewer
        #expect(handed.length < 1e-9)
    }

    @Test func frontViewLooksAlongPlusZWithMinusYUp() {
        let camera = LDrawCamera(latitude: 0, longitude: 0, points: Self.cube, size: 100, thickness: 1)
        #expect(camera.toViewer == LDrawVector(0, 0, -1))
        let right = camera.project(LDrawVector(10, 0, 0))
        let left = camera.project(LDrawVector(-10, 0, 0))
        let top = camera.project(LDrawVector(0, -10, 0))
        #expect(right.x > left.x, "+X is on the right")
        #expect(top.y < right.y, "−Y (LDraw up) is up on screen, i.e. smaller SVG y")
    }

    @Test func theDefaultViewSeesTheTopTheRightAndTheFront() {
        let camera = LDrawCamera(latitude: 30, longitude: 45, points: Self.cube, size: 100, thickness: 1)
        #expect(camera.toViewer.y < 0, "from above")
        #expect(camera.toViewer.x > 0, "from the right")
        #expect(camera.toViewer.z < 0, "from the front")
    }

    @Test func theDrawingIsFittedWithTheLongerSideEqualToSize() {
        let wide = [LDrawVector(-100, 0, 0), LDrawVector(100, 0, 0), LDrawVector(0, -10, 0)]
        let camera = LDrawCamera(latitude: 0, longitude: 0, points: wide, size: 800, thickness: 2)
        #expect(camera.width == 800)
        #expect(camera.height < 800)
        let margin = camera.margin
        #expect(margin >= 2 + 16)
        #expect(close(camera.project(LDrawVector(-100, 0, 0)).x, margin))
        #expect(close(camera.project(LDrawVector(100, 0, 0)).x, 800 - margin, 1e-6))
        #expect(close(camera.project(LDrawVector(0, -10, 0)).y, margin), "the highest point touches the top margin")
    }
}

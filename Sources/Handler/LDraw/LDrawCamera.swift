import Foundation

/// The orthographic view of a drawing: direction from latitude/longitude, scale fitted to the part.
///
/// Conventions (LDraw axes, −Y up, front towards −Z): latitude is the viewer's elevation above the
/// horizontal, longitude turns the viewer about the vertical axis from the front towards +X, so
/// 30/45 is the usual "front-right, from above" catalogue view. The screen basis is
/// `right = (cos lon, 0, sin lon)`, `up = (−sin lat·sin lon, −cos lat, sin lat·cos lon)` and the
/// direction towards the viewer `toViewer = (cos lat·sin lon, −sin lat, −cos lat·cos lon)`;
/// they are orthonormal and right-handed (`right × up = toViewer`) at every angle, poles included.
///
/// Computed here, not in Blender, so the Swift tests can check the projection and the script only
/// applies it: an SVG point is `x = (p·right − minX)·scale + margin`, `y = (maxY − p·up)·scale + margin`.
public struct LDrawCamera: Sendable, Equatable {
    public var right: LDrawVector
    public var up: LDrawVector
    public var toViewer: LDrawVector
    /// Pixels per LDU.
    public var scale: Double
    public var minX: Double
    public var maxY: Double
    /// Empty border around the drawing in pixels.
    public var margin: Double
    /// Size of the SVG in pixels; the longer side is the job's `size`.
    public var width: Double
    public var height: Double

    /// - Parameters:
    ///   - points: every point of the part (the drawing's extent is their projection).
    ///   - size: the longer side of the picture in pixels.
    ///   - thickness: the stroke width, so a line on the border is not cut in half.
    public init(latitude: Double, longitude: Double, points: [LDrawVector], size: Double, thickness: Double) {
        let lat = latitude * .pi / 180
        let lon = longitude * .pi / 180
        right = LDrawVector(cos(lon), 0, sin(lon))
        up = LDrawVector(-sin(lat) * sin(lon), -cos(lat), sin(lat) * cos(lon))
        toViewer = LDrawVector(cos(lat) * sin(lon), -sin(lat), -cos(lat) * cos(lon))

        var (lowX, highX, lowY, highY) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for point in points {
            let x = point.dot(right)
            let y = point.dot(up)
            lowX = min(lowX, x)
            highX = max(highX, x)
            lowY = min(lowY, y)
            highY = max(highY, y)
        }
        if points.isEmpty { (lowX, highX, lowY, highY) = (0, 0, 0, 0) }
        margin = (thickness + size * 0.02).rounded(.up)
        let extent = max(highX - lowX, highY - lowY, 1e-9)
        scale = max(size - 2 * margin, 1) / extent
        minX = lowX
        maxY = highY
        width = ((highX - lowX) * scale + 2 * margin).rounded()
        height = ((highY - lowY) * scale + 2 * margin).rounded()
    }

    /// The SVG position (pixels, y down) of a point.
    public func project(_ point: LDrawVector) -> (x: Double, y: Double) {
        ((point.dot(right) - minX) * scale + margin, (maxY - point.dot(up)) * scale + margin)
    }
}

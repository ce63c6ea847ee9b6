import Foundation

/// Chooses how to lay a model on the bed: the rotation with the least overhang, penalising a small
/// contact area. Pure: it reads triangles from a ``TriangleSource`` and returns numbers.
///
/// **Overhang** is the area of faces whose outward normal points down more steeply than 45° from
/// the horizontal (`n.z < −cos 45°`), the usual limit of what FDM prints without support, minus the
/// faces lying flat on the bed. **Contact** is the area of faces lying flat (within 1°) on the
/// lowest plane. The score is `overhang + max(0, minimumContact − contact)`, with `minimumContact`
/// 100 mm² or 10 % of the surface for small models: a part balanced on an edge or a point prints
/// badly even without overhangs.
///
/// **Candidates** are the six axis directions plus the normals of the largest coplanar face groups
/// (a big flat face is the natural base); each candidate is a direction to turn straight down.
/// The uploaded orientation is scored first and only replaced by a clearly better one (by more than
/// 1 mm² or 0.5 % of the surface), so a model already lying well — a cube — is left alone.
///
/// The mesh is walked twice (groups, then scores), so a large STL streams from disk rather than
/// sitting in memory.
public struct OrientationPlanner: Sendable {
    /// cos 45°: normals below −this are overhangs.
    public static let overhangCosine = 0.5.squareRoot()
    /// cos 1°: normals below −this lie flat.
    static let flatCosine = cos(1.0 * .pi / 180)
    /// How close (mm) a flat face must be to the lowest point to count as resting on the bed.
    static let bedTolerance = 0.01
    /// Coplanar-group buckets kept; beyond it new planes are ignored, which bounds memory on huge
    /// organic meshes (where no single plane matters anyway).
    static let maxGroups = 200_000

    public var largestGroups: Int
    public var minimumContactArea: Double

    public init(largestGroups: Int = 8, minimumContactArea: Double = 100) {
        self.largestGroups = largestGroups
        self.minimumContactArea = minimumContactArea
    }

    /// Scores the uploaded orientation and, when `search` is set, every candidate.
    public func plan(_ mesh: some TriangleSource, search: Bool = true) throws -> OrientationPlan {
        let survey = try FaceGroupSurvey(mesh, keepGroups: search)
        var directions = [SIMD3<Double>(0, 0, -1)]
        if search {
            let axes: [SIMD3<Double>] = [[0, 0, 1], [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]]
            for direction in axes + survey.largestNormals(largestGroups)
            where !directions.contains(where: { $0.dot(direction) > cos(0.5 * .pi / 180) }) {
                directions.append(direction)
            }
        }
        var scores = directions.map { CandidateScore(rotation: .bringingDown($0)) }
        try mesh.forEachTriangle { triangle in
            guard let normal = triangle.normal else { return }
            let area = triangle.area
            for index in scores.indices { scores[index].add(triangle, normal: normal, area: area) }
        }

        let minimumContact = min(minimumContactArea, 0.1 * survey.surfaceArea)
        let margin = max(1, 0.005 * survey.surfaceArea)
        func score(_ candidate: CandidateScore) -> Double {
            candidate.overhang + max(0, minimumContact - candidate.contact)
        }
        let original = scores[0]
        var best = original
        for candidate in scores.dropFirst() where score(candidate) < score(best) - margin {
            best = candidate
        }
        return OrientationPlan(
            rotation: best.rotation, overhangBefore: original.overhang, overhangAfter: best.overhang,
            contactBefore: original.contact, contactAfter: best.contact, surfaceArea: survey.surfaceArea,
            triangles: survey.triangles, size: best.size, candidatesConsidered: scores.count)
    }
}

/// Pass one: total area, triangle count, and area per coplanar group (normal to ~1°, plane to 0.1 mm).
struct FaceGroupSurvey {
    private struct Key: Hashable {
        var nx: Int32, ny: Int32, nz: Int32, offset: Int64
    }

    private(set) var surfaceArea = 0.0
    private(set) var triangles = 0
    private var groups: [Key: (area: Double, normal: SIMD3<Double>)] = [:]

    init(_ mesh: some TriangleSource, keepGroups: Bool) throws {
        try mesh.forEachTriangle { triangle in
            guard let normal = triangle.normal else { return }
            let area = triangle.area
            triangles += 1
            surfaceArea += area
            guard keepGroups else { return }
            let key = Key(
                nx: Int32((normal.x * 50).rounded()), ny: Int32((normal.y * 50).rounded()),
                nz: Int32((normal.z * 50).rounded()), offset: Int64((normal.dot(triangle.a) / 0.1).rounded()))
            if let group = groups[key] {
                groups[key] = (group.area + area, group.normal + normal * area)
            } else if groups.count < OrientationPlanner.maxGroups {
                groups[key] = (area, normal * area)
            }
        }
    }

    /// Unit normals of the `count` largest groups, largest first.
    func largestNormals(_ count: Int) -> [SIMD3<Double>] {
        groups.values.sorted { $0.area > $1.area }.prefix(count).compactMap { group in
            let length = group.normal.length
            return length > 0 ? group.normal / length : nil
        }
    }
}

/// Pass two, per candidate: overhang, contact on the lowest plane, and the rotated extent.
struct CandidateScore {
    let rotation: ModelRotation
    private let axes: (x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>)
    private var steepArea = 0.0
    private var low = SIMD3<Double>(repeating: .infinity)
    private var high = SIMD3<Double>(repeating: -.infinity)
    private var lowestFlat = Double.infinity
    private var lowestFlatArea = 0.0

    init(rotation: ModelRotation) {
        self.rotation = rotation
        axes = rotation.rotatedAxes
    }

    mutating func add(_ triangle: Triangle, normal: SIMD3<Double>, area: Double) {
        for vertex in triangle.vertices {
            let point = SIMD3(axes.x.dot(vertex), axes.y.dot(vertex), axes.z.dot(vertex))
            low = pointwiseMin(low, point)
            high = pointwiseMax(high, point)
        }
        let up = axes.z.dot(normal)
        guard up < -OrientationPlanner.overhangCosine else { return }
        steepArea += area
        guard up < -OrientationPlanner.flatCosine else { return }
        let height = axes.z.dot(triangle.a)
        if height < lowestFlat - OrientationPlanner.bedTolerance {
            lowestFlat = height
            lowestFlatArea = area
        } else if abs(height - lowestFlat) <= OrientationPlanner.bedTolerance {
            lowestFlatArea += area
        }
    }

    /// Flat area resting on the bed: the lowest flat faces, if nothing else reaches lower.
    var contact: Double { abs(lowestFlat - low.z) <= OrientationPlanner.bedTolerance ? lowestFlatArea : 0 }
    var overhang: Double { max(0, steepArea - contact) }
    var size: SIMD3<Double> { low.x.isFinite ? high - low : .zero }
}

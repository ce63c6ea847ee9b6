import Runtime

/// What `ldraw_svg.py` reported in its RESULT.json: the drawing's size and how much it drew.
public struct LDrawSVGFacts: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `<path>` elements after chaining.
    public var paths: Int
    /// Candidate segments (edges plus optional lines passing the LDraw rule) before hidden-line removal.
    public var candidates: Int
    public var optionalDrawn: Int
    public var filledTriangles: Int
    public var rays: Int
    /// The script's own phase timings, as it wrote them.
    public var seconds: JSONValue

    /// - Throws: ``JobError`` `.toolFailed` when the file is not what the script writes.
    public init(resultJSON bytes: [UInt8]) throws(JobError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw JobError.toolFailed("ldraw_svg.py wrote an unreadable result: \(error)")
        }
        func int(_ key: String) throws(JobError) -> Int {
            guard let number = value[key]?.doubleValue, number.isFinite, number >= 0 else {
                throw JobError.toolFailed("ldraw_svg.py wrote a result without \(key)")
            }
            return Int(number)
        }
        width = try int("width")
        height = try int("height")
        paths = try int("paths")
        candidates = try int("candidates")
        optionalDrawn = try int("optionalDrawn")
        filledTriangles = try int("filledTriangles")
        rays = try int("rays")
        seconds = value["seconds"] ?? .object([])
    }

    /// The `metrics` object of `result.json`.
    public func metrics(geometry: LDrawGeometry, resolveSeconds: Double, unknownColors: [Int]) -> JSONValue {
        .object([
            "width": .number(Double(width)),
            "height": .number(Double(height)),
            "paths": .number(Double(paths)),
            "filesRead": .number(Double(geometry.filesRead)),
            "triangles": .number(Double(geometry.triangleCount)),
            "edges": .number(Double(geometry.edgeCount)),
            "optionalLines": .number(Double(geometry.optionalCount)),
            "optionalLinesDrawn": .number(Double(optionalDrawn)),
            "candidateSegments": .number(Double(candidates)),
            "filledTriangles": .number(Double(filledTriangles)),
            "rays": .number(Double(rays)),
            "unknownColors": .array(unknownColors.map { .number(Double($0)) }),
            "resolveSeconds": .number((resolveSeconds * 1000).rounded() / 1000),
            "blenderSeconds": seconds,
        ])
    }
}

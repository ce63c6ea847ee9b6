/// The geometry file `ldraw_svg.py` reads: flat arrays of numbers, written without building a tree.
///
/// A 30-brick model is ~10⁶ numbers; appending their text to one buffer keeps that in milliseconds,
/// where a `JSONValue` tree of boxed numbers would not. Coordinates are rounded to 10⁻⁴ LDU, far below
/// a pixel at any allowed size.
extension LDrawGeometry {
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 * (triangles.count + edges.count + optionals.count) + 256)
        out += Array("{\"palette\":[".utf8)
        for (index, color) in palette.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("\"\(color)\"".utf8)
        }
        out += Array("],".utf8)
        Self.append(points: triangles, key: "triangles", to: &out)
        Self.append(integers: triangleColors, key: "triangleColors", to: &out)
        Self.append(points: edges, key: "edges", to: &out)
        Self.append(integers: edgeColors, key: "edgeColors", to: &out)
        Self.append(points: optionals, key: "optionals", to: &out)
        Self.append(integers: optionalColors, key: "optionalColors", to: &out)
        out += Array("\"filesRead\":\(filesRead)}".utf8)
        return out
    }

    private static func append(points: [LDrawVector], key: String, to out: inout [UInt8]) {
        out += Array("\"\(key)\":[".utf8)
        for (index, point) in points.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(number: point.x, to: &out)
            out.append(UInt8(ascii: ","))
            append(number: point.y, to: &out)
            out.append(UInt8(ascii: ","))
            append(number: point.z, to: &out)
        }
        out += Array("],".utf8)
    }

    private static func append(integers: [Int], key: String, to out: inout [UInt8]) {
        out += Array("\"\(key)\":[".utf8)
        for (index, value) in integers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(String(value).utf8)
        }
        out += Array("],".utf8)
    }

    /// JSON has no NaN or infinity; the parser only admits finite numbers and transforms keep them
    /// finite for any sane part, but a hostile matrix could overflow, so such values become 0.
    private static func append(number: Double, to out: inout [UInt8]) {
        let rounded = (number * 10_000).rounded() / 10_000
        guard rounded.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            out += Array(String(Int(rounded)).utf8)
        } else {
            out += Array(String(rounded).utf8)
        }
    }
}

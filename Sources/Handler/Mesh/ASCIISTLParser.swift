import Runtime

/// The line-by-line state machine behind ASCII STL reading: `solid`, then `facet normal`,
/// `outer loop`, three `vertex` lines, `endloop`, `endfacet`, …, `endsolid`.
///
/// Kept apart from file reading so the grammar is table-tested on strings. A file that ends anywhere
/// but after `endsolid` was cut off, and says so.
struct ASCIISTLParser {
    static let maxLineLength = 4096

    private enum State {
        case beforeSolid, inSolid
        case inFacet([SIMD3<Double>])
        case afterSolid
    }

    let name: String
    let maxTriangles: Int
    private var state = State.beforeSolid
    private(set) var lineNumber = 0
    private(set) var triangles = 0

    init(name: String, maxTriangles: Int) {
        self.name = name
        self.maxTriangles = maxTriangles
    }

    /// Feeds one line (without its newline); returns a triangle when the line closes a facet.
    mutating func consume(line bytes: ArraySlice<UInt8>) throws(JobError) -> Triangle? {
        lineNumber += 1
        let words = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
        guard let keyword = words.first.map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        switch (keyword, state) {
        case ("solid", .beforeSolid), ("solid", .afterSolid):
            state = .inSolid
        case ("facet", .inSolid):
            state = .inFacet([])
        case ("outer", .inFacet), ("endloop", .inFacet):
            break
        case ("vertex", .inFacet(var corners)):
            guard words.count == 4, corners.count < 3 else { throw malformed("a facet vertex") }
            let numbers = words.dropFirst().compactMap { Double(String(decoding: $0, as: UTF8.self)) }
            guard numbers.count == 3, numbers.allSatisfy(\.isFinite) else { throw malformed("a vertex coordinate") }
            corners.append(SIMD3(numbers[0], numbers[1], numbers[2]))
            state = .inFacet(corners)
        case ("endfacet", .inFacet(let corners)):
            guard corners.count == 3 else {
                throw malformed("a facet with \(corners.count) vertices (STL facets are triangles)")
            }
            triangles += 1
            guard triangles <= maxTriangles else { throw STLReader.tooMany(triangles, maxTriangles) }
            state = .inSolid
            return Triangle(corners[0], corners[1], corners[2])
        case ("endsolid", .inSolid):
            state = .afterSolid
        default:
            throw malformed("\"\(keyword.prefix(40))\"")
        }
        return nil
    }

    /// Checks that the text ended where a complete file ends.
    mutating func finish() throws(JobError) {
        switch state {
        case .afterSolid: return
        case .beforeSolid:
            throw JobError.badInput("the ASCII STL model \(name) has no \"solid\" line: it is not an STL file")
        case .inSolid, .inFacet: throw truncated()
        }
    }

    func truncated() -> JobError {
        JobError.badInput(
            "the ASCII STL model \(name) is truncated (cut off) after \(triangles) triangles, at line "
                + "\(lineNumber): it has no \"endsolid\"; upload the complete file again")
    }

    private func malformed(_ what: String) -> JobError {
        JobError.badInput("the ASCII STL model \(name) is malformed at line \(lineNumber): unexpected \(what)")
    }
}

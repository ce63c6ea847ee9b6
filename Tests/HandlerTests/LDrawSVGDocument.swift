import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The parts of an `ldraw-svg` drawing the tests look at, read with Foundation's XML parser
/// (so a malformed document fails the parse, not a regex).
final class LDrawSVGDocument: NSObject, XMLParserDelegate {
    struct Segment {
        var x1, y1, x2, y2: Double
    }

    private(set) var rootAttributes: [String: String] = [:]
    private(set) var lineGroup: [String: String] = [:]
    private(set) var backgroundFill: String?
    private(set) var polygonFills: [String] = []
    private(set) var strokes: [String] = []
    private(set) var segments: [Segment] = []
    private var elementStack: [String] = []

    var width: Double? { rootAttributes["width"].flatMap(Double.init) }
    var height: Double? { rootAttributes["height"].flatMap(Double.init) }

    /// - Throws: when the bytes are not well-formed XML.
    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        defer { elementStack.append(name) }
        switch name {
        case "svg" where elementStack.isEmpty: rootAttributes = attributes
        case "g" where attributes["id"] == "lines": lineGroup = attributes
        case "rect" where attributes["id"] == "background": backgroundFill = attributes["fill"]
        case "polygon": polygonFills.append(attributes["fill"] ?? "")
        case "path":
            strokes.append(attributes["stroke"] ?? "")
            segments += Self.segments(ofPath: attributes["d"] ?? "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        elementStack.removeLast()
    }

    /// The straight segments of a path made of `M`, `L` and `Z` commands (all the drawing writes).
    static func segments(ofPath d: String) -> [Segment] {
        var result: [Segment] = []
        var tokens = d.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)[...]
        var start: (Double, Double)?
        var current: (Double, Double)?
        var command = "M"
        while let token = tokens.first {
            if let letter = token.first, letter.isLetter {
                command = String(letter)
                tokens = tokens.dropFirst()
                let rest = String(token.dropFirst())
                if !rest.isEmpty { tokens = [rest] + tokens }
                if command == "Z", let from = current, let to = start {
                    result.append(Segment(x1: from.0, y1: from.1, x2: to.0, y2: to.1))
                    current = start
                }
                continue
            }
            guard tokens.count >= 2, let x = Double(tokens[tokens.startIndex]),
                let y = Double(tokens[tokens.startIndex + 1])
            else { break }
            tokens = tokens.dropFirst(2)
            if command == "M" {
                start = (x, y)
                command = "L"
            } else if let from = current {
                result.append(Segment(x1: from.0, y1: from.1, x2: x, y2: y))
            }
            current = (x, y)
        }
        return result
    }

    /// Distance from a point to the nearest drawn segment.
    func distance(toNearestSegmentFrom x: Double, _ y: Double) -> Double {
        segments.map { s in
            let dx = s.x2 - s.x1
            let dy = s.y2 - s.y1
            let length2 = dx * dx + dy * dy
            let t = length2 > 0 ? min(max(((x - s.x1) * dx + (y - s.y1) * dy) / length2, 0), 1) : 0
            return hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy))
        }.min() ?? .infinity
    }
}

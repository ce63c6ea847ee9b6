import FuzzSupport
import Runtime

/// What must hold for any byte string given to ``JSONParser``.
enum JSONProperties {
    static func check(_ bytes: [UInt8]) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            Property.check(error.line >= 1 && error.line <= lines, "error line \(error.line) within 1...\(lines)")
            Property.check(error.column >= 1 && error.column <= bytes.count + 1, "error column \(error.column) in range")
            return
        }
        Property.check(String(validating: bytes, as: UTF8.self) != nil, "accepted a document that is not valid UTF-8")
        Property.check(depth(value) <= JSONParser.maxDepth, "accepted nesting deeper than \(JSONParser.maxDepth)")
        Property.check(!hasDuplicateKeys(value), "accepted an object with a duplicate key")

        for (form, text) in [("compact", value.compactText), ("pretty", value.prettyText())] {
            let again = try? JSONParser.parse(Array(text.utf8))
            Property.check(again == value, "\(form) text does not parse back to the same value: \(text)")
        }
        let canonical = value.canonicalText
        guard let reparsed = try? JSONParser.parse(Array(canonical.utf8)) else {
            Property.check(false, "canonical text does not parse: \(canonical)")
            return
        }
        Property.check(reparsed.canonicalText == canonical, "canonical text is not a fixed point: \(canonical)")
        Property.check(sortedKeys(reparsed) == sortedKeys(value), "canonical text changed a value: \(canonical)")
    }

    /// Containers count one level each, as the parser counts them; scalars are depth 0.
    static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
        case .object(let members): 1 + (members.map { depth($0.value) }.max() ?? 0)
        default: 0
        }
    }

    static func hasDuplicateKeys(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let elements): return elements.contains(where: hasDuplicateKeys)
        case .object(let members):
            return Set(members.map(\.key)).count != members.count || members.contains { hasDuplicateKeys($0.value) }
        default: return false
        }
    }

    /// The value with every object's members in UTF-8 key order, to compare values written in different orders.
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): .array(elements.map(sortedKeys))
        case .object(let members):
            .object(members.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, sortedKeys($0.value)) })
        default: value
        }
    }
}

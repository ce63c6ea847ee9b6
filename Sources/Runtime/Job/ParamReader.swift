/// Typed, path-aware access to a JSON object of parameters, for ``JobHandler/normalize(params:)``.
///
/// Each accessor records which keys were read; ``finish()`` rejects any key nobody asked for, so a
/// typo such as `heigth` is an error naming `params.heigth` instead of a silently ignored value.
public struct ParamReader {
    public let path: String
    private let members: [(key: String, value: JSONValue)]
    private var consumed = Set<String>()
    private var normalized: [(key: String, value: JSONValue)] = []

    /// - Throws: ``JobError`` `.invalidJob` when `value` is not an object.
    public init(_ value: JSONValue, path: String) throws(JobError) {
        guard case .object(let members) = value else {
            throw .invalidJob("\(path) must be an object, found \(value.typeName)", path: path)
        }
        self.path = path
        self.members = members
    }

    private func raw(_ key: String) -> JSONValue? {
        members.first(where: { $0.key == key })?.value
    }

    private func fail(_ key: String, _ message: String) -> JobError {
        .invalidJob("\(path).\(key) \(message)", path: "\(path).\(key)")
    }

    private mutating func record(_ key: String, _ value: JSONValue) {
        consumed.insert(key)
        normalized.append((key: key, value: value))
    }

    /// A string parameter; `nil` default makes it required unless `optional` is set.
    public mutating func string(
        _ key: String, default defaultValue: String? = nil, optional: Bool = false,
        allowed: [String]? = nil, length: ClosedRange<Int>? = nil
    ) throws(JobError) -> String? {
        guard let value = raw(key), value != .null else {
            if let defaultValue {
                record(key, .string(defaultValue))
                return defaultValue
            }
            if optional {
                consumed.insert(key)
                return nil
            }
            throw fail(key, "is required")
        }
        guard case .string(let string) = value else { throw fail(key, "must be a string, found \(value.typeName)") }
        if let allowed, !allowed.contains(string) {
            throw fail(key, "must be one of \(allowed.joined(separator: ", ")); found \"\(string)\"")
        }
        if let length, !length.contains(string.count) {
            throw fail(key, "must be \(length.lowerBound) to \(length.upperBound) characters long, found \(string.count)")
        }
        record(key, .string(string))
        return string
    }

    /// A number parameter within `range`.
    public mutating func number(
        _ key: String, default defaultValue: Double? = nil, optional: Bool = false, range: ClosedRange<Double>
    ) throws(JobError) -> Double? {
        guard let value = raw(key), value != .null else {
            if let defaultValue {
                record(key, .number(defaultValue))
                return defaultValue
            }
            if optional {
                consumed.insert(key)
                return nil
            }
            throw fail(key, "is required")
        }
        guard case .number(let number) = value else { throw fail(key, "must be a number, found \(value.typeName)") }
        guard range.contains(number) else {
            throw fail(key, "must be between \(JSONValue.format(number: range.lowerBound)) and \(JSONValue.format(number: range.upperBound)), found \(JSONValue.format(number: number))")
        }
        record(key, .number(number))
        return number
    }

    /// An integer parameter within `range`.
    public mutating func integer(
        _ key: String, default defaultValue: Int? = nil, optional: Bool = false, range: ClosedRange<Int>
    ) throws(JobError) -> Int? {
        let number = try number(
            key, default: defaultValue.map(Double.init), optional: optional,
            range: Double(range.lowerBound)...Double(range.upperBound))
        guard let number else { return nil }
        guard number == number.rounded() else { throw fail(key, "must be a whole number, found \(number)") }
        return Int(number)
    }

    /// A boolean parameter.
    public mutating func bool(_ key: String, default defaultValue: Bool) throws(JobError) -> Bool {
        guard let value = raw(key), value != .null else {
            record(key, .bool(defaultValue))
            return defaultValue
        }
        guard case .bool(let bool) = value else { throw fail(key, "must be true or false, found \(value.typeName)") }
        record(key, .bool(bool))
        return bool
    }

    /// The raw value of a nested parameter (an object of overrides, say), validated by the caller.
    public mutating func value(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let value = raw(key), value != .null else { return nil }
        normalized.append((key: key, value: value))
        return value
    }

    /// Replaces a recorded value (after the caller derived a better normal form).
    public mutating func set(_ key: String, _ value: JSONValue) {
        consumed.insert(key)
        if let index = normalized.firstIndex(where: { $0.key == key }) {
            normalized[index].value = value
        } else {
            normalized.append((key: key, value: value))
        }
    }

    /// Rejects unknown keys and returns the normalised object.
    public func finish() throws(JobError) -> JSONValue {
        if let unknown = members.first(where: { !consumed.contains($0.key) }) {
            let known = consumed.sorted().joined(separator: ", ")
            throw fail(unknown.key, "is not a known field (known: \(known))")
        }
        return .object(normalized)
    }
}

/// One preset with its whole `inherits` chain folded in: a standalone config PrusaSlicer can `--load`.
public struct ResolvedPreset: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case printer, print, filament
    }

    public var kind: Kind
    public var name: String
    /// Keys in first-definition order, each with its final value.
    public private(set) var entries: [ProfileINI.Entry]

    init(kind: Kind, name: String, entries: [ProfileINI.Entry] = []) {
        self.kind = kind
        self.name = name
        self.entries = entries
    }

    public subscript(key: String) -> String? {
        entries.last(where: { $0.key == key })?.value
    }

    /// Sets `key`, overriding an inherited value in place.
    mutating func set(_ key: String, _ value: String) {
        if let position = entries.firstIndex(where: { $0.key == key }) {
            entries[position].value = value
        } else {
            entries.append(ProfileINI.Entry(key: key, value: value))
        }
    }

    /// The first number of a per-extruder list value (`0.4,0.4` → 0.4), or of a plain number.
    public func number(_ key: String) -> Double? {
        guard let value = self[key] else { return nil }
        let first = value.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return Double(first.hasSuffix("%") ? String(first.dropLast()) : first)
    }

    /// The ini text for `--load`.
    public var iniText: String {
        entries.map { "\($0.key) = \($0.value)\n" }.joined()
    }
}

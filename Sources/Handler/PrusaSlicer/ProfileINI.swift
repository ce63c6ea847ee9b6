import Foundation

/// A PrusaSlicer vendor bundle (`PrusaResearch.ini`) parsed into ordered sections.
///
/// The format is plain INI: `[type:name]` headers (`printer:`, `print:`, `filament:`, plus
/// `vendor` and `printer_model:` sections we do not need), `key = value` lines, `#`/`;` comments.
/// Values are kept byte for byte (G-code templates contain `\n` escapes, quotes and `=`), because
/// they are written back verbatim into the ini files PrusaSlicer loads.
public struct ProfileINI: Sendable {
    public struct Section: Sendable, Equatable {
        public var name: String
        public var entries: [Entry]
    }

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public private(set) var sections: [Section] = []
    private var index: [String: Int] = [:]

    /// Parses `text`; lines outside any section and lines without `=` are ignored, as PrusaSlicer does.
    public init(text: String) {
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast())
                if let existing = index[name] {
                    // A repeated header continues the earlier section rather than hiding it.
                    sections.append(sections[existing])
                    sections.remove(at: existing)
                    reindex()
                } else {
                    index[name] = sections.count
                    sections.append(Section(name: name, entries: []))
                }
                continue
            }
            guard !sections.isEmpty, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            sections[sections.count - 1].entries.append(Entry(key: key, value: value))
        }
    }

    public subscript(section name: String) -> Section? {
        index[name].map { sections[$0] }
    }

    private mutating func reindex() {
        index = [:]
        for (position, section) in sections.enumerated() { index[section.name] = position }
    }
}

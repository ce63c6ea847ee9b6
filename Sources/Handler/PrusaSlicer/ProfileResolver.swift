import Runtime

/// Folds a vendor preset's `inherits` chain into one standalone preset.
///
/// PrusaSlicer 2.5's command line cannot select a vendor preset by name, so we do what its preset
/// loader does: `inherits = a; b` names parents of the same kind (abstract ones are spelled `*a*`),
/// each parent is resolved first, later parents override earlier ones, and the section's own keys
/// override them all. Keys that only make sense inside a bundle (`inherits`, `renamed_from`,
/// `alias`) are dropped from the result. A missing parent or a cycle is a broken installation
/// (exit 69), not the job's fault.
public struct ProfileResolver: Sendable {
    /// Bundle bookkeeping keys that are not print settings.
    static let bundleOnlyKeys: Set<String> = ["inherits", "renamed_from", "alias"]
    static let maxDepth = 32

    public let ini: ProfileINI

    public init(ini: ProfileINI) {
        self.ini = ini
    }

    /// The preset `name` of `kind`, resolved.
    /// - Throws: ``JobError`` `.toolMissing` when the preset or one of its parents is not in the bundle.
    public func resolve(_ kind: ResolvedPreset.Kind, named name: String) throws(JobError) -> ResolvedPreset {
        var preset = ResolvedPreset(kind: kind, name: name)
        try fold(kind, name, into: &preset, chain: [])
        return preset
    }

    /// Whether the bundle has a (concrete or abstract) preset `name` of `kind`.
    public func contains(_ kind: ResolvedPreset.Kind, named name: String) -> Bool {
        ini[section: "\(kind.rawValue):\(name)"] != nil
    }

    private func fold(
        _ kind: ResolvedPreset.Kind, _ name: String, into preset: inout ResolvedPreset, chain: [String]
    ) throws(JobError) {
        guard !chain.contains(name) else {
            throw JobError.toolMissing(
                "the PrusaSlicer profile bundle has an inheritance cycle: \((chain + [name]).joined(separator: " → "))")
        }
        guard chain.count < Self.maxDepth else {
            throw JobError.toolMissing(
                "the PrusaSlicer profile \(kind.rawValue):\(name) inherits more than \(Self.maxDepth) levels deep")
        }
        guard let section = ini[section: "\(kind.rawValue):\(name)"] else {
            let what = chain.last.map { " (inherited by \($0))" } ?? ""
            throw JobError.toolMissing(
                "the PrusaSlicer profile bundle has no \(kind.rawValue) preset \"\(name)\"\(what); install prusa-slicer's profiles or set ONEJOB_PRUSA_PROFILES"
            )
        }
        if let inherits = section.entries.last(where: { $0.key == "inherits" })?.value {
            for parent in inherits.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !parent.isEmpty {
                try fold(kind, parent, into: &preset, chain: chain + [name])
            }
        }
        for entry in section.entries where !Self.bundleOnlyKeys.contains(entry.key) {
            preset.set(entry.key, entry.value)
        }
    }
}

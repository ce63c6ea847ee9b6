import Foundation

/// The process environment as a value, so code below `main` never calls `getenv`.
///
/// Built once from `ProcessInfo` at start-up and passed down; tests build one from a dictionary.
public struct Environment: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The real environment of this process.
    public static func current() -> Environment {
        Environment(ProcessInfo.processInfo.environment)
    }

    public subscript(key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// A flag is on when set to `1`, `true` or `yes` (any case).
    public func flag(_ key: String) -> Bool {
        guard let value = self[key]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// The environment a tool such as Blender gets: only what it needs to run, never credentials.
    ///
    /// An allow-list rather than a deny-list, so a secret under a name nobody thought of
    /// (`GITHUB_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, `AWS_SESSION_TOKEN`) cannot leak into a tool.
    public func scrubbedForTool(home: String) -> [String: String] {
        var scrubbed: [String: String] = [
            "PATH": self["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "TMPDIR": home,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        ]
        for key in ["TZ", "OMP_NUM_THREADS", "LDRAW_DIR"] {
            if let value = self[key] { scrubbed[key] = value }
        }
        return scrubbed
    }
}

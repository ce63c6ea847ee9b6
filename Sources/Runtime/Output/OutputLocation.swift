import Foundation

/// Where a job's outputs go: a local folder or an S3 bucket and prefix.
///
/// `output` names a base: files land in `<base>/<id>/` so jobs sharing one output never collide and a
/// rerun of the same job overwrites its own files. A base containing `{id}` is used as written, with the
/// id substituted, for callers who want an exact folder.
public enum OutputLocation: Sendable, Equatable {
    case local(directory: String)
    case s3(bucket: String, prefix: String)

    public static let defaultBase = "./out"

    /// Resolves `output` (or the default) for job `id`; relative paths against `workingDirectory`.
    public static func resolve(_ output: String?, id: String, workingDirectory: String) throws(JobError) -> OutputLocation {
        let base = output ?? defaultBase
        let expanded = base.contains("{id}") ? base.replacingOccurrences(of: "{id}", with: id) : nil
        if base.lowercased().hasPrefix("s3://") {
            guard let parsed = ParsedURL(expanded ?? base), !parsed.host.isEmpty else {
                throw .invalidJob("output \"\(base)\" is not a valid s3://bucket/prefix URL", path: "output")
            }
            var prefix = String(parsed.path.drop(while: { $0 == "/" }))
            // libcurl squashes `.` and `..` in a request path, so such a key would be written somewhere
            // other than the one signed and reported (or outside the prefix): refuse it.
            guard !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }), !prefix.contains("\\") else {
                throw .invalidJob("output \"\(base)\" must not contain '.' or '..' segments or backslashes", path: "output")
            }
            if expanded == nil {
                if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
                prefix += id + "/"
            } else if !prefix.isEmpty && !prefix.hasSuffix("/") {
                prefix += "/"
            }
            return .s3(bucket: parsed.host, prefix: prefix)
        }
        var path = expanded ?? base
        if path.lowercased().hasPrefix("file://") {
            guard let parsed = ParsedURL(path), parsed.host.isEmpty || parsed.host == "localhost", parsed.path.hasPrefix("/") else {
                throw .invalidJob("output \"\(base)\" must be file:///absolute/path", path: "output")
            }
            guard let decoded = parsed.path.removingPercentEncoding else {
                throw .invalidJob("output \"\(base)\" has invalid percent-encoding", path: "output")
            }
            path = decoded
        }
        if !path.hasPrefix("/") { path = workingDirectory + "/" + path }
        if expanded == nil { path += "/" + id }
        return .local(directory: URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// A syntax check at decode time, before the id is known.
    public static func validate(_ output: String, path: String) throws(JobError) {
        guard !output.isEmpty, !output.contains("\0") else {
            throw .invalidJob("output must be a non-empty path or URL", path: path)
        }
        let lower = output.lowercased()
        if lower.contains("://") && !lower.hasPrefix("s3://") && !lower.hasPrefix("file://") {
            throw .invalidJob("output must be s3://bucket/prefix/, file:///dir or a path", path: path)
        }
        _ = try resolve(output, id: "x", workingDirectory: "/")
    }

    public var isLocal: Bool { if case .local = self { true } else { false } }

    public var description: String {
        switch self {
        case .local(let directory): directory
        case .s3(let bucket, let prefix): "s3://\(bucket)/\(prefix)"
        }
    }
}

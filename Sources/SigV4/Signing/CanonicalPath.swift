/// The canonical URI stage of SigV4: path normalisation and (double) encoding.
///
/// Most services sign the path normalised (`.`, `..` and empty segments removed) and encode the already
/// encoded wire path once more; S3 signs the wire path exactly as sent, since `a//b` and `a/./b` are
/// distinct object keys there. ``SigningRules`` selects the behaviour.
enum CanonicalPath {
    /// Canonical URI for a path in its wire (already encoded) form.
    static func canonicalize(wirePath: String, rules: SigningRules) -> String {
        var path = wirePath.isEmpty ? "/" : wirePath
        if rules.normalizesPath {
            path = removeDotSegments(path)
        }
        if rules.encodesPathTwice {
            path = URIEncoding.encode(path, preservingSlash: true)
        }
        return path
    }

    /// Removes `.` and `..` segments and collapses runs of `/`, keeping a trailing slash when the input
    /// names a directory (ends in `/`, `/.` or `/..`). `..` never climbs above the root.
    static func removeDotSegments(_ path: String) -> String {
        let rawSegments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for segment in rawSegments {
            switch segment {
            case "", ".":
                continue
            case "..":
                if !kept.isEmpty { kept.removeLast() }
            default:
                kept.append(segment)
            }
        }
        if kept.isEmpty { return "/" }
        let last = rawSegments.last ?? ""
        let trailingSlash = last.isEmpty || last == "." || last == ".."
        return "/" + kept.joined(separator: "/") + (trailingSlash ? "/" : "")
    }
}

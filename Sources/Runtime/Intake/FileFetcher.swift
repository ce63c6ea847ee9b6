import Foundation

/// Fetches `file://` URLs (local mode and tests): a bounded copy, never a symlink to a device.
public struct FileFetcher: InputFetching {
    public init() {}

    public func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        guard let parsed = ParsedURL(url), parsed.scheme == "file", parsed.host.isEmpty || parsed.host == "localhost",
            let path = parsed.path.removingPercentEncoding, path.hasPrefix("/")
        else {
            throw JobError.invalidJob("\(url) is not a file:///absolute/path URL")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw JobError.badInput("input \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw JobError.badInput("input \(path) is not a regular file") }
        guard Int64(info.st_size) <= maxBytes else {
            throw JobError.badInput("input \(path) is \(info.st_size) bytes; the limit is \(maxBytes)")
        }
        do {
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: path, toPath: destination)
        } catch {
            throw JobError(.ioFailed, "cannot copy \(path): \(error.localizedDescription)")
        }
        return Int64(info.st_size)
    }
}

/// Routes each URL to the fetcher for its scheme.
public struct SchemeFetcher: InputFetching {
    public var fetchers: [String: any InputFetching]

    public init(_ fetchers: [String: any InputFetching]) {
        self.fetchers = fetchers
    }

    public func fetch(_ url: String, to destination: String, maxBytes: Int64) async throws -> Int64 {
        guard let scheme = ParsedURL(url)?.scheme else { throw JobError.invalidJob("\(url) is not a URL") }
        guard let fetcher = fetchers[scheme] else {
            throw JobError.invalidJob("\(scheme):// URLs cannot be fetched here (\(url))")
        }
        return try await fetcher.fetch(url, to: destination, maxBytes: maxBytes)
    }
}

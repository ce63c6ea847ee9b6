import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

import TestSupport

@testable import Runtime

extension PythonFixtureServer {
    /// A Python peer from `integration/platforms/` (a Lambda Runtime API, an event receiver) on 127.0.0.1.
    static func platform(_ script: String, arguments: [String] = []) async throws -> PythonFixtureServer {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../integration/platforms/\(script)").standardizedFileURL.path
        return try await start(script: path, arguments: arguments)
    }

    /// GETs `path` and parses the JSON record the peer keeps.
    func record(_ path: String) async throws -> JSONValue {
        guard let url = URL(string: "http://\(address)\(path)") else { throw URLError(.badURL) }
        let (data, _) = try await URLSession.shared.data(from: url)
        return try JSONParser.parse(Array(data))
    }
}

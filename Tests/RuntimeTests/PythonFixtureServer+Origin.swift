import Foundation
import TestSupport

extension PythonFixtureServer {
    /// `Fixtures/http_origin.py`: a real HTTP origin for the fetcher tests.
    static func loopbackOrigin() async throws -> PythonFixtureServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/http_origin.py")
        return try await start(script: script.path)
    }
}

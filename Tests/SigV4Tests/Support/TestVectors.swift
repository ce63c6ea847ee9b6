import Foundation
import Testing

/// Locates the shared SigV4 vector folder (`<repo>/../shared/sigv4-testsuite`), read at test time so the
/// vectors are never copied into the repository.
enum TestVectors {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // SigV4Tests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/sigv4-testsuite")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    /// In CI the vectors are part of the environment, so their absence is a failure, not a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// Directories under `folder` (recursively) that contain a file with extension `marker`; the
    /// aws4_testsuite nests some cases one level down.
    static func caseDirectories(under folder: URL, containing marker: (URL) -> Bool) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: Set<URL> = []
        for case let file as URL in enumerator where marker(file) {
            found.insert(file.deletingLastPathComponent().standardizedFileURL)
        }
        return found.sorted { $0.path < $1.path }
    }
}

@Suite struct TestVectorAvailabilityTests {
    @Test func vectorFolderIsPresentOrSkippedOutsideCI() {
        if TestVectors.isAvailable {
            #expect(TestVectors.isAvailable)
        } else if TestVectors.isCI {
            Issue.record("SigV4 test vectors missing at \(TestVectors.root.path) and CI=true")
        } else {
            print("notice: SigV4 test vectors not found at \(TestVectors.root.path); vector tests skipped")
        }
    }
}

import Foundation

/// What every run of the binary wrote, kept for a scan of the whole test run (`make test` does this).
///
/// Off unless `ONEJOB_TEST_CAPTURE_DIR` names a folder: then each run's stdout and stderr, and the env
/// file of each SeaweedFS server (its canary keys), are written there, and a second `swift test` with
/// `ONEJOB_TEST_SCAN_DIR` set to the same folder searches them (`CapturedOutputScanTests`).
public enum CapturedOutput {
    public static let directory = ProcessInfo.processInfo.environment["ONEJOB_TEST_CAPTURE_DIR"]

    public static func keep(stdout: Data, stderr: Data) {
        guard let directory else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = directory + "/" + UUID().uuidString
        FileManager.default.createFile(atPath: name + ".stdout", contents: stdout)
        FileManager.default.createFile(atPath: name + ".stderr", contents: stderr)
    }

    public static func keep(file: String, as name: String) {
        guard let directory, let contents = FileManager.default.contents(atPath: file) else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/" + name, contents: contents)
    }

    /// The secrets to search for: the secret key of every SeaweedFS server the captured run used.
    public static func secrets(in directory: String) -> [SecretScan.Secret] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("seaweedfs-") }.compactMap { name in
            let text = (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("AWS_SECRET_ACCESS_KEY=") }
            return line.map { SecretScan.Secret("SeaweedFS secret key (\(name))", String($0.dropFirst("AWS_SECRET_ACCESS_KEY=".count))) }
        }
    }
}

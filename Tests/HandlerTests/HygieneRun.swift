import Foundation
import TestSupport

@testable import Runtime

/// One run of the real `onejob` with every reporting channel switched on and pointed at files and
/// loopback peers, so that everything it wrote can be searched for secrets afterwards.
///
/// Channels: stdout (workflow commands apart from the rest), stderr at `LOG_LEVEL=trace`, `GITHUB_OUTPUT`,
/// `GITHUB_STEP_SUMMARY`, the termination log, the CloudEvents a loopback receiver got (headers and
/// bodies), and the environment each tool process started with (a wrapper records it, then execs the
/// real tool with the same arguments).
struct HygieneRun {
    /// Tokens a GitHub runner hands a step; none of them may reach a tool, a log or an output.
    static let githubSecrets = [
        SecretScan.Secret("GITHUB_TOKEN", "ghs_CANARYgithubTOKEN0123456789abcdef"),
        SecretScan.Secret("ACTIONS_RUNTIME_TOKEN", "CANARY-actions-runtime-token-0123456789"),
        SecretScan.Secret("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "CANARY-id-token-request-token-0123456789"),
    ]

    /// What a tool may be given: `Environment.scrubbedForTool`'s allow-list.
    static let toolVariables: Set<String> = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "OMP_NUM_THREADS", "LDRAW_DIR", "PWD", "SHLVL", "_"]

    let directory: String
    var output = BuiltBinary.Output(status: -1, stdout: "", stderr: "")
    var captures: [(source: String, text: String, channel: SecretScan.Channel)] = []
    /// Each tool start's environment, as `NAME=value` lines.
    var toolEnvironments: [String] = []

    init() throws {
        directory = try BuiltBinary.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tool-env", withIntermediateDirectories: true)
    }

    /// A wrapper for `tool` that records its environment, then runs the real tool (or fails, printing
    /// its environment where onejob keeps the tool's output tail for the error message).
    func wrapper(for tool: String, failing: Bool = false) throws -> String {
        let path = directory + "/\((tool as NSString).lastPathComponent)-wrapper"
        let tail =
            failing
            ? "/usr/bin/env\n/usr/bin/env >&2\necho 'tool failed on purpose' >&2\nexit 3\n"
            : "exec \(tool) \"$@\"\n"
        try ExecutableScript.write(
            "#!/bin/sh\n/usr/bin/env > \"\(directory)/tool-env/$$.txt\"\n" + tail, to: path)
        return path
    }

    /// The variables every hygiene run gets: GitHub Actions mode with canary tokens, the termination
    /// log, the most verbose logging, loopback URLs allowed for the callback receiver.
    func baseEnvironment() -> [String: String] {
        var environment = [
            "LOG_LEVEL": "trace", "GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "4242",
            "GITHUB_OUTPUT": directory + "/github_output", "GITHUB_STEP_SUMMARY": directory + "/step_summary",
            "ONEJOB_TERMINATION_LOG": directory + "/termination-log", "ONEJOB_ALLOW_HTTP_URLS": "1",
            "ONEJOB_ALLOW_PRIVATE_URLS": "1", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        for secret in Self.githubSecrets { environment[secret.name] = secret.value }
        return environment
    }

    /// Runs `onejob arguments…` and collects every channel.
    mutating func run(
        _ arguments: [String], environment: [String: String], receiver: PythonFixtureServer? = nil
    ) async throws {
        var merged = baseEnvironment()
        merged.merge(environment) { _, new in new }
        output = try await BuiltBinary.run(arguments, environment: merged, directory: directory)
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        captures.append(("stdout (workflow commands)", lines.filter { $0.hasPrefix("::") }.joined(separator: "\n"), .restricted))
        captures.append(("stdout (result)", lines.filter { !$0.hasPrefix("::") }.joined(separator: "\n"), .product))
        captures.append(("stderr", output.stderr, .restricted))
        for (name, channel) in [("github_output", SecretScan.Channel.product), ("step_summary", .product), ("termination-log", .restricted)] {
            if let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) {
                captures.append((name, text, channel))
            }
        }
        if let receiver {
            for (index, event) in (try await receiver.record("/events").arrayValue ?? []).enumerated() {
                let type = event["headers"]?["ce-type"]?.stringValue ?? ""
                let final = type.hasSuffix(".succeeded") || type.hasSuffix(".failed")
                captures.append(("callback \(index) \(type) headers", event["headers"]?.compactText ?? "", .restricted))
                captures.append(("callback \(index) \(type) body", event["body"]?.stringValue ?? "", final ? .product : .restricted))
            }
        }
        let environments = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/tool-env")) ?? []
        for name in environments.sorted() {
            let text = (try? String(contentsOfFile: directory + "/tool-env/" + name, encoding: .utf8)) ?? ""
            toolEnvironments.append(text)
            captures.append(("tool environment \(name)", text, .restricted))
        }
    }

    /// Adds text captured elsewhere (an object in the store, a Lambda API record).
    mutating func capture(_ source: String, _ text: String, _ channel: SecretScan.Channel) {
        captures.append((source, text, channel))
    }

    func leaks(_ scan: SecretScan) -> [SecretScan.Leak] {
        captures.flatMap { scan.leaks(in: $0.text, source: $0.source, channel: $0.channel) }
    }

    /// Variables a tool got beyond the allow-list (with their values hidden).
    func unexpectedToolVariables() -> [String] {
        toolEnvironments.flatMap { text in
            text.split(separator: "\n").compactMap { line -> String? in
                guard let equals = line.firstIndex(of: "=") else { return nil }
                let name = String(line[..<equals])
                return Self.toolVariables.contains(name) ? nil : name
            }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

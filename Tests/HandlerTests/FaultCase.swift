import Foundation
import TestSupport

@testable import Runtime

/// Where in a job's request sequence a fault is injected.
enum FaultPosition: String, Sendable, CaseIterable {
    case staleResultDelete = "single: DELETE stale result.json"
    case outputPut = "single: PUT text.stl"
    case resultPut = "single: PUT result.json"
    case create = "multipart: CreateMultipartUpload"
    case part1 = "multipart: UploadPart 1"
    case part2 = "multipart: UploadPart 2"
    case part3 = "multipart: UploadPart 3"
    case complete = "multipart: CompleteMultipartUpload"
    case multipartResultPut = "multipart: PUT result.json"
    case inputGet = "input: GET s3:// logo"

    var shape: FaultJob.Shape {
        switch self {
        case .staleResultDelete, .outputPut, .resultPut: .single
        case .create, .part1, .part2, .part3, .complete, .multipartResultPut: .multipart
        case .inputGet: .input
        }
    }

    /// The fault commits `result.json` itself: there is no store left to record the failure in.
    var isResultCommit: Bool { self == .resultPut || self == .multipartResultPut }

    func rule(_ fault: FaultProxy.Fault, persistent: Bool) -> FaultProxy.Rule {
        let times = persistent ? nil : 1
        switch self {
        case .staleResultDelete: return .init(fault, kind: "DeleteObject", key: "result.json", times: times)
        case .outputPut: return .init(fault, kind: "PutObject", key: "text.stl", times: times)
        case .resultPut, .multipartResultPut: return .init(fault, kind: "PutObject", key: "result.json", times: times)
        case .create: return .init(fault, kind: "CreateMultipartUpload", times: times)
        case .part1: return .init(fault, kind: "UploadPart", part: 1, times: times)
        case .part2: return .init(fault, kind: "UploadPart", part: 2, times: times)
        case .part3: return .init(fault, kind: "UploadPart", part: 3, times: times)
        case .complete: return .init(fault, kind: "CompleteMultipartUpload", times: times)
        case .inputGet: return .init(fault, kind: "GetObject", key: "logo.svg", times: times)
        }
    }
}

/// One cell of the matrix: a fault, once or always, at one position.
struct FaultCase: Sendable, CustomStringConvertible {
    var position: FaultPosition
    var fault: FaultProxy.Fault
    var persistent: Bool

    var description: String { "\(fault.rawValue) \(persistent ? "always" : "once") at \(position.rawValue)" }
    var slug: String {
        "\(FaultPosition.allCases.firstIndex(of: position) ?? 0)-\(fault.rawValue)-\(persistent ? "p" : "t")"
    }

    /// A truncated 204 is not a failure: the status line arrived, so the DELETE was done, and the
    /// client rightly goes on (libcurl reports success for a header block cut after the status line).
    var isHarmless: Bool { fault == .truncate && position == .staleResultDelete }

    /// Retries heal a transient fault; a persistent one ends in 74, or 75 when the store throttles.
    var expectedExit: Int32 {
        guard persistent, !isHarmless else { return 0 }
        return fault == .slowDown ? 75 : 74
    }

    static var all: [FaultCase] {
        FaultPosition.allCases.flatMap { position in
            FaultProxy.Fault.allCases.flatMap { fault in
                [false, true].map { FaultCase(position: position, fault: fault, persistent: $0) }
            }
        }
    }
}

/// What one case left behind: the run, what the proxy saw, what remained in the scratch folder.
struct FaultCaseOutcome: Sendable {
    var faultCase: FaultCase
    /// The case's `s3://` prefix (relative to the bucket); the job writes under `prefix + "fj/"`.
    var prefix: String
    var status: Int32
    var stdout: String
    var stderr: String
    var seen: [FaultProxy.Seen]
    var scratchLeft: [String]

    var outputKey: String { prefix + FaultJob.id + "/text.stl" }
    var resultKey: String { prefix + FaultJob.id + "/result.json" }

    /// Everything the promise rules out, given what an independent client finds under the prefix.
    /// - Parameter sourceSHA256: the hash of the file the stand-in tool wrote as `text.stl`.
    func problems(in store: Boto3.PrefixSnapshot, sourceSHA256: String, maxAttempts: Int = 2) -> [String] {
        var problems: [String] = []
        let expected = faultCase.expectedExit
        if status != expected {
            problems.append("exit \(status), expected \(expected): \(stderr.suffix(600))")
        }
        let faulted = seen.filter { $0.fault != nil }.count
        if faulted == 0 { problems.append("the fault never fired: \(seen.map(\.kind))") }
        if !faultCase.persistent && faulted > 1 { problems.append("a transient fault fired \(faulted) times") }
        if faultCase.persistent && !faultCase.isHarmless && faulted < maxAttempts {
            problems.append("a persistent fault fired \(faulted) times, fewer than the \(maxAttempts) attempts")
        }
        if !store.uploads.isEmpty { problems.append("orphaned multipart uploads: \(store.uploads)") }
        if !scratchLeft.isEmpty { problems.append("scratch folder not removed: \(scratchLeft)") }
        for (key, sha256) in store.objects where key != resultKey {
            if key != outputKey { problems.append("unexpected object \(key)") }
            if sha256 != sourceSHA256 { problems.append("\(key) differs from the local file") }
        }
        let stored = store.results[resultKey].flatMap { try? JSONParser.parse(Array($0.utf8)) }
        if expected == 0 {
            problems += successProblems(stored, store: store, sourceSHA256: sourceSHA256)
        } else if faultCase.position.isResultCommit {
            // The contract when result.json itself cannot be written: the exit code, an error record on
            // stderr, and no result.json in the store (a PUT that landed with its answer lost is retracted).
            if stored != nil { problems.append("a result.json exists although its commit failed") }
            let record = stderr.split(separator: "\n").last { $0.contains(#""exitCode""#) } ?? ""
            if !record.contains(String(expected)) { problems.append("no error record with exit \(expected)") }
        } else {
            if stored?["status"]?.stringValue != "failed" { problems.append("no failed result.json in the store") }
            if stored?["exitCode"]?.doubleValue != Double(expected) {
                problems.append("result.json exitCode \(String(describing: stored?["exitCode"]))")
            }
            if stored?["outputs"]?.arrayValue?.isEmpty == false {
                problems.append("a failed result.json lists outputs")
            }
        }
        return problems
    }

    private func successProblems(_ stored: JSONValue?, store: Boto3.PrefixSnapshot, sourceSHA256: String) -> [String] {
        guard let stored, stored["status"]?.stringValue == "succeeded" else {
            return ["no succeeded result.json in the store"]
        }
        let outputs = stored["outputs"]?.arrayValue ?? []
        var problems: [String] = []
        if outputs.count != 1 { problems.append("result.json lists \(outputs.count) outputs") }
        for output in outputs {
            let key = output["key"]?.stringValue ?? ""
            if output["sha256"]?.stringValue != sourceSHA256 { problems.append("\(key) listed with a wrong hash") }
            if store.objects[key] != sourceSHA256 { problems.append("listed output \(key) is missing or differs") }
        }
        return problems
    }
}

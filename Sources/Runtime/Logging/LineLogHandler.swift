import Foundation
import Logging

/// A swift-log handler writing one record per line to stderr: JSON for log collectors (Cloud Logging
/// reads `severity`, CloudWatch and Kubernetes keep lines whole), plain text when a person is watching.
public struct LineLogHandler: LogHandler {
    public enum Format: Sendable { case json, text }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: Format
    private let redactor: Redactor
    private let sink: LineSink

    public init(label: String, level: Logger.Level, format: Format, redactor: Redactor, sink: LineSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.redactor = redactor
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let message = redactor.redact(event.message.description)
        switch format {
        case .json:
            var members: [(key: String, value: JSONValue)] = [
                ("time", .string(ResultDocument.timestamp(Date()))),
                ("severity", .string(Self.severity(event.level))),
                ("message", .string(message)),
            ]
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                members.append((key: key, value: Self.json(value, redactor: redactor)))
            }
            sink.write(JSONValue.object(members).compactText + "\n")
        case .text:
            let fields = merged.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\(redactor.redact($0.value.description))" }
            let suffix = fields.isEmpty ? "" : "  " + fields.joined(separator: " ")
            sink.write("\(Self.severity(event.level).lowercased()): \(message)\(suffix)\n")
        }
    }

    /// Google Cloud Logging severities, which other collectors understand too.
    static func severity(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "NOTICE"
        case .warning: "WARNING"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        }
    }

    static func json(_ value: Logger.Metadata.Value, redactor: Redactor) -> JSONValue {
        switch value {
        case .string(let string): .string(redactor.redact(string))
        case .stringConvertible(let convertible as any BinaryInteger): .number(Double(convertible))
        case .stringConvertible(let convertible as Bool): .bool(convertible)
        case .stringConvertible(let convertible): .string(redactor.redact(convertible.description))
        case .array(let array): .array(array.map { json($0, redactor: redactor) })
        case .dictionary(let dictionary):
            .object(dictionary.sorted(by: { $0.key < $1.key }).map { (key: $0.key, value: json($0.value, redactor: redactor)) })
        }
    }

    /// The level from `LOG_LEVEL` (trace…critical, or warn), default info.
    public static func level(from environment: Environment) -> Logger.Level {
        switch environment["LOG_LEVEL"]?.lowercased() {
        case "warn": .warning
        case let name?: Logger.Level(rawValue: name) ?? .info
        case nil: .info
        }
    }
}

/// Where log lines go. Each line is one `write(2)`, so lines from concurrent tasks never interleave.
public struct LineSink: Sendable {
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardError = LineSink(fileDescriptor: 2)

    /// Writes each line to `fileDescriptor` whole: partial writes are continued and `EINTR` retried, so a
    /// signal arriving mid-line does not cut it. Other errors drop the line; a log has nowhere to report them.
    init(fileDescriptor: Int32) {
        self.init { line in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                guard var base = buffer.baseAddress else { return }
                var remaining = buffer.count
                while remaining > 0 {
                    let written = Foundation.write(fileDescriptor, base, remaining)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    remaining -= written
                    base += written
                }
            }
        }
    }
}

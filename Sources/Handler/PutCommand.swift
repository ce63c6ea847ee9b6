import ArgumentParser
import Foundation
import Logging
import Runtime
import S3

/// `onejob put FILE s3://bucket/key`: one upload exactly as a job's outputs are uploaded (streamed
/// SHA-256, checksums, multipart above the threshold, retries), for scripts and the benchmark.
struct PutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Upload one file to S3 the way job outputs are uploaded, and print what was stored.")

    @Argument(help: "The file to upload.")
    var file: String

    @Argument(help: ArgumentHelp("The destination.", valueName: "s3://bucket/key"))
    var destination: String

    @Option(help: "Content-Type (default: from the extension).")
    var contentType: String?

    @Option(help: "Cache-Control (default: ONEJOB_S3_CACHE_CONTROL, else none).")
    var cacheControl: String?

    @Option(help: ArgumentHelp("Also print a presigned GET URL valid this long (1-604800).", valueName: "SECONDS"))
    var presign: Int?

    func run() async throws {
        let environment = Runtime.Environment.current()
        let bootstrap = Bootstrap(environment: environment)
        do {
            // The key is taken literally (spaces, `%`, non-ASCII), as `aws s3 cp` does: it is a shell
            // argument, not a URL that was percent-encoded for transport.
            guard destination.hasPrefix("s3://"), let slash = destination.dropFirst(5).firstIndex(of: "/") else {
                throw JobError.invalidJob("the destination must be s3://bucket/key, not \(destination)")
            }
            let bucket = String(destination.dropFirst(5)[..<slash])
            let key = String(destination[destination.index(after: slash)...])
            guard !bucket.isEmpty, !key.isEmpty else {
                throw JobError.invalidJob("the destination must be s3://bucket/key, not \(destination)")
            }
            if let presign, !(1...604_800).contains(presign) {
                throw JobError.invalidJob("--presign must be 1 to 604800 seconds")
            }
            let client = try bootstrap.s3.client()
            let put = try await client.uploadFile(
                bucket: bucket, key: key, file: file, contentType: contentType ?? S3ContentType.forPath(key),
                cacheControl: cacheControl)
            var members: [(key: String, value: JSONValue)] = [
                ("url", .string("s3://\(bucket)/\(key)")), ("key", .string(key)),
                ("bytes", .number(Double(put.bytes))), ("sha256", .string(put.sha256)), ("etag", .string(put.etag)),
                ("parts", .number(Double(put.partCount))), ("contentType", .string(put.contentType)),
            ]
            if let presign {
                let link = try await client.presignedGetURL(bucket: bucket, key: key, expiresIn: presign)
                members.append(("presignedUrl", .string(link)))
            }
            print(JSONValue.object(members).prettyText())
        } catch {
            let code = Runtime.ExitCode(for: error)
            let message = (error as? JobError)?.message ?? String(describing: error)
            bootstrap.logger.error(
                "\(message)", metadata: ["class": "\(code.className)", "exitCode": .stringConvertible(code.rawValue)])
            throw exitProcess(code)
        }
    }
}

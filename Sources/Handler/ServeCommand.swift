import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Runtime
import ServiceLifecycle
import Synchronization

/// `onejob serve`: the CloudEvents endpoint for Cloud Run services, Eventarc and Knative.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Take jobs as CloudEvents over HTTP (POST /), answering when each job is done.",
        discussion: """
            Binary or structured CloudEvents 1.0; data is a job document or {"jobUrl": "s3://…"}.
            200 with result.json (a reply event with Prefer: reply), 400 malformed or invalid, 5xx retryable,
            429 while a job runs. GET /healthz, GET /metrics (Prometheus). SIGTERM: stop accepting, let the
            running job finish within --grace seconds, then cancel it.
            """)

    @Option(help: "Port to listen on (default $PORT, else 8080; 0 picks a free port).")
    var port: Int?

    @Option(help: "Address to listen on.")
    var host: String = "0.0.0.0"

    @Option(name: .customLong("max-jobs"), help: "Exit after this many jobs (0 = keep serving).")
    var maxJobs: Int = 1

    @Option(help: ArgumentHelp("Where outputs go (replaces each job's output).", valueName: "URL"))
    var output: String?

    @Option(help: "Seconds a running job may take to finish after SIGTERM before it is cancelled.")
    var grace: Int = 10

    func validate() throws {
        if maxJobs < 0 { throw ValidationError("--max-jobs must be 0 or more") }
        if grace < 0 { throw ValidationError("--grace must be 0 or more") }
    }

    func run() async throws {
        let environment = Runtime.Environment.current()
        let bootstrap = Bootstrap(environment: environment)
        var identity = PlatformIdentity(environment: environment)
        await identity.addECSTask(environment: environment, transport: Bootstrap.http)
        let logger = identity.decorate(bootstrap.logger)
        var runner = bootstrap.runner(outputOverride: output ?? environment["ONEJOB_OUTPUT"], timeoutOverride: nil)
        runner.logger = logger
        runner.observers = RunReporters.standard(
            environment: environment, transport: Bootstrap.http, logger: logger, source: identity.eventSource)
        if let problem = StartupCheck.problem(runner: runner) {
            logger.error("start-up failed", metadata: ["class": "\(problem.code.className)", "error": "\(problem.message)"])
            throw exitProcess(problem.code)
        }

        let groupHolder = Mutex<ServiceGroup?>(nil)
        let metrics = ServeMetrics()
        let endpoint = EventEndpoint(
            runner: runner, payload: bootstrap.jobPayload, gate: JobGate(), metrics: metrics,
            logger: logger, eventSource: identity.eventSource, maxJobs: maxJobs,
            onLimitReached: {
                let group = groupHolder.withLock { $0 }
                await group?.triggerGracefulShutdown()
            })

        let router = Router()
        router.post("/") { request, _ -> Response in
            let body = try await request.body.collect(upTo: JobLimits.maxDocumentBytes * 2 + 64 * 1024)
            var headers: [(name: String, value: [UInt8])] = []
            for field in request.headers {
                headers.append((field.name.canonicalName, field.withUnsafeBytesOfValue { Array($0) }))
            }
            let prefersReply = request.headers[values: .init("Prefer")!].contains { $0.lowercased().contains("reply") }
            let answer = await endpoint.handle(headers: headers, body: Array(body.readableBytesView), prefersReply: prefersReply)
            return Self.response(answer)
        }
        router.get("/healthz") { _, _ -> Response in
            Self.response(Self.health(environment))
        }
        router.get("/metrics") { _, _ -> Response in
            var fields = HTTPFields()
            fields[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }

        let listenPort = port ?? environment["PORT"].flatMap { Int($0) } ?? 8080
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: listenPort), serverName: nil),
            onServerRunning: { channel in
                logger.info("listening", metadata: ["port": "\(channel.localAddress?.port ?? listenPort)", "host": "\(host)"])
            }, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(grace)
        let group = ServiceGroup(configuration: configuration)
        groupHolder.withLock { $0 = group }
        try await group.run()
        logger.info("server stopped")
    }

    static func response(_ answer: EventEndpoint.Answer) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: .init(code: answer.status), headers: fields,
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// 200 when at least one tool is usable, else 503, with where each tool was found.
    static func health(_ environment: Runtime.Environment) -> EventEndpoint.Answer {
        let locator = ToolLocator(environment: environment)
        var members: [(key: String, value: JSONValue)] = []
        var any = false
        for tool in ["blender", "prusa-slicer"] {
            if let path = try? locator.locate(tool, installHint: "") {
                members.append((tool, .string(path)))
                any = true
            } else {
                members.append((tool, .null))
            }
        }
        let body = JSONValue.object([("status", .string(any ? "ok" : "no tools")), ("tools", .object(members))])
        return EventEndpoint.Answer(
            status: any ? 200 : 503, headers: [("Content-Type", "application/json")], body: Array((body.compactText + "\n").utf8))
    }
}

import Testing

@testable import Runtime

@Suite struct OutputLocationTests {
    @Test(arguments: [
        (nil as String?, OutputLocation.local(directory: "/work/out/abc")),
        ("./renders", .local(directory: "/work/renders/abc")),
        ("/srv/x/", .local(directory: "/srv/x/abc")),
        ("file:///srv/my%20dir", .local(directory: "/srv/my dir/abc")),
        ("/srv/{id}-done", .local(directory: "/srv/abc-done")),
        ("s3://bucket", .s3(bucket: "bucket", prefix: "abc/")),
        ("s3://bucket/renders/parts/", .s3(bucket: "bucket", prefix: "renders/parts/abc/")),
        ("s3://bucket/renders/parts", .s3(bucket: "bucket", prefix: "renders/parts/abc/")),
        ("s3://bucket/exact/{id}", .s3(bucket: "bucket", prefix: "exact/abc/")),
    ])
    func resolves(output: String?, expected: OutputLocation) throws {
        #expect(try OutputLocation.resolve(output, id: "abc", workingDirectory: "/work") == expected)
    }

    @Test(arguments: ["s3://", "file://host/x", "file://relative", "gs://b/x", ""])
    func rejects(output: String) {
        #expect(throws: JobError.self) { try OutputLocation.validate(output, path: "output") }
    }

    @Test(arguments: ["../x", "/abs", "a/../b", "a//b", "a\\b", "result.json", "", "a/./b"])
    func rejectsEscapingOutputNames(name: String) {
        #expect(throws: JobError.self) { try OutputName.validate(name) }
    }

    @Test(arguments: ["model.stl", "previews/front.png", "part 3001.svg"])
    func acceptsPlainOutputNames(name: String) throws {
        try OutputName.validate(name)
    }
}

@Suite struct JobSourceTests {
    @Test func selectsTheOneGivenSource() throws {
        let empty = Environment([:])
        #expect(try JobSource.select(jobArgument: "j.json", environment: empty, stdinIsTerminal: true) == .file("j.json"))
        #expect(try JobSource.select(jobArgument: "-", environment: empty, stdinIsTerminal: true) == .standardInput)
        #expect(try JobSource.select(jobArgument: nil, environment: empty, stdinIsTerminal: false) == .standardInput)
        let inline = Environment(["ONEJOB_JOB": "{}"])
        #expect(try JobSource.select(jobArgument: nil, environment: inline, stdinIsTerminal: false) == .inline(variable: "ONEJOB_JOB", json: "{}"))
        let action = Environment(["INPUT_JOB_URL": "s3://b/j.json", "INPUT_JOB": ""])
        #expect(try JobSource.select(jobArgument: nil, environment: action, stdinIsTerminal: true) == .url(variable: "INPUT_JOB_URL", url: "s3://b/j.json"))
    }

    @Test func twoSourcesNameBoth() {
        #expect {
            _ = try JobSource.select(jobArgument: "j.json", environment: Environment(["ONEJOB_JOB_URL": "https://x"]), stdinIsTerminal: true)
        } throws: { error in
            let message = (error as? JobError)?.message ?? ""
            return message.contains("--job j.json") && message.contains("ONEJOB_JOB_URL")
        }
    }

    @Test func noSourceOnATerminalIsAnError() {
        #expect(throws: JobError.self) { _ = try JobSource.select(jobArgument: nil, environment: Environment([:]), stdinIsTerminal: true) }
    }
}

@Suite struct RedactorTests {
    @Test func masksSecretsAndSignatures() {
        let redactor = Redactor(environment: Environment(["AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG", "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEJr"]))
        let text = "key wJalrXUtnFEMI/K7MDENG token FwoGZXIvYXdzEJr url https://b.s3/x?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abcdef0123&y=1"
        let redacted = redactor.redact(text)
        #expect(!redacted.contains("wJalrXUtnFEMI"))
        #expect(!redacted.contains("FwoGZXIvYXdzEJr"))
        #expect(!redacted.contains("abcdef0123"))
        #expect(redacted.contains("X-Amz-Signature=***&y=1"))
    }
}

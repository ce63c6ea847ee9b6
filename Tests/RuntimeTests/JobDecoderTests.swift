import Testing

@testable import Runtime

@Suite struct JobDecoderTests {
    let decoder = JobDecoder(handlers: HandlerRegistry([EchoHandler()]))

    func decode(_ text: String) throws(JobError) -> Job {
        try decoder.decode(Array(text.utf8))
    }

    @Test func fillsDefaultsAndComputesAStableID() throws {
        let job = try decode(#"{"kind":"echo","params":{"text":"hi"}}"#)
        #expect(job.params == .object(["text": .string("hi"), "size": .number(10)]))
        #expect(job.timeoutSeconds == JobLimits.defaultTimeoutSeconds)
        #expect(job.id.count == 16 && job.id.allSatisfy(\.isHexDigit))
        // Same work, written differently (order, explicit defaults, output, callback) → same id.
        let same = try decode(#"{"params":{"size":10.0,"text":"hi"},"apiVersion":"onejob/v1","kind":"echo","output":"./x","callback":"https://h.example/ce"}"#)
        #expect(same.id == job.id)
        let other = try decode(#"{"kind":"echo","params":{"text":"ho"}}"#)
        #expect(other.id != job.id)
    }

    @Test func keepsAnExplicitID() throws {
        #expect(try decode(#"{"kind":"echo","id":"part-3001_red.v2","params":{"text":"a"}}"#).id == "part-3001_red.v2")
    }

    @Test(arguments: [
        (#"{"kind":"echo","params":{"text":"a"},"timeout":5}"#, "timeout is not a known field", "timeout"),
        (#"{"kind":"echo","params":{"text":"a","sise":3}}"#, "params.sise is not a known field", "params.sise"),
        (#"{"kind":"nope"}"#, "unknown kind \"nope\" (known kinds: echo)", "kind"),
        (#"{"params":{}}"#, "kind is required", "kind"),
        (#"{"kind":"echo","params":{}}"#, "params.text is required", "params.text"),
        (#"{"kind":"echo","params":{"text":"a","size":1000}}"#, "params.size must be between 1 and 100", "params.size"),
        (#"{"kind":"echo","params":{"text":5}}"#, "params.text must be a string, found a number", "params.text"),
        (#"{"kind":"echo","apiVersion":"onejob/v2","params":{"text":"a"}}"#, "apiVersion \"onejob/v2\" is not supported", "apiVersion"),
        (#"{"kind":"echo","params":{"text":"a"},"timeoutSeconds":0}"#, "timeoutSeconds must be a whole number", "timeoutSeconds"),
        (#"{"kind":"echo","params":{"text":"a"},"timeoutSeconds":86401}"#, "timeoutSeconds must be a whole number", "timeoutSeconds"),
        (#"{"kind":"echo","params":{"text":"a"},"timeoutSeconds":1.5}"#, "timeoutSeconds must be a whole number", "timeoutSeconds"),
        (#"{"kind":"echo","params":{"text":"a"},"id":"../x"}"#, "id must be", "id"),
        (#"{"kind":"echo","params":{"text":"a"},"inputs":{"other":"https://x.example/a"}}"#, "inputs.other is not an input of echo", "inputs.other"),
        (#"{"kind":"echo","params":{"text":"a"},"inputs":{"data":"ftp://x.example/a"}}"#, "ftp://, which is not allowed", "inputs.data"),
        (#"{"kind":"echo","params":{"text":"a"},"inputs":{"data":"http://x.example/a"}}"#, "ONEJOB_ALLOW_HTTP_URLS", "inputs.data"),
        (#"{"kind":"echo","params":{"text":"a"},"output":"s3://b/p/","inputs":{"data":"file:///etc/passwd"}}"#, "file://", "inputs.data"),
        (#"{"kind":"echo","params":{"text":"a"},"output":"gs://b/p"}"#, "output must be", "output"),
        (#"{"kind":"echo","params":{"text":"a"},"callback":"ftp://h"}"#, "callback", "callback"),
        (#"[1]"#, "must be a JSON object", "$"),
    ])
    func rejectsNamingThePath(text: String, fragment: String, path: String) {
        #expect {
            _ = try decode(text)
        } throws: { error in
            guard let error = error as? JobError else { return false }
            return error.code == .invalidJob && error.message.contains(fragment) && error.detail["path"] == path
        }
    }

    @Test func reportsLineAndColumnOfMalformedJSON() {
        #expect {
            _ = try decode("{\n \"kind\": \"echo\",\n \"params\": {\"text\": \"a\"\n}")
        } throws: { error in
            let error = error as? JobError
            return error?.code == .invalidJob && error?.detail["line"] == "4" && error?.message.contains("line 4") == true
        }
    }

    @Test func refusesOversizedDocuments() {
        let big = #"{"kind":"echo","params":{"text":"a"},"id":""# + String(repeating: "a", count: 300 * 1024) + "\"}"
        #expect(throws: JobError.self) { _ = try decode(big) }
    }

    @Test func fileInputsAllowedForLocalOutputOnly() throws {
        let job = try decode(#"{"kind":"echo","params":{"text":"a"},"inputs":{"data":"file:///tmp/x.bin"}}"#)
        #expect(job.inputs["data"] == "file:///tmp/x.bin")
    }

    @Test func outputOverrideReplacesTheDocumentsOutput() throws {
        let overriding = JobDecoder(handlers: HandlerRegistry([EchoHandler()]), outputOverride: "/srv/out")
        let job = try overriding.decode(Array(#"{"kind":"echo","params":{"text":"a"},"output":"s3://b/"}"#.utf8))
        #expect(job.output == "/srv/out")
    }
}

import Testing

@testable import Runtime

@Suite struct EnvironmentTests {
    @Test func toolEnvironmentIsAnAllowList() {
        let environment = Environment([
            "PATH": "/usr/bin:/bin", "HOME": "/root", "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s3cret",
            "AWS_SESSION_TOKEN": "tok", "GITHUB_TOKEN": "ghp", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "x", "MY_API_KEY": "k",
            "ONEJOB_JOB": "{}", "LDRAW_DIR": "/srv/ldraw", "TZ": "UTC",
        ])
        let scrubbed = environment.scrubbedForTool(home: "/tmp/job")
        #expect(Set(scrubbed.keys) == ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "LDRAW_DIR", "TZ"])
        #expect(scrubbed["HOME"] == "/tmp/job")
        #expect(scrubbed["PATH"] == "/usr/bin:/bin")
    }

    @Test func emptyValuesCountAsUnset() {
        // GitHub Actions sets every declared input, empty when the workflow gave none.
        let environment = Environment(["INPUT_JOB": "", "FLAG": "TRUE", "OFF": "0"])
        #expect(environment["INPUT_JOB"] == nil)
        #expect(environment.flag("FLAG"))
        #expect(!environment.flag("OFF"))
        #expect(!environment.flag("MISSING"))
    }

    @Test func exitCodeTableIsStable() {
        let table = ExitCode.allCases.map { "\($0.rawValue) \($0.className) \($0.isRetryable)" }
        #expect(table == [
            "0 success false", "64 invalid-job false", "65 bad-input false", "69 tool-missing false",
            "70 tool-failed true", "74 io-failed true", "75 temporary true", "77 access-denied false",
            "124 deadline-exceeded true", "143 cancelled true",
        ])
    }
}

import Testing

@testable import Runtime

/// What each platform's environment makes of the log identity and of the CloudEvent `source`.
@Suite struct PlatformIdentityTests {
    @Test(arguments: [
        ([:], "onejob"),
        (["K_SERVICE": "render", "K_REVISION": "render-00002-xyz"], "/services/render"),
        (["GITHUB_RUN_ID": "42", "K_SERVICE": "render"], "//github.com/actions/runs/42"),
        (["CLOUD_RUN_EXECUTION": "render-abc", "CLOUD_RUN_TASK_INDEX": "3"], "//run.googleapis.com/executions/render-abc"),
    ] as [([String: String], String)])
    func eventSourceIsTheMostSpecificIdentity(environment: [String: String], source: String) {
        #expect(PlatformIdentity(environment: Environment(environment)).eventSource == source)
    }

    @Test func anECSTaskOutranksEverythingElse() {
        var identity = PlatformIdentity(environment: Environment(["CLOUD_RUN_EXECUTION": "x", "K_SERVICE": "s"]))
        identity.fields["ecsTaskArn"] = "arn:aws:ecs:us-east-1:123456789012:task/c/abc"
        #expect(identity.eventSource == "arn:aws:ecs:us-east-1:123456789012:task/c/abc")
    }

    @Test func logFieldsNameOnlyWhatThePlatformSaid() {
        let identity = PlatformIdentity(environment: Environment([
            "K_SERVICE": "render", "K_REVISION": "render-00002-xyz", "CLOUD_RUN_TASK_ATTEMPT": "1", "HOME": "/root",
        ]))
        #expect(identity.fields == ["service": "render", "revision": "render-00002-xyz", "taskAttempt": "1"])
    }
}

import HTTPClient
import Logging

/// The reporters a process uses, chosen from the environment once at start-up.
public enum RunReporters {
    /// Callbacks always (they act only for jobs that name one), the termination log always (it writes
    /// only where Kubernetes mounted it or `ONEJOB_TERMINATION_LOG` points), GitHub when in Actions.
    ///
    /// When GitHub Actions is detected the secrets are masked here, so call this before printing anything.
    public static func standard(
        environment: Environment, transport: any HTTPTransport, logger: Logger, source: String = "onejob"
    ) -> [any RunObserver] {
        let policy = URLPolicy(environment: environment)
        let sender = CallbackSender(
            transport: transport, addressPolicy: AddressPolicy(allowPrivate: policy.allowPrivateAddresses), logger: logger)
        var observers: [any RunObserver] = [
            CallbackReporter(sender: sender, source: source),
            TerminationLogReporter(environment: environment, logger: logger),
        ]
        if GitHubReporter.isActive(environment) {
            let github = GitHubReporter(environment: environment, logger: logger)
            github.maskSecrets()
            observers.append(github)
        }
        return observers
    }
}

import HTTPClient
import SigV4

/// Tries providers in order and returns the first credentials any of them produces.
///
/// Every provider is asked on every call, in order, rather than remembering the one that worked: the
/// unconfigured ones fail on an environment lookup without I/O, so the walk costs nothing, and a stateless
/// chain cannot get stuck on a provider that has stopped working. Wrap it in ``CachedCredentialsProvider``.
public struct CredentialsChain: CredentialsProviding {
    public let providers: [any CredentialsProviding]

    public init(providers: [any CredentialsProviding]) {
        self.providers = providers
    }

    /// The standard order: environment → web identity → container → IMDS.
    public init(environment: [String: String], transport: any HTTPTransport) {
        self.init(providers: [
            EnvironmentCredentialsProvider(environment: environment),
            WebIdentityCredentialsProvider(environment: environment, transport: transport),
            ContainerCredentialsProvider(environment: environment, transport: transport),
            IMDSCredentialsProvider(environment: environment, transport: transport),
        ])
    }

    /// - Throws: ``CredentialsError/Code/unavailable`` naming every provider and why it failed;
    ///   `CancellationError` as soon as the task is cancelled.
    public func credentials() async throws -> Credentials {
        var failures: [CredentialsError] = []
        for provider in providers {
            try Task.checkCancellation()
            do {
                return try await provider.credentials()
            } catch let error as CredentialsError {
                failures.append(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A provider from outside this module; its type names it and its text is all we have.
                failures.append(
                    CredentialsError(
                        .requestFailed, provider: String(describing: type(of: provider)),
                        message: String(describing: error)))
            }
        }
        throw CredentialsError.unavailable(failures)
    }

    public func invalidate() async {
        for provider in providers {
            await provider.invalidate()
        }
    }
}

/// Something that wants to hear how a run goes: reporters for GitHub Actions, Kubernetes and callbacks.
///
/// The runner calls these in order (started, any progress, finished) and never lets an observer fail
/// the job: reporting is best effort, the exit code and `result.json` are the contract.
public protocol RunObserver: Sendable {
    /// The job was decoded and accepted; not called for a document that did not validate.
    func jobStarted(_ job: Job) async
    /// Tool progress in percent, as often as the tool prints it; rate limiting is the observer's business.
    /// Synchronous because it is called from the tool's output reader, which must not wait on the network.
    func jobProgressed(_ job: Job, percent: Double)
    /// The run ended (any way) and `result.json` was committed where possible.
    func jobFinished(_ report: RunReport) async
}

extension RunObserver {
    public func jobStarted(_ job: Job) async {}
    public func jobProgressed(_ job: Job, percent: Double) {}
    public func jobFinished(_ report: RunReport) async {}
}

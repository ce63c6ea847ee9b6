/// Which share of a batch this task does: task `index` of `count` takes jobs `i` with `i mod count == index`.
public struct TaskSlot: Sendable, Equatable {
    public var index: Int
    public var count: Int
    /// Cloud Run's `CLOUD_RUN_TASK_ATTEMPT`: above 0 this task is a retry (finished jobs are skipped).
    public var attempt: Int

    public init(index: Int, count: Int, attempt: Int = 0) {
        self.index = index
        self.count = count
        self.attempt = attempt
    }

    /// Cloud Run jobs (`CLOUD_RUN_TASK_INDEX`/`CLOUD_RUN_TASK_COUNT`), else Kubernetes Indexed Jobs
    /// (`JOB_COMPLETION_INDEX` with `ONEJOB_TASK_COUNT`, since Kubernetes does not export the count),
    /// else one task doing everything.
    /// - Throws: ``JobError`` `.invalidJob` for values that are not numbers or an index outside the count.
    public static func from(_ environment: Environment) throws(JobError) -> TaskSlot {
        func number(_ name: String) throws(JobError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw .invalidJob("\(name) must be a whole number, not \"\(text)\"") }
            return value
        }
        let attempt = try number("CLOUD_RUN_TASK_ATTEMPT") ?? 0
        let slot: TaskSlot
        if let index = try number("CLOUD_RUN_TASK_INDEX") {
            slot = TaskSlot(index: index, count: try number("CLOUD_RUN_TASK_COUNT") ?? 1, attempt: attempt)
        } else if let index = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("ONEJOB_TASK_COUNT") else {
                throw .invalidJob("JOB_COMPLETION_INDEX is set but ONEJOB_TASK_COUNT is not: set it to the Job's completions")
            }
            slot = TaskSlot(index: index, count: count, attempt: attempt)
        } else {
            slot = TaskSlot(index: 0, count: 1, attempt: attempt)
        }
        guard slot.count >= 1, slot.index < slot.count else {
            throw .invalidJob("task index \(slot.index) is outside a count of \(slot.count)")
        }
        return slot
    }

    /// Whether job number `position` (0-based, in file order) belongs to this task.
    public func owns(_ position: Int) -> Bool {
        position % count == index
    }
}

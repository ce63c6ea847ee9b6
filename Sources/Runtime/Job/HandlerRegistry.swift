/// The job kinds this binary can run, by `kind` name.
public struct HandlerRegistry: Sendable {
    private var handlers: [String: any JobHandler] = [:]

    public init(_ handlers: [any JobHandler]) {
        for handler in handlers { self.handlers[handler.kind] = handler }
    }

    public subscript(kind: String) -> (any JobHandler)? { handlers[kind] }

    /// Sorted, for error messages and `--help`.
    public var kinds: [String] { handlers.keys.sorted() }
}

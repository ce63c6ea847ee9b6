import Runtime

/// Every job kind this binary can run.
enum Kinds {
    static var all: [any JobHandler] { [] }
    static var registry: HandlerRegistry { HandlerRegistry(all) }
}

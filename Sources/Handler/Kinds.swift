import Runtime

/// Every job kind this binary can run.
enum Kinds {
    static var all: [any JobHandler] { [TextMeshHandler()] }
    static var registry: HandlerRegistry { HandlerRegistry(all) }
}

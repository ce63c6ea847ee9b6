import Runtime

/// Every job kind this binary can run.
enum Kinds {
    static var all: [any JobHandler] { [TextMeshHandler(), ArtPrintHandler()] }
    static var registry: HandlerRegistry { HandlerRegistry(all) }
}

import Runtime

/// Every job kind this binary can run.
enum Kinds {
    static var all: [any JobHandler] { [TextMeshHandler(), LDrawSVGHandler(), SliceQuoteHandler(), ArtPrintHandler()] }
    static var registry: HandlerRegistry { HandlerRegistry(all) }
}

import HandlerParsers
import Runtime

@testable import HandlerParsers

/// The four job kinds as the decoder sees them: their real parameter validation and inputs, no tools.
///
/// The handlers themselves live in the `onejob` executable with Blender and PrusaSlicer attached; only
/// `normalize(params:)` and `inputs` matter to decoding, and those call the same params types.
struct KindParams: JobHandler {
    let kind: String
    let inputs: [InputSpec]
    let normalizer: @Sendable (JSONValue) throws -> JSONValue

    var paramsSchema: JSONValue { .object([]) }

    func normalize(params: JSONValue) throws -> JSONValue { try normalizer(params) }

    func run(_ context: JobContext) async throws -> JobOutcome {
        throw JobError.toolMissing("the fuzz build runs no tools")
    }

    static let registry = HandlerRegistry([
        KindParams(kind: "text-mesh", inputs: [InputSpec(name: "logo", required: false)]) {
            try TextMeshParams(validating: $0).json
        },
        KindParams(kind: "ldraw-svg", inputs: []) { try LDrawSVGParams(validating: $0).json },
        KindParams(kind: "art-print", inputs: [InputSpec(name: "image", required: true)]) {
            try ArtPrintParams(validating: $0).normalized
        },
        KindParams(kind: "slice-quote", inputs: [InputSpec(name: "model", required: true)]) {
            try SliceQuoteParams(validating: $0).json
        },
    ])
}

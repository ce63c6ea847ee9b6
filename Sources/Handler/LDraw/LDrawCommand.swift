/// One drawing line of an LDraw file (types 1–5); meta commands (type 0) are dropped by the parser.
///
/// BFC winding statements are type 0 lines and are ignored on purpose: a line drawing needs no
/// back-face culling, and hidden lines are removed by ray casting against every face.
public enum LDrawCommand: Sendable, Equatable {
    /// Type 1: a subfile placed with a transform; `name` as written (may hold `s\` or `48\`).
    case reference(color: Int, transform: LDrawTransform, name: String)
    /// Type 2: an edge line, always drawn (when visible).
    case line(color: Int, LDrawVector, LDrawVector)
    /// Type 3.
    case triangle(color: Int, LDrawVector, LDrawVector, LDrawVector)
    /// Type 4, vertices in order around the quad.
    case quad(color: Int, LDrawVector, LDrawVector, LDrawVector, LDrawVector)
    /// Type 5: drawn only when both control points fall on the same side of the line on screen.
    case optional(color: Int, LDrawVector, LDrawVector, control1: LDrawVector, control2: LDrawVector)
}
